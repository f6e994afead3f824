import type { Config } from '../config';
import type { FindingPage, FindingQuery, FindingStore } from '../store/store';
import { openRegistryFromConfig } from '../tenants/registry-from-config';
import { ALL_TENANTS } from '../tenants/tenant-findings-api';
import { queryTenants } from '../tenants/tenant-query';
import { parseTenantId } from '../tenants/tenant-record';
import { UsageError } from './io';

/**
 * What `tapwatch findings --tenant` reads: nothing given is TENANT_ID (as before tenants existed), an id is
 * that tenant, `all` is every registered tenant and the home one, tenant by tenant.
 */
export async function tenantScope(
  store: FindingStore,
  config: Config,
  tenant: string | undefined,
): Promise<(query: FindingQuery) => Promise<FindingPage>> {
  if (tenant === undefined) return (query) => store.queryFindings(query);
  if (tenant !== ALL_TENANTS) {
    let tenantId: string;
    try {
      tenantId = parseTenantId(tenant);
    } catch {
      throw new UsageError(
        `--tenant must be a tenant id (GUID) or ${ALL_TENANTS}, got ${JSON.stringify(tenant.slice(0, 60))}`,
      );
    }
    return (query) => store.queryFindings({ ...query, tenantId });
  }
  const listing = await (await openRegistryFromConfig(config)).list();
  const tenantIds = [config.tenantId, ...listing.tenants.map((t) => t.tenantId)];
  return ({ tenantId: _, ...query }) => queryTenants(store, tenantIds, query);
}
