// Storage for the Functions host (timer leases), Flex deployment packages, tapwatch's tables and the tenant queue.
// Shared keys are off: everything authenticates with Entra ID through the managed identity.

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Prefix of the table names, as TABLE_PREFIX gives it to the app.')
param tablePrefix string = ''

@description('Blob container holding the Flex Consumption deployment package.')
param deploymentContainerName string = 'app-package'

// The tables the store uses (docs/architecture.md); created here so a first cycle does not race to create them.
var tableNames = [
  'findings'
  'alertlog'
  'checkpoint'
  'opentaps'
  'deletions'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Flex Consumption without a virtual network reaches the account over its public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tableNames: {
    parent: tableService
    name: '${tablePrefix}${table}'
  }
]

// The tenant fan-out queue (docs/tenants.md) and the poison queue the Functions host moves a message to after
// maxDequeueCount failed attempts (<queue>-poison; functions-bindings-storage-queue-trigger#poison-messages).
// Created here so the identity needs no right to create queues and health can read the poison depth at once.
var queueNames = [
  'tapwatch-cycles'
  'tapwatch-cycles-poison'
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queue in queueNames: {
    parent: queueService
    name: queue
  }
]

@description('Storage account name.')
output name string = account.name

@description('Queue endpoint: AzureWebJobsStorage__queueServiceUri (queue trigger and the timer fan-out).')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Blob endpoint (https://<account>.blob.core.windows.net/).')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Table endpoint: TABLES_ENDPOINT and AzureWebJobsStorage__tableServiceUri.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('URL of the deployment package container for functionAppConfig.deployment.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
