import type { Config } from '../config';
import { createAzureCredential } from '../credential';
import { ConfigError } from '../errors';
import { openTenantRegistry } from './table-tenant-registry';
import type { TenantRegistry } from './tenant-registry';

/**
 * The tenants table of a deployment, reached the way the store is (`createStoreFromConfig`): the table
 * endpoint with the managed identity in Azure, a connection string locally.
 */
export function openRegistryFromConfig(config: Config): Promise<TenantRegistry> {
  if (config.tablesEndpoint) {
    return openTenantRegistry({
      endpoint: config.tablesEndpoint,
      credential: createAzureCredential(config),
      tablePrefix: config.tablePrefix,
    });
  }
  if (config.storageConnectionString) {
    return openTenantRegistry({
      connectionString: config.storageConnectionString,
      tablePrefix: config.tablePrefix,
    });
  }
  throw new ConfigError(
    'TABLES_ENDPOINT',
    'or STORAGE_CONNECTION_STRING (AzureWebJobsStorage) is required to reach Table storage',
  );
}
