import { errorMessage } from '../errors';
import type { ApiResponse } from '../store/findings-api';
import type { FindingStore } from '../store/store';
import type { FanOutDeps } from './scheduled-run';
import type { TenantRunStatus } from './tenant-registry';

/** ok: a recent successful cycle; the others say why not. */
export type TenantHealthState = 'ok' | 'stale' | 'never-run' | 'failing' | 'poisoned';

export interface TenantHealth {
  tenantId: string;
  displayName: string;
  state: TenantHealthState;
  lastSuccessAt: string | null;
  ageMinutes: number | null;
  lastAttemptAt: string | null;
  consecutiveFailures: number;
  /** One line, secrets scrubbed when it was recorded. */
  lastError: string | null;
}

/**
 * Health of a deployment with registered tenants: one entry per enabled tenant from its checkpoint (last
 * successful cycle) and its status row (last queued attempt), the queue and poison-queue depths and the
 * rows that do not validate. 200 only when every enabled tenant is `ok`, else 503 with the list, so a
 * probe alerts on one failing customer without hiding which.
 */
export async function checkTenantsHealth(
  store: FindingStore,
  fanOut: FanOutDeps,
  now: Date,
  maxAgeMs: number,
): Promise<ApiResponse> {
  const listing = await fanOut.registry.list();
  const statuses = new Map((await fanOut.registry.statuses()).map((s) => [s.tenantId, s]));
  const tenants: TenantHealth[] = [];
  for (const tenant of listing.tenants.filter((t) => t.enabled)) {
    const checkpoint = await store.getCheckpoint(tenant.tenantId);
    const status = statuses.get(tenant.tenantId);
    const ageMs = checkpoint ? now.getTime() - Date.parse(checkpoint.lastSuccessAt) : Number.NaN;
    tenants.push({
      tenantId: tenant.tenantId,
      displayName: tenant.displayName,
      state: stateOf(checkpoint?.lastSuccessAt, ageMs, status, maxAgeMs),
      lastSuccessAt: checkpoint?.lastSuccessAt ?? null,
      ageMinutes: Number.isFinite(ageMs) ? Math.round(ageMs / 60_000) : null,
      lastAttemptAt: status?.lastAttemptAt ?? null,
      consecutiveFailures: status?.consecutiveFailures ?? 0,
      lastError: status?.lastError ?? null,
    });
  }
  let queue: { queued: number; poison: number } | null = null;
  let queueError: string | undefined;
  try {
    queue = await (await fanOut.queue()).depth();
  } catch (error) {
    queueError = errorMessage(error);
  }
  const healthy =
    tenants.every((t) => t.state === 'ok') && listing.invalid.length === 0 && (queue?.poison ?? 0) === 0;
  return {
    status: healthy ? 200 : 503,
    jsonBody: {
      status: healthy ? 'ok' : 'degraded',
      checkedAt: now.toISOString(),
      tenants,
      notOk: tenants.filter((t) => t.state !== 'ok').length,
      invalidTenants: listing.invalid,
      queue,
      ...(queueError ? { queueError } : {}),
    },
  };
}

function stateOf(
  lastSuccessAt: string | undefined,
  ageMs: number,
  status: TenantRunStatus | undefined,
  maxAgeMs: number,
): TenantHealthState {
  const failedSinceSuccess = status && (!lastSuccessAt || status.lastAttemptAt > lastSuccessAt);
  if (failedSinceSuccess && status.lastStatus === 'poisoned') return 'poisoned';
  if (failedSinceSuccess && status.lastStatus === 'failed') return 'failing';
  if (!lastSuccessAt) return 'never-run';
  return Number.isFinite(ageMs) && ageMs <= maxAgeMs ? 'ok' : 'stale';
}
