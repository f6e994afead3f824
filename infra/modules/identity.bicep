// The one identity tapwatch runs as: host storage, the findings tables, Key Vault references,
// App Insights ingestion and Microsoft Graph all authenticate with it, so no key or secret is needed.
// User-assigned (not system-assigned) so roles and Graph app roles exist before the app starts.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, for the app identity block and keyVaultReferenceIdentity.')
output id string = identity.id

@description('Client (application) id: AZURE_CLIENT_ID and AzureWebJobsStorage__clientId.')
output clientId string = identity.properties.clientId

@description('Object (principal) id: the subject of role and Graph app-role assignments.')
output principalId string = identity.properties.principalId
