// The tapwatch function app on a Flex Consumption plan (Linux, Node 22).
// Every setting src/config.ts SETTINGS lists is written here (test/unit/infra checks it): tunables
// with their documented defaults, the Azure-only ones from this deployment, and the alert secrets
// as Key Vault references. Flex rejects FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and
// WEBSITE_RUN_FROM_PACKAGE (functionAppConfig carries that information), so none is set.

@description('Flex Consumption plan name.')
param planName string

@description('Function app name (also the default host name prefix).')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('azd service name in azure.yaml; azd finds the app to deploy by this tag.')
param serviceName string = 'api'

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Blob endpoint of the storage account (host storage).')
param blobEndpoint string

@description('Table endpoint of the storage account (host storage and the findings tables).')
param tableEndpoint string

@description('Queue endpoint of the storage account (the tenant cycle queue and its trigger).')
param queueEndpoint string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Key Vault URI with a trailing slash.')
param keyVaultUri string

@description('Secret names: { teamsWorkflowUrl, webhookUrls, webhookSecret, webhookSecrets }.')
param secretNames object

@description('The Teams URL secret exists in Key Vault.')
param hasTeamsWorkflowUrl bool = false

@description('The webhook URLs secret exists in Key Vault.')
param hasWebhookUrls bool = false

@description('The webhook signing secret exists in Key Vault.')
param hasWebhookSecret bool = false

@description('The per-URL webhook signing secrets exist in Key Vault.')
param hasWebhookSecrets bool = false

// 40: the lowest maximum every version of the Flex docs accepts (see maximumInstanceCount in main.bicep).
@minValue(1)
@maxValue(1000)
@description('Most instances the plan may scale to.')
param maximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
@description('Memory per instance in MB.')
param instanceMemoryMB int = 2048

@description('TABLE_PREFIX: prefix of the table names.')
param tablePrefix string = ''

@description('Values replacing the defaults below, by setting name; empty values are ignored.')
param settingOverrides object = {}

// Documented defaults (src/config.ts SETTINGS); the Bicep check fails if one drifts from the code.
var tapwatchDefaults = {
  POLL_SCHEDULE: '0 */5 * * * *'
  CLEANUP_SCHEDULE: '0 30 3 * * *'
  LOOKBACK_HOURS: '24'
  WINDOW_OVERLAP_MINUTES: '4'
  REREAD_TIERS: '2h/1h,24h/1h'
  AUDIT_RETENTION_DAYS: '30'
  GRAPH_BASE_URL: 'https://graph.microsoft.com'
  GRAPH_PAGE_SIZE: '999'
  GRAPH_THROTTLE_BUDGET_SECONDS: '120'
  PRIVILEGED_ROLE_IDS: ''
  SYNC_ACCOUNT_PATTERNS: ''
  ALLOWED_TAP_APP_IDS: ''
  MAX_TAP_LIFETIME_MINUTES: '480'
  BULK_TAP_THRESHOLD: '5'
  BULK_TAP_WINDOW_MINUTES: '60'
  ALERT_MIN_SEVERITY: 'medium'
  DEDUP_WINDOW_HOURS: '24'
  RETENTION_DAYS: '90'
  HEALTH_MAX_AGE_MINUTES: '20'
  ALERT_TIMEOUT_MS: '15000'
  ALERT_MAX_PER_CYCLE: '50'
  ALERT_MAX_ATTEMPTS: '4'
  LOG_LEVEL: 'info'
}

// Empty overrides are dropped so the portal shows the effective default rather than a blank.
var overrides = toObject(filter(items(settingOverrides), s => !empty(string(s.value))), s => s.key, s => string(s.value))

// Versionless references (trailing slash) resolve to the latest secret version, so a rotation
// needs no redeployment, only a restart or a reference refresh.
var secretBase = '${keyVaultUri}secrets/'

// Applied last: overrides cannot replace identity, storage or secret wiring.
var deploymentSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  // The runTenantCycle queue trigger and the timer's fan-out reach the queue with the identity.
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  TENANT_ID: tenant().tenantId
  AZURE_CLIENT_ID: identityClientId
  TABLES_ENDPOINT: tableEndpoint
  TABLE_PREFIX: tablePrefix
  // Tables are reached with the identity through TABLES_ENDPOINT; no connection string exists.
  STORAGE_CONNECTION_STRING: ''
  TEAMS_WORKFLOW_URL: hasTeamsWorkflowUrl ? '@Microsoft.KeyVault(SecretUri=${secretBase}${secretNames.teamsWorkflowUrl}/)' : ''
  WEBHOOK_URLS: hasWebhookUrls ? '@Microsoft.KeyVault(SecretUri=${secretBase}${secretNames.webhookUrls}/)' : ''
  WEBHOOK_SECRET: hasWebhookSecret ? '@Microsoft.KeyVault(SecretUri=${secretBase}${secretNames.webhookSecret}/)' : ''
  WEBHOOK_SECRETS: hasWebhookSecrets ? '@Microsoft.KeyVault(SecretUri=${secretBase}${secretNames.webhookSecrets}/)' : ''
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Without this, Key Vault references would look for a system-assigned identity that does not exist.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'node'
        version: '22'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(tapwatchDefaults, overrides, deploymentSettings)
}

// Deployments (azd) authenticate with Entra ID; publishing passwords stay unusable.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

@description('Function app name.')
output name string = functionApp.name

@description('Default host name (Flex apps may get a generated one, so callers must not guess it).')
output defaultHostName string = functionApp.properties.defaultHostName
