import type { ApiResponse } from './findings-api';
import type { FindingStore } from './store';
import type { TenantLeaseRow } from './tenant-lease';

/**
 * Default staleness (HEALTH_MAX_AGE_MINUTES 20): four 5-minute cycles, so a cycle failed and retried or
 * two skipped behind a crashed run's 10-minute tenant lease are tolerated, a stall is not.
 */
export const MAX_CHECKPOINT_AGE_MS = 20 * 60_000;
/** Pending alerts are counted over this span (a finding pending longer than a week is itself a problem). */
const PENDING_SPAN_MS = 7 * 86_400_000;

/**
 * The health answer: 200 when the last successful cycle is younger than `maxAgeMs` (HEALTH_MAX_AGE_MINUTES),
 * no alert channel is failing and the last cycle quarantined no finding; else 503 (`never-run`, `stale`,
 * or `degraded` naming the failing channels and since when, or the quarantined audit ids). The body
 * carries the last cycle's time, status, window end and re-read tier ends, the pending alert count and
 * the tenant lease (a run in progress, cycles skipped because of it). Store failures are thrown for the
 * trigger to answer 503.
 */
export async function checkHealth(
  store: FindingStore,
  tenantId: string,
  now: Date,
  maxAgeMs = MAX_CHECKPOINT_AGE_MS,
): Promise<ApiResponse> {
  const checkpoint = await store.getCheckpoint(tenantId);
  const pendingAlerts = (await store.listPending(tenantId, new Date(now.getTime() - PENDING_SPAN_MS))).length;
  const lease = leaseView(await store.getTenantLease(tenantId), now);
  if (!checkpoint) {
    return {
      status: 503,
      jsonBody: { status: 'never-run', checkedAt: now.toISOString(), pendingAlerts, ...lease },
    };
  }
  const health = await store.getHealth(tenantId);
  const channels = health?.channels ?? {};
  const quarantine = health?.quarantine ?? { count: 0, auditIds: [] };
  const ageMs = now.getTime() - Date.parse(checkpoint.lastSuccessAt);
  const fresh = Number.isFinite(ageMs) && ageMs <= maxAgeMs;
  const failing = Object.values(channels).some((c) => c.status === 'failing');
  const status = !fresh ? 'stale' : failing || quarantine.count > 0 ? 'degraded' : 'ok';
  return {
    status: status === 'ok' ? 200 : 503,
    jsonBody: {
      status,
      checkedAt: now.toISOString(),
      lastSuccessAt: checkpoint.lastSuccessAt,
      ageMinutes: Number.isFinite(ageMs) ? Math.round(ageMs / 60_000) : null,
      cycleStatus: checkpoint.status,
      windowEnd: checkpoint.windowEnd,
      ...(checkpoint.tiers ? { rereadTiers: checkpoint.tiers } : {}),
      pendingAlerts,
      channels,
      quarantine,
      ...lease,
    },
  };
}

/**
 * The tenant lease as health shows it: a cycle skipped because another run held the lease is expected
 * and not a failure, so health reports it (`running`, `skippedCycles`) without changing its verdict.
 */
function leaseView(row: TenantLeaseRow | undefined, now: Date): Record<string, unknown> {
  if (!row) return {};
  const running = Date.parse(row.until) > now.getTime();
  return {
    lease: {
      running,
      runId: row.owner,
      since: row.acquiredAt,
      until: row.until,
      skippedCycles: row.skipped,
      ...(row.lastSkippedAt ? { lastSkippedAt: row.lastSkippedAt } : {}),
    },
  };
}
