import { duringTap, eventsOf, listedEvidence, relativeToStart } from './chain-link';
import type { ChainRule } from './chain-types';
import { entryOf } from './timeline';

/** A TAP's tokens die with it; a method registered while it is valid does not. */
export const tapMethodRegistered = {
  kind: 'chain',
  id: 'tap-method-registered',
  title: 'Sign-in method registered with the TAP',
  severity: 'informational',
  attack: ['T1098.005'],
  description:
    'A sign-in method other than the TAP (security info, passkey, Windows Hello, phone sign-in, a registered device) was added to the target between the start and the end of the TAP. Methods registered before the TAP or after it expired are not linked.',
  triage: [
    "List the target's authentication methods and confirm each new one with the owner out of band.",
    'Delete any method the owner does not recognise, then revoke the sessions of the account.',
  ],
  falsePositives: ['Onboarding and recovery: registering a lasting method is what a TAP is for.'],
  needsDirectory: false,
  evaluate(subject) {
    const added = eventsOf(subject.events, 'method-registered', (e) => duringTap(e.time, subject.tap.tap));
    const first = added[0];
    if (!first) return undefined;
    const methods = [...new Set(added.map((e) => e.method))];
    return {
      reason: `${methods.join(', ')} registered for ${subject.tap.target.name} ${relativeToStart(first.time, subject.tap.tap)}.`,
      evidence: listedEvidence('methods', added, (e) => ({
        auditId: e.recordId,
        time: e.time,
        method: e.method,
        service: e.service,
      })),
      records: added.map(entryOf),
    };
  },
} satisfies ChainRule;
