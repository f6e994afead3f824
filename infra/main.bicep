// tapwatch: one resource group holding a Flex Consumption function app, its storage (host state,
// deployment packages and the findings tables), Key Vault for alert secrets, and monitoring.
// Deployed by `azd up`; parameters come from main.parameters.json (azd environment values).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; seeds the resource names and tags every resource for azd.')
param environmentName string

@minLength(1)
@description('Azure region of every resource; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name; empty gives rg-<environmentName>.')
param resourceGroupName string = ''

@description('Grant the Microsoft Graph app roles from this deployment. Needs a deployer with Privileged Role Administrator (or Global Administrator) in Entra; otherwise leave false and run scripts/grant-graph-permissions.sh later.')
param grantGraphPermissions bool = false

@description('Watch other Entra tenants too: creates the multi-tenant app registration (Microsoft Graph Bicep extension) whose only credential trusts the managed identity. Needs Application Administrator in Entra.')
param multiTenant bool = false

@description('Optional object id of a user or group that may set and rotate the alert secrets in Key Vault (Key Vault Secrets Officer). Empty grants nobody.')
param secretsOfficerPrincipalId string = ''

@description('Enable Key Vault purge protection (irreversible; `azd down --purge` then cannot purge the vault).')
param keyVaultPurgeProtection bool = false

// Flex docs disagree on the lowest allowed maximum: 40 in several versions, 1 in a newer one (both in
// https://learn.microsoft.com/azure/azure-functions/event-driven-scaling#limit-scale-out); the platform
// default is 100. 40 is accepted under every reading, and costs nothing idle: Flex bills executions,
// and one timer run at a time plus a few API calls never come near it.
@minValue(1)
@maxValue(1000)
@description('Upper bound of Flex Consumption instances. Values below 40 are refused where the platform still enforces its older minimum of 40.')
param maximumInstanceCount int = 40

@description('Prefix of the findings, alertlog and checkpoint table names (letters and digits).')
param tablePrefix string = ''

@description('tapwatch settings that replace their documented defaults (names from src/config.ts SETTINGS, values as text). Empty values keep the default.')
param appSettingOverrides object = {}

@secure()
@description('Teams Workflows webhook URL (it carries its own sig= credential). Stored in Key Vault when given.')
param teamsWorkflowUrl string = ''

@secure()
@description('Comma-separated webhook endpoints receiving the finding JSON. Stored in Key Vault when given.')
param webhookUrls string = ''

@secure()
@description('Standard Webhooks signing secret (whsec_<base64> of 24 to 64 bytes) for every webhook URL without its own in webhookSecrets. Stored in Key Vault when given.')
param webhookSecret string = ''

@secure()
@description('One signing secret per webhook URL, same order, comma-separated (an empty entry uses webhookSecret). Stored in Key Vault when given.')
param webhookSecrets string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'tapwatch'
}
var secretNames = {
  teamsWorkflowUrl: 'teams-workflow-url'
  webhookUrls: 'webhook-urls'
  webhookSecret: 'webhook-secret'
  webhookSecrets: 'webhook-secrets'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-tapwatch-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    tablePrefix: tablePrefix
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    purgeProtection: keyVaultPurgeProtection
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    secretNames: secretNames
    teamsWorkflowUrl: teamsWorkflowUrl
    webhookUrls: webhookUrls
    webhookSecret: webhookSecret
    webhookSecrets: webhookSecrets
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultName: keyVault.outputs.name
    secretsOfficerPrincipalId: secretsOfficerPrincipalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  // Role assignments first: the host reaches storage, Key Vault and App Insights only through them.
  dependsOn: [
    rbac
  ]
  params: {
    planName: 'plan-${resourceToken}'
    name: 'func-tapwatch-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    secretNames: secretNames
    // Only booleans cross into the app module: a setting references Key Vault when its secret exists.
    hasTeamsWorkflowUrl: !empty(teamsWorkflowUrl)
    hasWebhookUrls: !empty(webhookUrls)
    hasWebhookSecret: !empty(webhookSecret)
    hasWebhookSecrets: !empty(webhookSecrets)
    maximumInstanceCount: maximumInstanceCount
    tablePrefix: tablePrefix
    settingOverrides: appSettingOverrides
  }
}

module graphPermissions 'modules/graph-permissions.bicep' = if (grantGraphPermissions) {
  name: 'graph-permissions'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
  }
}

module multiTenantApp 'modules/multi-tenant-app.bicep' = if (multiTenant) {
  name: 'multi-tenant-app'
  scope: rg
  params: {
    displayName: 'tapwatch (${environmentName})'
    uniqueName: 'tapwatch-${resourceToken}'
    principalId: identity.outputs.principalId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = functionApp.outputs.defaultHostName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_TABLES_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output FINDINGS_API_URL string = 'https://${functionApp.outputs.defaultHostName}/api/findings'
output HEALTH_URL string = 'https://${functionApp.outputs.defaultHostName}/api/health'
output GRAPH_PERMISSIONS_GRANTED bool = grantGraphPermissions
output MULTI_TENANT_APP_CLIENT_ID string = multiTenant ? multiTenantApp!.outputs.appId : ''
output TENANT_QUEUE_NAME string = 'tapwatch-cycles'
