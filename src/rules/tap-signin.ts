import { duringTap, eventsOf, listedEvidence, relativeToStart, SIGNIN_SKEW_MS } from './chain-link';
import type { ChainRule } from './chain-types';
import { entryOf } from './timeline';

/** The pass was used: whoever held it is (or was) signed in as the target. */
export const tapSignin = {
  kind: 'chain',
  id: 'tap-signin',
  title: 'Target signed in with the TAP',
  severity: 'informational',
  attack: ['T1078.004'],
  description:
    'A sign-in of the target used the Temporary Access Pass while it was valid (sign-in logs, which Graph serves only to tenants with Entra ID P1). The holder now has a session as the target and can register methods.',
  triage: [
    'Compare the sign-in IP address, device and application with where the account owner actually is.',
    'If the owner did not sign in, revoke the sessions of the account and delete the TAP.',
  ],
  falsePositives: ['The account owner using the TAP the help desk gave them, as intended.'],
  needsDirectory: false,
  evaluate(subject) {
    const signIns = eventsOf(subject.events, 'tap-signin', (e) =>
      duringTap(e.time, subject.tap.tap, SIGNIN_SKEW_MS),
    );
    const first = signIns[0];
    if (!first) return undefined;
    const app = first.appDisplayName ? ` to ${first.appDisplayName}` : '';
    const more = signIns.length > 1 ? ` (${signIns.length} sign-ins with it)` : '';
    return {
      reason: `${subject.tap.target.name} signed in with the TAP${app} ${relativeToStart(first.time, subject.tap.tap)}${more}.`,
      evidence: listedEvidence('signIns', signIns, (s) => ({
        id: s.recordId,
        time: s.time,
        appDisplayName: s.appDisplayName ?? null,
        ipAddress: s.ipAddress ?? null,
        succeeded: s.succeeded,
      })),
      records: signIns.map(entryOf),
    };
  },
} satisfies ChainRule;
