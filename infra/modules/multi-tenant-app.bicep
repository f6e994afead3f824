// The multi-tenant app registration that reaches customer tenants without a secret (docs/tenants.md).
// Its only credential is a federated identity credential trusting the deployment's user-assigned
// managed identity ("Configure an application to trust a managed identity":
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity;
// resource shape: https://learn.microsoft.com/graph/templates/reference/federatedidentitycredentials).
// At run time the app signs in to a customer tenant with a client assertion that is the identity's
// token for api://AzureADTokenExchange. Each customer's admin consents the app once (docs/tenants.md).
// Deployed only with multiTenant=true: the deployer needs Application Administrator (or
// Cloud Application Administrator, or the Application Developer role) in Entra.
extension microsoftGraphV1

@description('Display name of the app registration as customers see it on the consent prompt.')
param displayName string

@description('Unique name (the Graph Bicep key) of the app registration.')
param uniqueName string

@description('Object (principal) id of the managed identity the app trusts.')
param principalId string

// The same least-privilege Graph app roles as the managed identity (src/graph/graph-permissions.json),
// requested here so the customer's admin consent grants exactly them.
var graphPermissions = loadJsonContent('../../src/graph/graph-permissions.json')

resource app 'Microsoft.Graph/applications@v1.0' = {
  displayName: displayName
  uniqueName: uniqueName
  signInAudience: 'AzureADMultipleOrgs'
  requiredResourceAccess: [
    {
      resourceAppId: graphPermissions.resourceAppId
      resourceAccess: map(graphPermissions.permissions, p => {
        id: p.appRoleId
        type: 'Role'
      })
    }
  ]

  // Issuer: the home tenant's token endpoint; subject: the managed identity's object id; audience:
  // the token-exchange audience Entra requires for managed identities as federated credentials.
  resource trustsManagedIdentity 'federatedIdentityCredentials@v1.0' = {
    name: '${app.uniqueName}/tapwatch-managed-identity'
    description: 'tapwatch managed identity signs in as this app in customer tenants (no secret)'
    audiences: [
      'api://AzureADTokenExchange'
    ]
    issuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
    subject: principalId
  }
}

@description('Application (client) id to give `tapwatch tenants add --app-id` and each customer admin.')
output appId string = app.appId
