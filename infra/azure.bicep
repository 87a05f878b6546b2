// Production shape of Partnering Maturity: one Linux App Service (Node 20) runs the server
// (bot + dashboard API + tab), an Azure Bot with the Teams channel points at it, and a Storage
// account holds the tables. The app reaches storage with its user-assigned managed identity and the
// "Storage Table Data Contributor" role: no storage key in app settings.
//
// The Azure Bot is registered as SingleTenant (new registrations can no longer be multi-tenant) for the
// bot's Entra app, which is multi-tenant so that every organisation can use the bot (docs/identity.md).
// The app proves it is that Entra app with the same managed identity, through a federated identity
// credential on the app (scripts/bot-federated-credential.ts, run by teamsapp.yml): no bot secret either.
// botAppType 'UserAssignedMSI' registers the managed identity itself as the bot instead (infra/README.md).

@maxLength(20)
@minLength(4)
@description('Used to name every resource, e.g. "pmdev".')
param resourceBaseName string

@description('Azure region of the resources.')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 suits a pilot; use P1v3 or higher with several instances in production.')
param webAppSku string = 'B1'

@description('Number of App Service instances. Safe above 1: reminders are claimed with ETag leases, so each is sent once.')
@minValue(1)
param instanceCount int = 1

@description('Client id of the tab\'s Entra app (Teams SSO).')
param tabClientId string

@description('Tenant of the tab\'s Entra app.')
param tabTenantId string = subscription().tenantId

@description('Extra tenants whose people may open the dashboard (comma separated); empty for single-tenant use.')
param tabAllowedTenants string = ''

@description('The Teams app id (the manifest id, TEAMS_APP_ID): cards link to the tab inside Teams with it.')
param teamsAppId string = ''

@description('Display name of the bot in Azure.')
param botDisplayName string = 'Partnering Maturity'

@description('The Azure Bot\'s type of app: SingleTenant (the bot\'s Entra app, trusting the managed identity through a federated credential) or UserAssignedMSI (the managed identity itself).')
@allowed([
  'SingleTenant'
  'UserAssignedMSI'
])
param botAppType string = 'SingleTenant'

@description('Client id of the bot\'s Entra app (aadApp/create in teamsapp.yml, BOT_ID); unused when botAppType is UserAssignedMSI.')
param botAppId string = ''

var storageAccountName = toLower(replace('${resourceBaseName}st', '-', ''))
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var botIsManagedIdentity = botAppType == 'UserAssignedMSI'
// The bot's home tenant: where its Entra app (or identity) lives and where it gets its Bot Framework tokens.
var botTenantId = tenant().tenantId

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

// The server's bot settings (platform/config.ts), one list per botAppType.
var federatedBotSettings = [
  { name: 'MicrosoftAppType', value: 'SingleTenant' }
  { name: 'MicrosoftAppId', value: botAppId }
  { name: 'MicrosoftAppTenantId', value: botTenantId }
  { name: 'MicrosoftAppClientId', value: identity.properties.clientId }
]
var managedIdentityBotSettings = [
  { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
  { name: 'MicrosoftAppId', value: identity.properties.clientId }
  { name: 'MicrosoftAppTenantId', value: botTenantId }
]

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

// The server creates its tables on first use; declaring them here makes them visible at provision time.
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in ['pmcircles', 'pmpeople', 'pmconversations', 'pmreminders']: {
  parent: tableService
  name: table
}]

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storageAccount
  name: guid(storageAccount.id, identity.id, storageTableDataContributorRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: { reserved: true }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-app'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: webAppSku != 'F1'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      // The compiled server (npm run build, during deploy): nothing is built or transpiled at start.
      appCommandLine: 'node dist/server/start.js'
      appSettings: concat([
        { name: 'NODE_ENV', value: 'production' }
        // restify 11 loads spdy, whose http-deceiver reads process.binding('http_parser') and prints DEP0111 at every start; nothing here uses spdy.
        { name: 'NODE_OPTIONS', value: '--disable-warning=DEP0111' }
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'PORT', value: '8080' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'TABLES_ACCOUNT_URL', value: storageAccount.properties.primaryEndpoints.table }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'TAB_CLIENT_ID', value: tabClientId }
        { name: 'TAB_TENANT_ID', value: tabTenantId }
        { name: 'TAB_ALLOWED_TENANTS', value: tabAllowedTenants }
        // Where cards link to the tab (the site's own default host name, also the TAB_ENDPOINT output).
        { name: 'TAB_ENDPOINT', value: 'https://${resourceBaseName}-app.azurewebsites.net' }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
      ], botIsManagedIdentity ? managedIdentityBotSettings : federatedBotSettings)
    }
  }
  dependsOn: [tableDataContributor]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: union({
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: botAppType
    msaAppId: botIsManagedIdentity ? identity.properties.clientId : botAppId
    msaAppTenantId: botTenantId
  }, botIsManagedIdentity ? { msaAppMSIResourceId: identity.id } : {})
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Read by teamsapp.yml (writeToEnvironmentFile) and filled into the Teams manifest.
output BOT_ID string = botIsManagedIdentity ? identity.properties.clientId : botAppId
// What scripts/bot-federated-credential.ts needs to let the bot's Entra app trust the identity.
output BOT_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output BOT_IDENTITY_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output TABLES_ACCOUNT_URL string = storageAccount.properties.primaryEndpoints.table
