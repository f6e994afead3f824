import { decideTapIssuance } from './issue-authorization';
import type { Directory, HeldRole, IssueAuthorization, SyncAccountMatch } from './model';
import { SYNC_ROLE_TEMPLATE_IDS } from './role-catalog';
import { RoleResolver } from './role-resolver';
import { describeRole } from './role-text';
import type { DirectorySnapshot, DirectoryUser, RoleAssignment, RoleEligibilityInstance } from './snapshot';
import { SyncAccountNaming } from './sync-account-naming';

/** What `buildDirectory` needs from configuration, plus the clock eligibility windows are judged by. */
export interface BuildDirectoryOptions {
  /** PRIVILEGED_ROLE_IDS: definition or template ids treated as privileged on top of the built-in set. */
  privilegedRoleIds: string[];
  /** SYNC_ACCOUNT_PATTERNS: `*` wildcards matched against UPN and display name. */
  syncAccountPatterns: string[];
  /** Eligibility instances outside their start/end window at this instant are ignored; default: now. */
  now?: Date;
}

/**
 * Turns a role-data snapshot into the `Directory` rules query. Every role is resolved and indexed
 * by principal id once, so each question is a map lookup even for 100k-user tenants.
 */
export function buildDirectory(snapshot: DirectorySnapshot, options: BuildDirectoryOptions): Directory {
  const resolver = new RoleResolver(snapshot.roleDefinitions, options.privilegedRoleIds);
  const naming = new SyncAccountNaming(options.syncAccountPatterns);
  const nowMs = (options.now ?? new Date()).getTime();
  const users = new Map<string, DirectoryUser>();
  const roles = new Map<string, HeldRole[]>();
  const membersOf = new Map<string, { name: string; ids: string[] }>();
  const principalOfApp = new Map<string, string>();

  for (const group of snapshot.groups) {
    const ids: string[] = [];
    for (const member of group.members ?? []) {
      const id = member.id.toLowerCase();
      ids.push(id);
      // A service principal holds the group's roles like a user does, but is never a user (a TAP target).
      if (isServicePrincipal(member)) {
        if (member.appId) principalOfApp.set(member.appId.toLowerCase(), id);
        continue;
      }
      // Members carry names too; they fill in for users the snapshot does not list.
      if (!users.has(id)) {
        users.set(id, {
          id: member.id,
          userPrincipalName: member.userPrincipalName ?? null,
          displayName: member.displayName ?? null,
        });
      }
    }
    membersOf.set(group.id.toLowerCase(), { name: group.displayName, ids });
  }
  for (const user of snapshot.users) users.set(user.id.toLowerCase(), user);

  const add = (principalId: string, role: HeldRole) => {
    const list = roles.get(principalId);
    if (!list) roles.set(principalId, [role]);
    else if (!list.some((r) => sameRole(r, role))) list.push(role);
  };
  const grant = (record: RoleAssignment, active: boolean) => {
    const resolved = resolver.resolve(record.roleDefinitionId);
    const base = {
      name: resolved.name,
      templateId: resolved.templateId,
      scope: record.directoryScopeId || '/',
      active,
      privileged: resolved.privileged,
    };
    const principalId = record.principalId.toLowerCase();
    add(principalId, { ...base, via: active ? 'direct' : 'eligible' });
    // Role-assignable groups cannot nest, so their direct members are everyone who holds the role.
    const group = membersOf.get(principalId);
    if (!group) return;
    for (const memberId of group.ids)
      add(memberId, { ...base, via: active ? `group:${group.name}` : 'eligible' });
  };

  for (const assignment of snapshot.roleAssignments) grant(assignment, true);
  for (const instance of snapshot.roleEligibilityScheduleInstances) {
    if (isCurrent(instance, nowMs)) grant(instance, false);
  }
  for (const list of roles.values()) list.sort(byImportance);

  const rolesOf = (principalId: string): HeldRole[] => [...(roles.get(principalId.toLowerCase()) ?? [])];

  return {
    eligibilityAvailable: snapshot.eligibilityAvailable ?? true,
    ...(snapshot.eligibilityUnavailableReason
      ? { eligibilityUnavailableReason: snapshot.eligibilityUnavailableReason }
      : {}),
    user: (id) => users.get(id.toLowerCase()),
    rolesOf,
    privilegedRolesOf: (principalId) => rolesOf(principalId).filter((r) => r.privileged),
    syncAccountMatch(principal): SyncAccountMatch | undefined {
      const syncRole = rolesOf(principal.id).find((r) => SYNC_ROLE_TEMPLATE_IDS.has(r.templateId));
      if (syncRole) return { kind: 'role', reason: `holds ${describeRole(syncRole)}` };
      const known = users.get(principal.id.toLowerCase());
      return (
        naming.match(principal) ??
        (known
          ? naming.match({ userPrincipalName: known.userPrincipalName, displayName: known.displayName })
          : undefined)
      );
    },
    mayIssueTap(initiatorId: string, targetId: string): IssueAuthorization {
      return decideTapIssuance({
        initiatorId,
        targetId,
        initiatorRoles: rolesOf(initiatorId),
        targetRoles: rolesOf(targetId),
      });
    },
    appPrincipalId(app) {
      if (app.servicePrincipalId) return app.servicePrincipalId;
      return app.appId ? principalOfApp.get(app.appId.toLowerCase()) : undefined;
    },
  };
}

function isServicePrincipal(member: { '@odata.type'?: string }): boolean {
  return member['@odata.type']?.toLowerCase().includes('serviceprincipal') ?? false;
}

/** An eligibility counts only inside its window; unreadable bounds are ignored rather than hiding a role. */
function isCurrent(instance: RoleEligibilityInstance, nowMs: number): boolean {
  const start = instance.startDateTime ? Date.parse(instance.startDateTime) : Number.NaN;
  const end = instance.endDateTime ? Date.parse(instance.endDateTime) : Number.NaN;
  if (!Number.isNaN(start) && start > nowMs) return false;
  if (!Number.isNaN(end) && end <= nowMs) return false;
  return true;
}

function sameRole(a: HeldRole, b: HeldRole): boolean {
  return a.templateId === b.templateId && a.via === b.via && a.scope === b.scope && a.active === b.active;
}

/** Privileged first, then active before eligible, then by name: the order evidence is shown in. */
function byImportance(a: HeldRole, b: HeldRole): number {
  return (
    Number(b.privileged) - Number(a.privileged) ||
    Number(b.active) - Number(a.active) ||
    a.name.localeCompare(b.name) ||
    a.via.localeCompare(b.via) ||
    a.scope.localeCompare(b.scope)
  );
}
