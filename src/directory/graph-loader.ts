import { type BatchAnswer, batchGet } from '../graph/graph-batch';
import { GraphServiceError, readGraphError } from '../graph/graph-errors';
import type { GraphHttp } from '../graph/graph-http';
import { collectAll, graphPages } from '../graph/graph-pages';
import { withQuery } from '../graph/graph-paths';
import { licenceGapFrom } from '../graph/licence';
import type { DirectoryLoad } from '../graph/tenant-source';
import type {
  DirectoryGroup,
  DirectoryUser,
  GroupMember,
  RoleAssignment,
  RoleDefinition,
  RoleEligibilityInstance,
} from './snapshot';

const PRINCIPAL = 'principal($select=id,userPrincipalName,displayName)';
/** `appId` is a service-principal property; user members simply do not carry it. */
const MEMBER_SELECT = 'id,userPrincipalName,displayName,appId';
const USER_TYPE = '#microsoft.graph.user';
const GROUP_TYPE = '#microsoft.graph.group';

/**
 * Group members are read from beta: v1.0 `/groups/{id}/members` has a documented known issue where
 * service principals are not listed, and the page recommends the beta endpoint (the other workaround,
 * `$expand=members`, stops at 20–100 members without a nextLink).
 * https://learn.microsoft.com/en-us/graph/api/group-list-members?view=graph-rest-1.0
 * https://learn.microsoft.com/en-us/graph/api/group-list-members?view=graph-rest-beta
 * GroupMember.Read.All is the least permission for the call; names of users and service principals
 * need Directory.Read.All (which directoryAudits needs anyway), otherwise members come back with
 * `@odata.type` and `id` only ("limited information returned for inaccessible member objects").
 */
export const GROUP_MEMBERS_VERSION = 'beta';

/** Request paths, exported so tests and the simulator agree on what the loader asks for. */
export const DIRECTORY_PATHS = {
  roleDefinitions: withQuery('/roleManagement/directory/roleDefinitions', {
    $select: 'id,templateId,displayName,isBuiltIn',
  }),
  roleAssignments: withQuery('/roleManagement/directory/roleAssignments', {
    $select: 'id,principalId,roleDefinitionId,directoryScopeId',
    $expand: PRINCIPAL,
  }),
  roleEligibility: withQuery('/roleManagement/directory/roleEligibilityScheduleInstances', {
    $select: 'id,principalId,roleDefinitionId,directoryScopeId,startDateTime,endDateTime',
    $expand: PRINCIPAL,
  }),
  group: (id: string) =>
    withQuery(`/groups/${encodeURIComponent(id)}`, { $select: 'id,displayName,isAssignableToRole' }),
  members: (id: string) =>
    withQuery(`/groups/${encodeURIComponent(id)}/members`, { $select: MEMBER_SELECT, $top: 999 }),
} as const;

type Raw = Record<string, unknown>;

/**
 * Role data from Graph (docs/rules.md): definitions, active assignments, eligibility and the members
 * (users and service principals) of the role-assignable groups that hold roles. Users come only from
 * the expanded principals and group members, never from listing the directory. The request count
 * depends on the number of role-holding groups (two inner requests each, 20 per `$batch`), never on
 * how many TAP events the cycle saw. Eligibility needs P2: without it (400 AadPremiumLicenseRequired,
 * or 403 in older reports) the load goes on with active roles and says why.
 */
export async function loadDirectoryFromGraph(http: GraphHttp): Promise<DirectoryLoad> {
  const warnings: string[] = [];
  const definitions = (await collectAll(http, DIRECTORY_PATHS.roleDefinitions))
    .filter(isObject)
    .flatMap(toDefinition);
  const assignments = (await collectAll(http, DIRECTORY_PATHS.roleAssignments)).filter(isObject);
  let eligibility: Raw[] = [];
  let unavailableReason: string | undefined;
  try {
    eligibility = (await collectAll(http, DIRECTORY_PATHS.roleEligibility)).filter(isObject);
  } catch (error) {
    const gap = licenceGapFrom(error, 'eligibility');
    if (!gap) throw error;
    unavailableReason = gap.reason;
    warnings.push(gap.reason);
  }

  const users = new Map<string, DirectoryUser>();
  const groupIds = new Set<string>();
  for (const item of [...assignments, ...eligibility]) {
    const principal = item.principal;
    if (!isObject(principal) || typeof principal.id !== 'string') continue;
    if (principal['@odata.type'] === GROUP_TYPE) groupIds.add(principal.id);
    if (principal['@odata.type'] === USER_TYPE) users.set(principal.id, toUser(principal));
  }
  const groups = await loadGroups(http, [...groupIds], warnings);
  for (const member of groups.flatMap((g) => g.members ?? [])) {
    if ((member['@odata.type'] ?? USER_TYPE) === USER_TYPE && !users.has(member.id)) {
      users.set(member.id, toUser(member as unknown as Raw));
    }
  }
  return {
    snapshot: {
      roleDefinitions: definitions,
      roleAssignments: assignments.flatMap(toAssignment),
      roleEligibilityScheduleInstances: eligibility.flatMap(toEligibility),
      groups,
      users: [...users.values()],
      eligibilityAvailable: unavailableReason === undefined,
      ...(unavailableReason !== undefined ? { eligibilityUnavailableReason: unavailableReason } : {}),
    },
    warnings,
  };
}

