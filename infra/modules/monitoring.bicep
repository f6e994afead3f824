// Log Analytics + workspace-based Application Insights. Local (key) auth is off on both, so
// telemetry is accepted only from Entra-authenticated senders (the identity holds Monitoring
// Metrics Publisher, see rbac.bicep).

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to both resources.')
param tags object

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs (cycle summaries, Key Vault audit).')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('Workspace resource id (Key Vault diagnostic settings send audit logs here).')
output logAnalyticsWorkspaceId string = workspace.id

@description('Application Insights component name (scope of Monitoring Metrics Publisher).')
output appInsightsName string = appInsights.name

@description('Connection string; with local auth off it only locates the ingestion endpoint.')
output appInsightsConnectionString string = appInsights.properties.ConnectionString
