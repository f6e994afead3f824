import { describeRoles } from '../directory/role-text';
import { toFindingRole } from './describe';
import type { Rule } from './types';

/** A TAP on a privileged account hands over that account's roles to whoever holds the pass. */
export const tapPrivilegedTarget = {
  id: 'tap-privileged-target',
  title: 'TAP issued to a privileged account',
  severity: 'high',
  attack: ['T1078.004', 'T1098.001'],
  description:
    'The target holds a privileged directory role: active, through a role-assignable group, or PIM-eligible (activation only needs a sign-in, which the TAP provides). Tenant-wide and administrative-unit scopes both count.',
  triage: [
    'Verify out of band with the account owner that they asked for the TAP.',
    'Check whether the TAP was used to sign in and which methods were registered with it; remove unknown ones.',
    "Review the target's audit activity (role activations, consent grants, policy changes) since the TAP was issued.",
  ],
  falsePositives: [
    'Recovery of an administrator who lost their only authenticator, done through the documented break-glass process.',
    'Onboarding of a new administrator whose first credential is a TAP.',
  ],
  needsDirectory: true,
  evaluate(event, ctx) {
    if (!ctx.directory) return undefined;
    const roles = ctx.directory.privilegedRolesOf(event.target.id);
    if (roles.length === 0) return undefined;
    return {
      reason: describeRoles(roles),
      evidence: {
        roles: roles.map((r) => ({ ...toFindingRole(r), active: r.active })),
        eligibilityAvailable: ctx.directory.eligibilityAvailable,
      },
    };
  },
} satisfies Rule;
