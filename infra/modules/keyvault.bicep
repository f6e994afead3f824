// Key Vault for the alert channel secrets (Teams URL, webhook URLs, webhook signing secrets).
// RBAC authorization only; the app reads them through Key Vault references with its identity.
// A secret is written only when its value is given, so a deployment without it never overwrites
// a value set earlier.

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Enable purge protection (irreversible once on).')
param purgeProtection bool = false

@description('Log Analytics workspace receiving the vault audit log (who read or changed a secret).')
param logAnalyticsWorkspaceId string

@description('Secret names: { teamsWorkflowUrl, webhookUrls, webhookSecret, webhookSecrets }.')
param secretNames object

@secure()
@description('Teams Workflows webhook URL; empty leaves the secret untouched.')
param teamsWorkflowUrl string = ''

@secure()
@description('Comma-separated webhook URLs; empty leaves the secret untouched.')
param webhookUrls string = ''

@secure()
@description('Standard Webhooks signing secret; empty leaves the secret untouched.')
param webhookSecret string = ''

@secure()
@description('Per-URL Standard Webhooks signing secrets (comma-separated); empty leaves the secret untouched.')
param webhookSecrets string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // The API rejects an explicit false once enabled, so the property is omitted unless requested.
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource teamsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(teamsWorkflowUrl)) {
  parent: vault
  name: secretNames.teamsWorkflowUrl
  properties: {
    value: teamsWorkflowUrl
    contentType: 'text/plain'
  }
}

resource webhookUrlsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookUrls)) {
  parent: vault
  name: secretNames.webhookUrls
  properties: {
    value: webhookUrls
    contentType: 'text/plain'
  }
}

resource webhookSigningSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookSecret)) {
  parent: vault
  name: secretNames.webhookSecret
  properties: {
    value: webhookSecret
    contentType: 'text/plain'
  }
}

resource webhookEndpointSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(webhookSecrets)) {
  parent: vault
  name: secretNames.webhookSecrets
  properties: {
    value: webhookSecrets
    contentType: 'text/plain'
  }
}

resource auditLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

@description('Vault name.')
output name string = vault.name

@description('Vault URI with a trailing slash (https://<name>.vault.azure.net/).')
output uri string = vault.properties.vaultUri
