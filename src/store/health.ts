import type { ApiResponse } from './findings-api';
import type { FindingStore } from './store';

/** Default staleness: twice the hourly poll, so one missed cycle is tolerated, two are not. */
export const MAX_CHECKPOINT_AGE_MS = 2 * 3_600_000;
/** Pending alerts are counted over this span (a finding pending longer than a week is itself a problem). */
const PENDING_SPAN_MS = 7 * 86_400_000;

/**
 * The health answer: 200 when the last successful cycle is younger than `maxAgeMs` (HEALTH_MAX_AGE_MINUTES),
 * no alert channel is failing and the last cycle quarantined no finding; else 503 (`never-run`, `stale`,
 * or `degraded` naming the failing channels and since when, or the quarantined audit ids). The body
 * carries the last cycle's time, status and window end and the pending alert count. Store failures are
 * thrown for the trigger to answer 503.
 */
export async function checkHealth(
  store: FindingStore,
  tenantId: string,
  now: Date,
  maxAgeMs = MAX_CHECKPOINT_AGE_MS,
): Promise<ApiResponse> {
  const checkpoint = await store.getCheckpoint(tenantId);
  const pendingAlerts = (await store.listPending(tenantId, new Date(now.getTime() - PENDING_SPAN_MS))).length;
  if (!checkpoint) {
    return { status: 503, jsonBody: { status: 'never-run', checkedAt: now.toISOString(), pendingAlerts } };
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
      pendingAlerts,
      channels,
      quarantine,
    },
  };
}
