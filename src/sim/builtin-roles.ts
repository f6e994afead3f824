import { BUILT_IN_ROLE_NAMES, ROLE } from '../directory/role-catalog';
import type { RoleDefinition } from '../directory/snapshot';

/** Built-in Entra roles the simulated tenants use: the detector's own catalog (docs/graph-behaviour.md). */
export type BuiltInRoleKey = keyof typeof ROLE;

/** Template id of a built-in role. For built-in roles Graph returns `id === templateId`. */
export function roleId(key: BuiltInRoleKey): string {
  return ROLE[key];
}

/** Every catalogued built-in role as Graph lists it in `roleDefinitions`. */
export function builtInRoleDefinitions(): RoleDefinition[] {
  return Object.values(ROLE).map((id) => ({
    id,
    templateId: id,
    displayName: BUILT_IN_ROLE_NAMES.get(id) ?? id,
    isBuiltIn: true,
  }));
}

/** GUID bytes in .NET order (first three groups little-endian), as Graph packs them into ids. */
function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  return Buffer.from([b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], ...b.subarray(8)] as number[]);
}

/**
 * The id Graph gives a role assignment: base64url of role and principal GUIDs, then `-1`
 * (eligibility instances end `-1-e`). Scoped assignments get a distinct suffix here so ids stay unique.
 */
export function roleAssignmentId(roleDefinitionId: string, principalId: string, suffix = '-1'): string {
  return Buffer.concat([guidBytes(roleDefinitionId), guidBytes(principalId)]).toString('base64url') + suffix;
}
