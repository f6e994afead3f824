/**
 * The Graph application permissions the cycle needs, with their app role ids from
 * https://learn.microsoft.com/graph/permissions-reference. Kept here until the deployment's shared
 * permission list (used by the Bicep and the grant script) is available to import.
 */
export const REQUIRED_GRAPH_PERMISSIONS: readonly { name: string; appRoleId: string }[] = [
  { name: 'AuditLog.Read.All', appRoleId: 'b0afded3-3588-46d8-8b3d-9842eff778da' },
  { name: 'Directory.Read.All', appRoleId: '7ab1d382-f21e-4acd-a863-ba3e13f7da61' },
  { name: 'RoleManagement.Read.Directory', appRoleId: '483bed4a-2ad3-4361-a73b-c83ccdbdc53c' },
  { name: 'RoleEligibilitySchedule.Read.Directory', appRoleId: 'ff278e11-4a33-4d0c-83d2-d01dc58929a5' },
];
