import type { Logger } from 'pino';
import type { CycleSummary } from '../cycle-summary';
import { errorMessage, TapwatchError } from '../errors';
import { configSecrets, redactSecrets } from '../logging';
import { parseCycleMessage } from './cycle-message';
import { MAX_DEQUEUE_COUNT } from './cycle-queue';
import type { TenantRegistry, TenantRunStatus } from './tenant-registry';
import { nextStatus } from './tenant-registry';
import type { TenantRuntimes } from './tenant-runtimes';

/** A tenant's cycle failed; thrown so the queue delivers the message again (and poisons it at the limit). */
export class TenantCycleFailedError extends TapwatchError {}

export interface TenantCycleDeps {
  registry: TenantRegistry;
  runtimes: TenantRuntimes;
  /** A logger that also scrubs `secrets` (the tenant's own channel URLs and signing secrets). */
  loggerFor: (secrets: string[]) => Logger;
  /** host.json maxDequeueCount: the attempt that, failing, sends the message to the poison queue. */
  maxDequeueCount?: number;
}

export type TenantCycleOutcome =
  | { kind: 'ran'; tenantId: string; summary: CycleSummary }
  | { kind: 'skipped'; tenantId: string; reason: string };

const MAX_ERROR_CHARS = 300;

/**
 * Runs the cycle one queue message asks for (docs/tenants.md), with that tenant's own settings, credential,
 * throttle budget and channels; records the attempt in the tenant's status row. A removed or disabled
 * tenant, or one that succeeded after the message was queued, is skipped. A failure is recorded (as
 * `poisoned` on the last attempt) and thrown, so the host retries and finally moves the message to
 * `<queue>-poison`; the store makes a rerun idempotent.
 */
export async function runTenantCycle(
  deps: TenantCycleDeps,
  raw: unknown,
  dequeueCount: number,
  now: Date,
): Promise<TenantCycleOutcome> {
  const message = parseCycleMessage(raw);
  const { tenantId } = message;
  let logger = deps.loggerFor([]).child({ tenantId });
  const tenant = await deps.registry.get(tenantId);
  if (!tenant?.enabled) {
    const reason = tenant ? 'tenant is disabled' : 'tenant is not registered';
    logger.info(`queued cycle skipped: ${reason}`);
    return { kind: 'skipped', tenantId, reason };
  }
  const previous = await deps.registry.getStatus(tenantId);
  if (previous?.lastSuccessAt && previous.lastSuccessAt >= message.queuedAt) {
    logger.info('queued cycle skipped: the tenant completed a cycle after it was queued');
    return { kind: 'skipped', tenantId, reason: 'already ran after it was queued' };
  }
  const last = dequeueCount >= (deps.maxDequeueCount ?? MAX_DEQUEUE_COUNT);
  let summary: CycleSummary;
  let secrets: string[] = [];
  try {
    const runtime = await deps.runtimes.forTenant(tenant);
    secrets = configSecrets(runtime.config);
    logger = deps.loggerFor(secrets).child({ tenantId });
    summary = await runtime.runCycle(now, logger);
  } catch (error) {
    // Configuration or credential errors: the tenant's settings, not the cycle, failed.
    const text = redactSecrets(errorMessage(error), secrets);
    await record(deps, previous, tenantId, now, dequeueCount, last ? 'poisoned' : 'failed', text);
    throw new TenantCycleFailedError(`tenant ${tenantId}: ${text}`);
  }
  if (summary.status === 'failed') {
    const text = redactSecrets(summary.errors.join('; '), secrets);
    await record(deps, previous, tenantId, now, dequeueCount, last ? 'poisoned' : 'failed', text);
    throw new TenantCycleFailedError(`tenant ${tenantId}: detection cycle failed: ${text}`);
  }
  const text = summary.errors.length > 0 ? redactSecrets(summary.errors.join('; '), secrets) : undefined;
  await record(deps, previous, tenantId, now, dequeueCount, summary.status, text);
  return { kind: 'ran', tenantId, summary };
}

async function record(
  deps: TenantCycleDeps,
  previous: TenantRunStatus | undefined,
  tenantId: string,
  now: Date,
  attempt: number,
  lastStatus: TenantRunStatus['lastStatus'],
  error: string | undefined,
): Promise<void> {
  const line = error?.split('\n')[0]?.slice(0, MAX_ERROR_CHARS);
  await deps.registry.putStatus(
    nextStatus(previous, {
      tenantId,
      lastAttemptAt: now.toISOString(),
      lastStatus,
      attempt,
      ...(line ? { lastError: line } : {}),
    }),
  );
}
