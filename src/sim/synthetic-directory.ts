import type {
  DirectoryGroup,
  DirectorySnapshot,
  RoleAssignment,
  RoleEligibilityInstance,
} from '../directory/snapshot';
import type { SimUser } from './audit-record';
import { type BuiltInRoleKey, builtInRoleDefinitions, roleAssignmentId, roleId } from './builtin-roles';
import type { Prng } from './prng';

/**
 * Role data of a synthetic tenant of any size: users with generated names, role assignments spread
 * over built-in roles the way large tenants hold them, role-assignable groups, PIM eligibility and
 * one Entra Connect sync account.
 */
export interface SyntheticDirectory {
  snapshot: DirectorySnapshot;
  users: SimUser[];
  /** Active holders of roles that may (or typically try to) issue TAPs. */
  issuers: SimUser[];
  /** Holders of any role, active or eligible: targets that make findings interesting. */
  roleHolders: SimUser[];
  syncAccount: SimUser | undefined;
}

export interface SyntheticDirectoryOptions {
  users: number;
  roleAssignments: number;
  eligibleAssignments: number;
  groups: number;
  domain: string;
}

const FIRST = ['Adele', 'Alex', 'Allan', 'Amara', 'Ben', 'Bianca', 'Brian', 'Cameron', 'Christie', 'Debra'];
FIRST.push('Delia', 'Diego', 'Emily', 'Enrico', 'Gerhart', 'Grady', 'Hao', 'Henrietta', 'Irvin', 'Isaiah');
FIRST.push('Johanna', 'Joni', 'Kat', 'Lee', 'Lidia', 'Lynne', 'Megan', 'Miriam', 'Mona', 'Nestor');
const LAST = [
  'Vance',
  'Wilber',
  'Deyoung',
  'Okafor',
  'Walters',
  'Pisani',
  'Johnson',
  'White',
  'Cline',
  'Berger',
];
LAST.push(
  'Dennis',
  'Siciliani',
  'Braun',
  'Cattaneo',
  'Moller',
  'Archie',
  'Nguyen',
  'Mueller',
  'Sayers',
  'Langer',
);
LAST.push('Lorenz', 'Sherman', 'Larsson', 'Gu', 'Holloway', 'Robbins', 'Bowen', 'Graham', 'Kane', 'Wilke');

/** How often each role appears among assignments of a large tenant (relative weights). */
const ROLE_WEIGHTS: Array<[BuiltInRoleKey, number]> = [
  ['globalAdministrator', 2],
  ['privilegedRoleAdministrator', 1],
  ['privilegedAuthenticationAdministrator', 2],
  ['authenticationAdministrator', 6],
  ['helpdeskAdministrator', 10],
  ['userAdministrator', 5],
  ['passwordAdministrator', 4],
  ['securityAdministrator', 3],
  ['exchangeAdministrator', 4],
  ['sharePointAdministrator', 3],
  ['intuneAdministrator', 4],
  ['applicationAdministrator', 3],
  ['cloudApplicationAdministrator', 3],
  ['conditionalAccessAdministrator', 1],
  ['groupsAdministrator', 4],
  ['directoryReaders', 20],
  ['globalReader', 8],
  ['securityReader', 6],
  ['reportsReader', 7],
  ['messageCenterReader', 5],
];
const ROLE_KEYS = ROLE_WEIGHTS.map(([k]) => k);
const WEIGHTS = ROLE_WEIGHTS.map(([, w]) => w);
const ISSUER_ROLES = new Set<string>(
  (
    [
      'globalAdministrator',
      'privilegedAuthenticationAdministrator',
      'authenticationAdministrator',
      'helpdeskAdministrator',
      'userAdministrator',
    ] as const
  ).map(roleId),
);
const GROUP_ROLES: BuiltInRoleKey[] = [
  'privilegedRoleAdministrator',
  'globalAdministrator',
  'securityAdministrator',
];

