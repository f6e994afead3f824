import type { RoleDefinition } from '../directory/snapshot';

/**
 * Built-in Entra roles the simulated tenants use, by template id (entra-facts §3). For built-in roles
 * Graph returns `id === templateId`. Kept here so the sample and synthetic tenants agree.
 */
export const BUILT_IN_ROLES = {
  globalAdministrator: ['Global Administrator', '62e90394-69f5-4237-9190-012177145e10'],
  privilegedRoleAdministrator: ['Privileged Role Administrator', 'e8611ab8-c189-46e8-94e1-60213ab1f814'],
  privilegedAuthenticationAdministrator: [
    'Privileged Authentication Administrator',
    '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  ],
  authenticationAdministrator: ['Authentication Administrator', 'c4e39bd9-1100-46d3-8c65-fb160da0071f'],
  userAdministrator: ['User Administrator', 'fe930be7-5e62-47db-91af-98c3a49a38b1'],
  helpdeskAdministrator: ['Helpdesk Administrator', '729827e3-9c14-49f7-bb1b-9608f156bbb8'],
  passwordAdministrator: ['Password Administrator', '966707d0-3269-4727-9be2-8c3a10f19b9d'],
  securityAdministrator: ['Security Administrator', '194ae4cb-b126-40b2-bd5b-6091b380977d'],
  applicationAdministrator: ['Application Administrator', '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3'],
  cloudApplicationAdministrator: ['Cloud Application Administrator', '158c047a-c907-4556-b7ef-446551a6b5f7'],
  exchangeAdministrator: ['Exchange Administrator', '29232cdf-9323-42fd-ade2-1d097af3e4de'],
  sharePointAdministrator: ['SharePoint Administrator', 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c'],
  intuneAdministrator: ['Intune Administrator', '3a2c62db-5318-420d-8d74-23affee5d9d5'],
  hybridIdentityAdministrator: ['Hybrid Identity Administrator', '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2'],
  conditionalAccessAdministrator: [
    'Conditional Access Administrator',
    'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  ],
  authenticationPolicyAdministrator: [
    'Authentication Policy Administrator',
    '0526716b-113d-4c15-b2c8-68e3c22b9f80',
  ],
  groupsAdministrator: ['Groups Administrator', 'fdd7a751-b60b-444a-984c-02652fe8fa1c'],
  directorySynchronizationAccounts: [
    'Directory Synchronization Accounts',
    'd29b2b05-8046-44ba-8758-1e26182fcf32',
  ],
  onPremisesDirectorySyncAccount: [
    'On Premises Directory Sync Account',
    'a92aed5d-d78a-4d16-b381-09adb37eb3b0',
  ],
  globalReader: ['Global Reader', 'f2ef992c-3afb-46b9-b7cf-a126ee74c451'],
  securityReader: ['Security Reader', '5d6b6bb7-de71-4623-b4af-96380a352509'],
  directoryReaders: ['Directory Readers', '88d8e3e3-8f55-4a1e-953a-9b9898b8876b'],
  reportsReader: ['Reports Reader', '4a5d8f65-41da-4de4-8968-e035b65339cf'],
  messageCenterReader: ['Message Center Reader', '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b'],
} as const satisfies Record<string, readonly [string, string]>;

export type BuiltInRoleKey = keyof typeof BUILT_IN_ROLES;

/** Template id of a built-in role. */
export function roleId(key: BuiltInRoleKey): string {
  return BUILT_IN_ROLES[key][1];
}

/** Every built-in role above as Graph lists it in `roleDefinitions`. */
export function builtInRoleDefinitions(): RoleDefinition[] {
  return Object.values(BUILT_IN_ROLES).map(([displayName, id]) => ({
    id,
    templateId: id,
    displayName,
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
