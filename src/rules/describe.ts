import type { TapEvent } from '../audit/tap-event';
import type { HeldRole } from '../directory/model';
import type { FindingRole } from './finding';

/** How a principal is named in reasons and titles: UPN, else display name, else object id. */
export function principalName(principal: {
  id?: string | undefined;
  userPrincipalName?: string | undefined;
  displayName?: string | undefined;
}): string {
  return principal.userPrincipalName || principal.displayName || principal.id || 'an unidentified principal';
}

/** "admin@contoso.com", or `application "Onboarding" (appId …)` for app initiators. */
export function initiatorName(initiator: TapEvent['initiator']): string {
  if (initiator.type === 'app') {
    const name = initiator.displayName ? `"${initiator.displayName}"` : 'with no display name';
    return `application ${name} (appId ${initiator.appId ?? 'unknown'})`;
  }
  if (initiator.type === 'user') return principalName(initiator);
  return 'an unknown initiator';
}

/** A held role as findings show it (the `active`/`privileged` flags are folded into `via`). */
export function toFindingRole(role: HeldRole): FindingRole {
  return { name: role.name, templateId: role.templateId, via: role.via, scope: role.scope };
}

/** The TAP lifetime in minutes: as normalized, else end − start when both parse. */
export function lifetimeMinutes(tap: TapEvent['tap']): number | undefined {
  if (tap.lifetimeMinutes !== undefined) return tap.lifetimeMinutes;
  if (!tap.startDateTime || !tap.endDateTime) return undefined;
  const ms = Date.parse(tap.endDateTime) - Date.parse(tap.startDateTime);
  return Number.isFinite(ms) ? Math.round(ms / 60_000) : undefined;
}