async function loadGroups(http: GraphHttp, ids: string[], warnings: string[]): Promise<DirectoryGroup[]> {
  // One beta `$batch` family for both reads: inner URLs take the version of the batch endpoint.
  const answers = await batchGet(
    http,
    ids.flatMap((id, i) => [
      { id: `g${i}`, url: DIRECTORY_PATHS.group(id) },
      { id: `m${i}`, url: DIRECTORY_PATHS.members(id) },
    ]),
    GROUP_MEMBERS_VERSION,
  );
  const groups: DirectoryGroup[] = [];
  for (const [i, id] of ids.entries()) {
    const group = answers.get(`g${i}`);
    const members = answers.get(`m${i}`);
    if (group?.status === 404 || members?.status === 404) {
      warnings.push(`group ${id} holds a role but was not found (deleted?): skipped`);
      continue;
    }
    const body = expectOk(group, `GET /groups/{id} (in $batch)`);
    const first = expectOk(members, `GET /groups/{id}/members (in $batch)`);
    const list = Array.isArray(first.value) ? [...first.value] : [];
    if (typeof first['@odata.nextLink'] === 'string') {
      for await (const page of graphPages(http, first['@odata.nextLink'], GROUP_MEMBERS_VERSION))
        list.push(...page);
    }
    groups.push({
      id,
      displayName: typeof body.displayName === 'string' ? body.displayName : id,
      isAssignableToRole: body.isAssignableToRole === true,
      members: list.filter(isObject).flatMap(toMember),
    });
  }
  return groups;
}

function expectOk(answer: BatchAnswer | undefined, label: string): Raw {
  if (answer && answer.status >= 200 && answer.status < 300 && isObject(answer.body)) return answer.body;
  const status = answer?.status ?? 0;
  const { code, message } = readGraphError(answer?.body);
  throw new GraphServiceError(
    `${label} failed with ${status}${code ? ` ${code}` : ''}`,
    status,
    code,
    message,
  );
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null | undefined {
  return typeof value === 'string' ? value : value === null ? null : undefined;
}

function toDefinition(raw: Raw): RoleDefinition[] {
  if (typeof raw.id !== 'string' || typeof raw.displayName !== 'string') return [];
  const templateId = str(raw.templateId);
  return [
    {
      id: raw.id,
      displayName: raw.displayName,
      ...(templateId !== undefined ? { templateId } : {}),
      ...(typeof raw.isBuiltIn === 'boolean' ? { isBuiltIn: raw.isBuiltIn } : {}),
    },
  ];
}

function toAssignment(raw: Raw): RoleAssignment[] {
  const { id, principalId, roleDefinitionId } = raw;
  if (typeof id !== 'string' || typeof principalId !== 'string' || typeof roleDefinitionId !== 'string')
    return [];
  const directoryScopeId = str(raw.directoryScopeId);
  return [
    { id, principalId, roleDefinitionId, ...(directoryScopeId !== undefined ? { directoryScopeId } : {}) },
  ];
}

function toEligibility(raw: Raw): RoleEligibilityInstance[] {
  return toAssignment(raw).map((assignment) => {
    const startDateTime = str(raw.startDateTime);
    const endDateTime = str(raw.endDateTime);
    return {
      ...assignment,
      ...(startDateTime !== undefined ? { startDateTime } : {}),
      ...(endDateTime !== undefined ? { endDateTime } : {}),
    };
  });
}

function toUser(raw: Raw): DirectoryUser {
  const userPrincipalName = str(raw.userPrincipalName);
  const displayName = str(raw.displayName);
  return {
    id: String(raw.id),
    ...(userPrincipalName !== undefined ? { userPrincipalName } : {}),
    ...(displayName !== undefined ? { displayName } : {}),
  };
}

function toMember(raw: Raw): GroupMember[] {
  if (typeof raw.id !== 'string') return [];
  const type = str(raw['@odata.type']);
  const appId = str(raw.appId);
  return [{ ...(type ? { '@odata.type': type } : {}), ...toUser(raw), ...(appId ? { appId } : {}) }];
}
