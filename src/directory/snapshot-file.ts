import { readFile } from 'node:fs/promises';
import { InputError } from '../errors';
import type {
  DirectoryGroup,
  DirectorySnapshot,
  DirectoryUser,
  GroupMember,
  RoleAssignment,
  RoleDefinition,
  RoleEligibilityInstance,
  TenantSnapshot,
} from './snapshot';

type Obj = Record<string, unknown>;

/**
 * Reads a role-data snapshot (`scan --directory FILE`) or a whole tenant (`demo --tenant FILE`).
 * Every problem becomes a one-line `InputError` naming the file and the field.
 */
export async function readSnapshotFile(path: string): Promise<DirectorySnapshot | TenantSnapshot> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new InputError(`${path}: cannot read snapshot file (${code})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
    });
  }
  return parseSnapshot(json, path);
}

/**
 * Validates the snapshot shape (docs/architecture.md). Missing arrays are empty (a snapshot may hold only what it needs);
 * wrong types are errors. Known fields are copied into fresh objects, so stray keys never travel on.
 * Arrays may also be saved Graph responses (`{ "value": [...] }`).
 */
export function parseSnapshot(json: unknown, source: string): DirectorySnapshot | TenantSnapshot {
  const fail = (field: string, expected: string): never => {
    throw new InputError(`${source}: ${field} must be ${expected}`);
  };
  if (!isObject(json)) return fail('the top level', 'a JSON object');

  const list = <T>(name: string, item: (o: Obj, at: string) => T): T[] => {
    let value = json[name];
    if (value === undefined || value === null) return [];
    if (isObject(value) && Array.isArray(value.value)) value = value.value;
    if (!Array.isArray(value)) return fail(name, 'an array');
    return value.map((entry, i) => {
      const at = `${name}[${i}]`;
      return isObject(entry) ? item(entry, at) : fail(at, 'an object');
    });
  };
  const str = (o: Obj, at: string, key: string): string => {
    const v = o[key];
    return typeof v === 'string' && v !== '' ? v : fail(join(at, key), 'a non-empty string');
  };
  const optStr = (o: Obj, at: string, key: string): string | null => {
    const v = o[key];
    if (v === undefined || v === null) return null;
    return typeof v === 'string' ? v : fail(join(at, key), 'a string or null');
  };
  const optBool = (o: Obj, at: string, key: string): boolean | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'boolean' ? v : fail(join(at, key), 'true, false or null');
  };

  const assignment = (o: Obj, at: string): RoleAssignment => ({
    id: str(o, at, 'id'),
    principalId: str(o, at, 'principalId'),
    roleDefinitionId: str(o, at, 'roleDefinitionId'),
    directoryScopeId: optStr(o, at, 'directoryScopeId'),
  });
  const roleDefinitions = list('roleDefinitions', (o, at): RoleDefinition => {
    const isBuiltIn = optBool(o, at, 'isBuiltIn');
    return {
      id: str(o, at, 'id'),
      templateId: optStr(o, at, 'templateId'),
      displayName: str(o, at, 'displayName'),
      ...(isBuiltIn === undefined ? {} : { isBuiltIn }),
    };
  });
  const roleAssignments = list('roleAssignments', assignment);
  const roleEligibilityScheduleInstances = list(
    'roleEligibilityScheduleInstances',
    (o, at): RoleEligibilityInstance => ({
      ...assignment(o, at),
      startDateTime: optStr(o, at, 'startDateTime'),
      endDateTime: optStr(o, at, 'endDateTime'),
    }),
  );
  const member = (o: Obj, at: string): GroupMember => {
    const type = optStr(o, at, '@odata.type');
    const appId = optStr(o, at, 'appId');
    return {
      id: str(o, at, 'id'),
      userPrincipalName: optStr(o, at, 'userPrincipalName'),
      displayName: optStr(o, at, 'displayName'),
      ...(type === null ? {} : { '@odata.type': type }),
      ...(appId === null ? {} : { appId }),
    };
  };
  const groups = list('groups', (o, at): DirectoryGroup => {
    const members = o.members;
    if (members !== undefined && members !== null && !Array.isArray(members))
      fail(`${at}.members`, 'an array');
    return {
      id: str(o, at, 'id'),
      displayName: str(o, at, 'displayName'),
      isAssignableToRole: optBool(o, at, 'isAssignableToRole') ?? null,
      members: ((members as unknown[] | null | undefined) ?? []).map((m, i) =>
        isObject(m) ? member(m, `${at}.members[${i}]`) : fail(`${at}.members[${i}]`, 'an object'),
      ),
    };
  });
  const users = list(
    'users',
    (o, at): DirectoryUser => ({
      id: str(o, at, 'id'),
      userPrincipalName: optStr(o, at, 'userPrincipalName'),
      displayName: optStr(o, at, 'displayName'),
    }),
  );

  const snapshot: DirectorySnapshot = {
    roleDefinitions,
    roleAssignments,
    roleEligibilityScheduleInstances,
    groups,
    users,
  };
  const eligibility = optBool(json, '', 'eligibilityAvailable');
  if (eligibility !== undefined) snapshot.eligibilityAvailable = eligibility;

  const audits = json.directoryAudits;
  if (audits === undefined || audits === null) return snapshot;
  if (!Array.isArray(audits)) return fail('directoryAudits', 'an array');
  const tenant: TenantSnapshot = { ...snapshot, directoryAudits: audits };
  const tenantId = optStr(json, '', 'tenantId');
  if (tenantId !== null) tenant.tenantId = tenantId;
  const signIns = json.signIns;
  if (signIns !== undefined && signIns !== null) {
    if (!Array.isArray(signIns)) return fail('signIns', 'an array of signIn objects');
    tenant.signIns = signIns;
  }
  const licence = optStr(json, '', 'licence');
  if (licence !== null) {
    if (licence !== 'free' && licence !== 'p1' && licence !== 'p2')
      return fail('licence', '"free", "p1" or "p2"');
    tenant.licence = licence;
  }
  return tenant;
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
