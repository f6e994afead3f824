import { type BatchAnswer, batchGet } from '../graph/graph-batch';
import { GraphServiceError, readGraphError } from '../graph/graph-errors';
import type { GraphHttp } from '../graph/graph-http';
import { collectAll, graphPages } from '../graph/graph-pages';
import { withQuery } from '../graph/graph-paths';
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
const MEMBER_SELECT = 'id,userPrincipalName,displayName';
const USER_TYPE = '#microsoft.graph.user';
const GROUP_TYPE = '#microsoft.graph.group';

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
 * Role data from Graph (DESIGN §4): definitions, active assignments, eligibility and the members of
 * the role-assignable groups that hold roles. Users come only from the expanded principals and group
 * members, never from listing the directory. The request count depends on the number of role-holding
 * groups (two inner requests each, 20 per `$batch`), never on how many TAP events the cycle saw.
 */
export async function loadDirectoryFromGraph(http: GraphHttp): Promise<DirectoryLoad> {
  const warnings: string[] = [];
  const definitions = (await collectAll(http, DIRECTORY_PATHS.roleDefinitions))
    .filter(isObject)
    .flatMap(toDefinition);
  const assignments = (await collectAll(http, DIRECTORY_PATHS.roleAssignments)).filter(isObject);
  let eligibility: Raw[] = [];
  let eligibilityAvailable = true;
  try {
    eligibility = (await collectAll(http, DIRECTORY_PATHS.roleEligibility)).filter(isObject);
  } catch (error) {
    if (!(error instanceof GraphServiceError) || error.status !== 403) throw error;
    eligibilityAvailable = false;
    warnings.push(`eligibility unavailable (403 ${error.graphCode ?? 'Forbidden'}): active roles only`);
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
      eligibilityAvailable,
    },
    warnings,
  };
}

async function loadGroups(http: GraphHttp, ids: string[], warnings: string[]): Promise<DirectoryGroup[]> {
  const answers = await batchGet(
    http,
    ids.flatMap((id, i) => [
      { id: `g${i}`, url: DIRECTORY_PATHS.group(id) },
      { id: `m${i}`, url: DIRECTORY_PATHS.members(id) },
    ]),
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
      for await (const page of graphPages(http, first['@odata.nextLink'])) list.push(...page);
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
  return [{ ...(type ? { '@odata.type': type } : {}), ...toUser(raw) }];
}
