// Microsoft Graph application permissions (app roles) for the tapwatch managed identity.
// Deployed only with grantGraphPermissions=true: the deployer then needs Privileged Role
// Administrator (or Global Administrator) in Entra. Otherwise scripts/grant-graph-permissions.sh
// grants the same roles later; test/unit/infra checks both lists stay equal.
extension microsoftGraphV1

@description('Object (principal) id of the managed identity receiving the app roles.')
param principalId string

// Least privilege for what tapwatch reads (DESIGN §6):
//   AuditLog.Read.All                      directoryAudits (the TAP creation records)
//   RoleManagement.Read.Directory          role definitions and active role assignments
//   RoleEligibilitySchedule.Read.Directory PIM-eligible roles (P2; without it: active roles only)
//   GroupMember.Read.All                   members of role-assignable groups
var graphAppRoles = [
  'AuditLog.Read.All'
  'RoleManagement.Read.Directory'
  'RoleEligibilitySchedule.Read.Directory'
  'GroupMember.Read.All'
]

// Microsoft Graph's service principal in this tenant (well-known application id).
resource graph 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: '00000003-0000-0000-c000-000000000000'
}

// App role ids are looked up by value rather than hard-coded, so a typo fails the deployment.
resource grants 'Microsoft.Graph/appRoleAssignedTo@v1.0' = [
  for role in graphAppRoles: {
    appRoleId: filter(graph.appRoles, r => r.value == role)[0].id
    principalId: principalId
    resourceId: graph.id
  }
]

@description('Graph app roles granted to the identity.')
output grantedAppRoles array = graphAppRoles
