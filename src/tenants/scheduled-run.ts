import type { Logger } from 'pino';
import { cachedUntilFailure } from '../cached-until-failure';
import type { Config, Env } from '../config';
import type { CycleSummary } from '../cycle-summary';
import type { Runtime } from '../runtime';
import type { CycleQueue } from './cycle-queue';
import { enqueueRound, type RoundSummary } from './fan-out';
import { openQueueFromEnv } from './queue-from-env';
import { openRegistryFromConfig } from './registry-from-config';
import type { TenantRegistry } from './tenant-registry';

/** The tenants table and the cycle queue, as the timer needs them. */
export interface FanOutDeps {
  registry: TenantRegistry;
  queue(): Promise<CycleQueue>;
}

export type ScheduledRun =
  | { mode: 'single'; summary: CycleSummary }
  | { mode: 'fan-out'; round: RoundSummary };

/**
 * One timer tick. With no tenant registered, the deployment's own tenant (TENANT_ID) runs its cycle here,
 * exactly as a single-tenant deployment always has. Once the tenants table has rows, the tick only queues
 * one message per enabled tenant and `runTenantCycle` does the work.
 */
export async function scheduledRun(
  runtime: Runtime,
  fanOut: FanOutDeps,
  now: Date,
  logger: Logger,
): Promise<ScheduledRun> {
  const listing = await fanOut.registry.list();
  if (listing.tenants.length === 0 && listing.invalid.length === 0) {
    return { mode: 'single', summary: await runtime.runCycle(now, logger) };
  }
  const round = await enqueueRound(listing, await fanOut.queue(), now, logger);
  const level = round.failed.length > 0 || round.invalid > 0 ? 'error' : 'info';
  logger[level](
    { round },
    `queued ${round.queued.length} tenant cycles (${round.failed.length} could not be queued, ${round.invalid} invalid tenant rows, ${round.disabled} disabled)`,
  );
  return { mode: 'fan-out', round };
}

/**
 * The fan-out deps of a worker, built on first use from the environment at that time (never at import)
 * and reused; a failed build is retried by the next call.
 */
export function lazyFanOut(env: () => Env = () => process.env): (config: Config) => Promise<FanOutDeps> {
  return cachedUntilFailure(async (config: Config) => ({
    registry: await openRegistryFromConfig(config),
    queue: cachedUntilFailure(() => openQueueFromEnv(env(), config)),
  }));
}
