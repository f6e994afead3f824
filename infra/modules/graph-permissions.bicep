// Microsoft Graph application permissions (app roles) for the tapwatch managed identity.
// Deployed only with grantGraphPermissions=true: the deployer then needs Privileged Role
// Administrator (or Global Administrator) in Entra. Otherwise scripts/grant-graph-permissions.sh
// grants the same roles later, from the same list.
extension microsoftGraphV1

@description('Object (principal) id of the managed identity receiving the app roles.')
param principalId string

// Least privilege for what tapwatch reads. The list, with the Graph calls that need each
// permission and Microsoft's page listing it, is src/graph/graph-permissions.json: the grant script and
// `tapwatch doctor` read the same file, so the three cannot drift apart.
var graphPermissions = loadJsonContent('../../src/graph/graph-permissions.json')
var graphAppRoles = map(graphPermissions.permissions, p => p.name)

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
