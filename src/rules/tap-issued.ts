import { initiatorName, lifetimeMinutes, principalName } from './describe';
import type { Rule } from './types';

/** Baseline: every TAP creation is recorded, so the other rules have a finding to add to. */
export const tapIssued = {
  id: 'tap-issued',
  title: 'Temporary Access Pass issued',
  severity: 'informational',
  attack: ['T1078.004'],
  description:
    'A Temporary Access Pass was created for a user. A TAP satisfies strong authentication and lets its holder register new sign-in methods, so each one is a potential account takeover and is recorded even when nothing else is wrong.',
  triage: [
    'Confirm with the initiator that the TAP was requested (ticket, onboarding or recovery).',
    'Review the target\'s sign-ins that used "Temporary Access Pass" during its lifetime and the methods registered afterwards.',
  ],
  falsePositives: [
    'Help-desk account recovery, onboarding of new staff and Lifecycle Workflows issue TAPs as routine.',
  ],
  needsDirectory: false,
  evaluate(event) {
    // Without a target object id the pass cannot be attributed to an account.
    if (!event.target.id) return undefined;
    const minutes = lifetimeMinutes(event.tap);
    const lifetime = minutes === undefined ? '' : `, valid for ${minutes} minutes`;
    const usage = event.tap.usage ? ` (${event.tap.usage} use)` : '';
    return {
      reason: `Temporary Access Pass issued to ${principalName(event.target)} by ${initiatorName(event.initiator)}${lifetime}${usage}.`,
      evidence: {
        tapId: event.tap.id ?? null,
        lifetimeMinutes: minutes ?? null,
        usage: event.tap.usage ?? null,
        initiatorType: event.initiator.type,
      },
    };
  },
} satisfies Rule;
