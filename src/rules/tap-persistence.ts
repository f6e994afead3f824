import { severityRank } from '../severity';
import type { ChainRule } from './chain-types';

const HIGH = severityRank('high');

/** A lasting method on an account that was already a reason to worry: the takeover outlives the TAP. */
export const tapPersistence = {
  kind: 'chain',
  id: 'tap-persistence',
  title: 'Lasting access gained through a suspicious TAP',
  severity: 'critical',
  attack: ['T1098.005', 'T1556.006'],
  description:
    'A sign-in method was registered with the TAP (`tap-method-registered`) on a finding that also carries a rule of severity high or above: a privileged or sync account, an initiator who may not issue it, wiped methods, a role activation or a burst of TAPs. The holder keeps access after the TAP expires.',
  triage: [
    'Treat the account as compromised: delete the new method and the TAP, revoke sessions, reset the password.',
    'Review what the account did since the TAP was issued (role activations, app consents, policy changes).',
    'Find out how the initiator came to issue the TAP and whether their own account is compromised.',
  ],
  falsePositives: [
    'Recovery of an administrator through the documented break-glass process, followed by their new passkey.',
  ],
  needsDirectory: false,
  evaluate(subject) {
    const rules = subject.tap.rules;
    if (!rules.some((r) => r.id === 'tap-method-registered')) return undefined;
    const serious = rules.filter((r) => r.id !== 'tap-persistence' && severityRank(r.severity) >= HIGH);
    if (serious.length === 0) return undefined;
    return {
      reason: `A lasting sign-in method was registered with a TAP whose finding also carries ${serious.map((r) => r.id).join(', ')}.`,
      evidence: { becauseOf: serious.map((r) => r.id) },
      records: [],
    };
  },
} satisfies ChainRule;
