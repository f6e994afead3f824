import type { Config } from '../config';
import { createAzureCredential } from '../credential';
import { requireTableOptions } from '../store/table-clients';
import { openTenantRegistry } from './table-tenant-registry';
import type { TenantRegistry } from './tenant-registry';

/**
 * The tenants table of a deployment, reached the way the store is (`createStoreFromConfig`): the table
 * endpoint with the managed identity in Azure, a connection string locally.
 */
export function openRegistryFromConfig(config: Config): Promise<TenantRegistry> {
  return openTenantRegistry(requireTableOptions(config, () => createAzureCredential(config)));
}
