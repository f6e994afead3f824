import type { TenantRegistry } from './tenant-registry';

/**
 * Every tenant whose findings the daily cleanup must expire: the home tenant, each registered tenant, and
 * each tenant that ever ran from the queue (its status row outlives `tapwatch tenants remove`), so a removed
 * tenant's findings still expire after RETENTION_DAYS instead of staying forever.
 */
export async function tenantsToExpire(homeTenantId: string, registry: TenantRegistry): Promise<string[]> {
  const listing = await registry.list();
  const statuses = await registry.statuses();
  const ids = [homeTenantId, ...listing.tenants.map((t) => t.tenantId), ...statuses.map((s) => s.tenantId)];
  return [...new Set(ids)].sort();
}
