import type { CycleSummary } from './cycle-summary';
import type { FindingStore } from './store/store';

/**
 * How long a cycle holds the tenant lease, in milliseconds. Longer than any normal cycle (seconds; a
 * throttled one spends at most GRAPH_THROTTLE_BUDGET_SECONDS waiting, default 2 minutes) and short
 * enough that a crashed run blocks at most two 5-minute cycles. A run that outlives it may overlap the
 * next: harmless (idempotent store, forward-only checkpoint, alert claims), only wasteful.
 */
export const TENANT_LEASE_MS = 10 * 60_000;

/**
 * Runs `work` under the tenant lease. When another live run holds it, `work` does not run and the
 * summary says `skipped` with the holder: not an error, the holder is doing this cycle's job. The
 * lease is released whatever `work` did; a failed release is reported (the lease then ends on its own).
 */
export async function withTenantLease(
  store: FindingStore,
  summary: CycleSummary,
  now: Date,
  work: () => Promise<void>,
): Promise<void> {
  const { tenantId, runId: owner } = summary;
  const lease = await store.acquireTenantLease({ tenantId, owner, now, leaseMs: TENANT_LEASE_MS });
  if (lease.kind === 'held') {
    summary.status = 'skipped';
    summary.skipped = { heldBy: lease.owner, since: lease.acquiredAt, until: lease.until };
    return;
  }
  try {
    await work();
  } finally {
    try {
      await store.releaseTenantLease(tenantId, owner, now);
    } catch (error) {
      summary.errors.push(`tenant lease not released (it ends by itself): ${String(error)}`);
      if (summary.status === 'ok') summary.status = 'partial';
    }
  }
}