/** Generates users and role data; every choice comes from `rng`. */
export function generateDirectory(rng: Prng, options: SyntheticDirectoryOptions): SyntheticDirectory {
  const users: SimUser[] = new Array(options.users);
  const combos = FIRST.length * LAST.length;
  for (let i = 0; i < options.users; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const suffix = i < combos ? '' : String(i);
    users[i] = {
      id: rng.uuid(),
      userPrincipalName: `${first.toLowerCase()}.${last.toLowerCase()}${suffix}@${options.domain}`,
      displayName: `${first} ${last}`,
    };
  }
  let syncAccount: SimUser | undefined;
  if (users.length >= 2) {
    syncAccount = {
      id: (users[0] as SimUser).id,
      userPrincipalName: `Sync_SYNTH-DC01_${rng.hex(12)}@${options.domain}`,
      displayName: 'On-Premises Directory Synchronization Service Account',
    };
    users[0] = syncAccount;
  }
  // Role holders come from a pool so some people hold several roles, as in real tenants.
  const poolSize = Math.max(1, Math.min(users.length - 1, Math.ceil(options.roleAssignments * 0.8)));
  const holder = (): SimUser => users[1 + rng.int(0, poolSize - 1)] ?? (users[0] as SimUser);
  const seen = new Set<string>();
  const roleHolders = new Map<string, SimUser>();
  const issuers = new Map<string, SimUser>();
  const assignments: RoleAssignment[] = [];
  const groups: DirectoryGroup[] = [];
  const auIds = Array.from({ length: 5 }, () => rng.uuid());

  const add = (roleDefinitionId: string, principalId: string, scope: string): boolean => {
    const key = `${roleDefinitionId}|${principalId}|${scope}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const suffix = scope === '/' ? '-1' : `-1-${scope.slice(-8)}`;
    assignments.push({
      id: roleAssignmentId(roleDefinitionId, principalId, suffix),
      principalId,
      roleDefinitionId,
      directoryScopeId: scope,
    });
    return true;
  };
  if (syncAccount && options.roleAssignments > 0)
    add(roleId('directorySynchronizationAccounts'), syncAccount.id, '/');
  for (let g = 0; g < options.groups && assignments.length < options.roleAssignments; g++) {
    const members = Array.from({ length: rng.int(2, 8) }, holder).filter((u, i, all) => all.indexOf(u) === i);
    const group: DirectoryGroup = {
      id: rng.uuid(),
      displayName: `Tier0 Admins ${g + 1}`,
      isAssignableToRole: true,
      members: members.map((u) => ({
        '@odata.type': '#microsoft.graph.user',
        id: u.id,
        userPrincipalName: u.userPrincipalName,
      })),
    };
    groups.push(group);
    add(roleId(rng.pick(GROUP_ROLES)), group.id, '/');
    for (const m of members) roleHolders.set(m.id, m);
  }
  for (
    let tries = 0;
    assignments.length < options.roleAssignments && tries < options.roleAssignments * 20;
    tries++
  ) {
    const role = roleId(rng.weighted(ROLE_KEYS, WEIGHTS));
    const user = holder();
    const scope = rng.chance(0.05) ? `/administrativeUnits/${rng.pick(auIds)}` : '/';
    if (!add(role, user.id, scope)) continue;
    roleHolders.set(user.id, user);
    if (ISSUER_ROLES.has(role)) issuers.set(user.id, user);
  }
  const eligibility: RoleEligibilityInstance[] = [];
  const eligibleSeen = new Set<string>();
  for (
    let tries = 0;
    eligibility.length < options.eligibleAssignments && tries < options.eligibleAssignments * 20;
    tries++
  ) {
    const role = roleId(rng.weighted(ROLE_KEYS, WEIGHTS));
    const user = holder();
    if (eligibleSeen.has(`${role}|${user.id}`)) continue;
    eligibleSeen.add(`${role}|${user.id}`);
    roleHolders.set(user.id, user);
    eligibility.push({
      id: roleAssignmentId(role, user.id, '-1-e'),
      principalId: user.id,
      roleDefinitionId: role,
      directoryScopeId: '/',
      startDateTime: '2026-01-01T00:00:00Z',
      endDateTime: rng.chance(0.5) ? null : '2027-12-31T00:00:00Z',
    });
  }
  return {
    snapshot: {
      roleDefinitions: builtInRoleDefinitions(),
      roleAssignments: assignments,
      roleEligibilityScheduleInstances: eligibility,
      groups,
      // SimUser has exactly the snapshot's user fields: share the objects instead of copying 100k of them.
      users,
    },
    users,
    issuers: [...issuers.values()],
    roleHolders: [...roleHolders.values()],
    syncAccount,
  };
}
