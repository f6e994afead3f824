import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { Config } from '../src/config';
import { loggerForInvocation } from '../src/logging';
import { type Runtime, sharedRuntime } from '../src/runtime';
import { type FanOutDeps, lazyFanOut, scheduledRun } from '../src/tenants/scheduled-run';

type Handler = (timer: Timer, context: InvocationContext) => Promise<void>;

/**
 * The hourly detection cycle over an injectable runtime (tests pass one wired to the simulator and Azurite).
 * A failed cycle throws so the retry policy runs it again; the store makes a rerun idempotent. With tenants
 * registered, the tick queues one cycle per tenant instead (`runTenantCycle` runs them).
 */
export function makePollTenant(
  getRuntime: () => Runtime,
  now: () => Date = () => new Date(),
  fanOut: (config: Config) => Promise<FanOutDeps> = lazyFanOut(),
): Handler {
  return async (timer, context) => {
    const runtime = getRuntime();
    const logger = loggerForInvocation(context, runtime.config);
    if (timer.isPastDue) logger.warn('pollTenant is running late');
    const run = await scheduledRun(runtime, await fanOut(runtime.config), now(), logger);
    if (run.mode === 'single' && run.summary.status === 'failed')
      throw new Error(`detection cycle failed: ${run.summary.errors.join('; ')}`);
  };
}

/** POLL_SCHEDULE (default hourly); no runOnStartup, so a restart never triggers an extra cycle. */
export const pollTenant = makePollTenant(() => sharedRuntime());

app.timer('pollTenant', {
  schedule: '%POLL_SCHEDULE%',
  handler: pollTenant,
  retry: {
    strategy: 'exponentialBackoff',
    maxRetryCount: 3,
    minimumInterval: { minutes: 1 },
    maximumInterval: { minutes: 15 },
  },
});
