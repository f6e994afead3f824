import type { HeldRole, IssueAuthorization } from './model';
import {
  AUTH_ADMIN_MANAGEABLE_ROLE_TEMPLATE_IDS,
  FULL_TAP_ISSUER_ROLE_TEMPLATE_IDS,
  LIMITED_TAP_ISSUER_ROLE_TEMPLATE_IDS,
} from './role-catalog';
import { describeRole, describeRoles } from './role-text';

const ISSUER_ROLES =
  'Global Administrator, Privileged Authentication Administrator or Authentication Administrator';

/**
 * Decides whether the initiating user could legitimately have issued this TAP (docs/rules.md).
 * Only the initiator's active roles count: an eligible role has to be activated before use, and
 * activation shows up as an active assignment. All of the target's roles count, eligible ones
 * included: an eligible Global Administrator is still an admin that a helpdesk role must not touch.
 */
export function decideTapIssuance(input: {
  initiatorId: string;
  targetId: string;
  initiatorRoles: readonly HeldRole[];
  targetRoles: readonly HeldRole[];
}): IssueAuthorization {
  const active = input.initiatorRoles.filter((r) => r.active);
  const deny = (reason: string): IssueAuthorization => ({ allowed: false, reason, initiatorRoles: active });
  const allow = (reason: string): IssueAuthorization => ({ allowed: true, reason, initiatorRoles: active });

  if (input.initiatorId.toLowerCase() === input.targetId.toLowerCase()) {
    return deny('The initiator issued a Temporary Access Pass to their own account, which no role permits.');
  }

  const isTenantWide = (r: HeldRole) => r.scope === '/' || r.scope === '';
  const full = active.filter((r) => FULL_TAP_ISSUER_ROLE_TEMPLATE_IDS.has(r.templateId));
  const fullTenantWide = full.find(isTenantWide);
  if (fullTenantWide) {
    return allow(`${describeRole(fullTenantWide)} may issue a Temporary Access Pass to any other user.`);
  }

  // Administrative-unit scoped full issuers act only on non-admin users, like Authentication Administrators.
  const limited = [
    ...active.filter((r) => LIMITED_TAP_ISSUER_ROLE_TEMPLATE_IDS.has(r.templateId)),
    ...full,
  ].sort((a, b) => Number(isTenantWide(b)) - Number(isTenantWide(a)));
  const issuer = limited[0];
  if (!issuer) {
    const eligibleOnly = input.initiatorRoles.filter(
      (r) =>
        !r.active &&
        (FULL_TAP_ISSUER_ROLE_TEMPLATE_IDS.has(r.templateId) ||
          LIMITED_TAP_ISSUER_ROLE_TEMPLATE_IDS.has(r.templateId)),
    );
    const suffix =
      eligibleOnly.length > 0
        ? ` It holds ${describeRoles(eligibleOnly)} only as eligible, which does not count until activated.`
        : '';
    return deny(
      `The initiator holds no active role that may issue a Temporary Access Pass (${ISSUER_ROLES}).${suffix}`,
    );
  }

  const adminRoles = input.targetRoles.filter(
    (r) => !AUTH_ADMIN_MANAGEABLE_ROLE_TEMPLATE_IDS.has(r.templateId),
  );
  if (adminRoles.length > 0) {
    return deny(
      `${describeRole(issuer)} may issue a Temporary Access Pass only to non-admin users, but the target holds ${describeRoles(adminRoles)}.`,
    );
  }
  const auNote = isTenantWide(issuer)
    ? ''
    : ' The role is scoped to an administrative unit whose membership tapwatch cannot see, so the target is assumed to be in it.';
  const targetNote =
    input.targetRoles.length === 0 ? 'a user with no role' : 'a user whose roles it may manage';
  return allow(`${describeRole(issuer)} may issue a Temporary Access Pass to ${targetNote}.${auNote}`);
}
