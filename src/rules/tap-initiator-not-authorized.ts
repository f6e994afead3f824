import { toFindingRole } from './describe';
import type { Rule } from './types';

/** A TAP that the initiator's active roles do not allow points at a misconfiguration or a bypass. */
export const tapInitiatorNotAuthorized = {
  id: 'tap-initiator-not-authorized',
  title: 'TAP issued by a user not allowed to issue it',
  severity: 'high',
  attack: ['T1098', 'T1078.004'],
  description:
    'The initiating user does not hold an active role that allows this TAP: Global Administrator or Privileged Authentication Administrator for any other user, Authentication Administrator for non-admin users only. Eligible roles do not count. A self-issued TAP always fires, even without directory data; the other checks need it. App initiators are covered by tap-app-initiator.',
  triage: [
    'Find how the initiator could create the TAP: recent role activations or assignments, custom roles, or a compromised session.',
    'Confirm with the initiator and the target whether the TAP was expected.',
    "If unexplained, revoke the TAP and review both accounts' activity.",
  ],
  falsePositives: [
    'A role assignment made or removed between the TAP and the directory read (role data is read at poll time).',
    'Administrative-unit memberships are not visible: an AU-scoped issuer acting outside its unit is not detected, and one inside it may be judged on incomplete role data.',
  ],
  needsDirectory: false,
  evaluate(event, ctx) {
    const initiator = event.initiator;
    if (initiator.type !== 'user' || !initiator.id) return undefined;
    if (initiator.id.toLowerCase() === event.target.id.toLowerCase()) {
      return {
        reason:
          'Self-issued: the initiator created a Temporary Access Pass for their own account, which no role permits.',
        evidence: { selfIssued: true },
      };
    }
    if (!ctx.directory) return undefined;
    const decision = ctx.directory.mayIssueTap(initiator.id, event.target.id);
    if (decision.allowed) return undefined;
    return {
      reason: decision.reason,
      evidence: { selfIssued: false, initiatorActiveRoles: decision.initiatorRoles.map(toFindingRole) },
    };
  },
} satisfies Rule;
