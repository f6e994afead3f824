import { ODataError } from './odata-error';

/**
 * Which application permissions Microsoft Graph accepts for each request the simulator serves, from the
 * permissions table of each method's page (Microsoft Learn, Graph API reference). A requirement is a list
 * of alternatives; an alternative is a set of permissions that must all be granted. A tenant snapshot
 * that declares `grantedPermissions` gets Graph's 403 for a request none of whose alternatives it holds;
 * a snapshot without it holds every permission (the behaviour of every older test).
 */
interface Requirement {
  /** Path under the version root, without query. */
  path: RegExp;
  /** Alternatives: one of them, each complete, must be granted. */
  anyOf: readonly (readonly string[])[];
  /** The page whose permissions table this comes from. */
  doc: string;
}

const each = (...names: string[]): string[][] => names.map((name) => [name]);

const REQUIREMENTS: readonly Requirement[] = [
  {
    // "Application: AuditLog.Read.All and Directory.Read.All" (both, no higher-privileged alternative).
    path: /^\/auditLogs\/directoryAudits$/,
    anyOf: [['AuditLog.Read.All', 'Directory.Read.All']],
    doc: 'https://learn.microsoft.com/graph/api/directoryaudit-list',
  },
  {
    // Beta sign-ins list the same pair.
    path: /^\/auditLogs\/signIns$/,
    anyOf: [['AuditLog.Read.All', 'Directory.Read.All']],
    doc: 'https://learn.microsoft.com/graph/api/signin-list?view=graph-rest-beta',
  },
  {
    path: /^\/roleManagement\/directory\/(roleDefinitions|roleAssignments)$/,
    anyOf: each(
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'Directory.Read.All',
      'RoleManagement.ReadWrite.Directory',
      'Directory.ReadWrite.All',
    ),
    doc: 'https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments',
  },
  {
    // Directory.Read.All is not among the alternatives here.
    path: /^\/roleManagement\/directory\/roleEligibilityScheduleInstances$/,
    anyOf: each(
      'RoleEligibilitySchedule.Read.Directory',
      'RoleEligibilitySchedule.ReadWrite.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.Read.Directory',
      'RoleManagement.ReadWrite.Directory',
    ),
    doc: 'https://learn.microsoft.com/graph/api/rbacapplication-list-roleeligibilityscheduleinstances',
  },
  {
    path: /^\/groups\/[^/]+(\/members)?$/,
    anyOf: each(
      'GroupMember.Read.All',
      'Group.Read.All',
      'Directory.Read.All',
      'Group.ReadWrite.All',
      'Directory.ReadWrite.All',
    ),
    doc: 'https://learn.microsoft.com/graph/api/group-list-members',
  },
  {
    path: /^\/users$/,
    anyOf: each(
      'User.ReadBasic.All',
      'User.Read.All',
      'User.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ),
    doc: 'https://learn.microsoft.com/graph/api/user-list',
  },
];

/**
 * Graph's answer to a caller whose token lacks the permission: 403 `Authorization_RequestDenied`,
 * "Insufficient privileges to complete the operation." (https://learn.microsoft.com/graph/resolve-auth-errors
 * describes the 403; the code and message are what Graph sends for directory resources). Returns undefined
 * when the request is allowed or its path has no entry here.
 */
export function permissionRefusal(
  path: string,
  granted: readonly string[] | undefined,
): ODataError | undefined {
  if (granted === undefined) return undefined;
  const requirement = REQUIREMENTS.find((r) => r.path.test(path));
  if (!requirement) return undefined;
  const held = new Set(granted);
  if (requirement.anyOf.some((all) => all.every((name) => held.has(name)))) return undefined;
  return new ODataError(
    'Insufficient privileges to complete the operation.',
    403,
    'Authorization_RequestDenied',
  );
}
