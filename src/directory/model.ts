import type { DirectoryUser } from './snapshot';

/** How a principal holds a role: directly, through a role-assignable group, or PIM-eligible. */
export type RoleVia = 'direct' | `group:${string}` | 'eligible';

/** A role a principal holds, with how it was found (goes into finding evidence). */
export interface HeldRole {
  name: string;
  /** Template id for built-in roles; the definition id for custom roles. */
  templateId: string;
  via: RoleVia;
  /** `/` or `/administrativeUnits/{id}`. */
  scope: string;
  /** Active (assigned or activated) versus only eligible. */
  active: boolean;
  privileged: boolean;
}

/** Why a principal is considered a directory sync account. */
export interface SyncAccountMatch {
  reason: string;
  /** `role` (holds a sync role), `naming` (built-in naming rule) or `config` (SYNC_ACCOUNT_PATTERNS). */
  kind: 'role' | 'naming' | 'config';
}

/** The answer to "may this initiator issue a TAP to this target" (docs/rules.md). */
export interface IssueAuthorization {
  allowed: boolean;
  reason: string;
  /** Active roles of the initiator that were considered. */
  initiatorRoles: HeldRole[];
}

/** Directory questions the rules ask. Built once per cycle from a `DirectorySnapshot`. */
export interface Directory {
  /** False when eligibility data was not available; eligible roles are then unknown. */
  readonly eligibilityAvailable: boolean;
  /** Why eligibility was not available (e.g. the tenant has no P2), when that is known. */
  readonly eligibilityUnavailableReason?: string;
  user(id: string): DirectoryUser | undefined;
  /** Active (direct and group-based) and eligible roles of a principal. */
  rolesOf(principalId: string): HeldRole[];
  privilegedRolesOf(principalId: string): HeldRole[];
  syncAccountMatch(principal: {
    id: string;
    userPrincipalName?: string;
    displayName?: string;
  }): SyncAccountMatch | undefined;
  mayIssueTap(initiatorId: string, targetId: string): IssueAuthorization;
  /**
   * The directory object id of an app initiator: its service principal id, else the service principal
   * a role-assignable group lists with that app id. Roles are held by service principals, not app ids.
   */
  appPrincipalId(app: { appId?: string; servicePrincipalId?: string }): string | undefined;
}
