import { ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../config';
import { ConfigError } from '../errors';
import type { FindingStore } from './store';
import { createTableStore } from './table-store';

/**
 * The store a deployment uses. In Azure: TABLES_ENDPOINT with the user-assigned managed identity
 * (AZURE_CLIENT_ID), shared keys being off. Locally: a connection string (STORAGE_CONNECTION_STRING,
 * else AzureWebJobsStorage; `UseDevelopmentStorage=true` for Azurite). The endpoint wins when both are
 * set, so a leftover development connection string can never redirect a deployed app.
 */
export async function createStoreFromConfig(config: Config): Promise<FindingStore> {
  if (config.tablesEndpoint) {
    const credential = config.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: config.managedIdentityClientId })
      : new ManagedIdentityCredential();
    return createTableStore({ endpoint: config.tablesEndpoint, credential, tablePrefix: config.tablePrefix });
  }
  if (config.storageConnectionString) {
    return createTableStore({
      connectionString: config.storageConnectionString,
      tablePrefix: config.tablePrefix,
    });
  }
  throw new ConfigError(
    'TABLES_ENDPOINT',
    'or STORAGE_CONNECTION_STRING (AzureWebJobsStorage) is required to reach Table storage',
  );
}
