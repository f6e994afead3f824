import { app, type InvocationContext, type Timer } from '@azure/functions';
import { loggerForInvocation } from '../src/logging';
import { type Runtime, sharedRuntime } from '../src/runtime';

type Handler = (timer: Timer, context: InvocationContext) => Promise<void>;

/**
 * The scheduled detection cycle over an injectable runtime (tests pass one wired to the simulator and Azurite).
 * A failed cycle throws so the retry policy runs it again; the store makes a rerun idempotent. A cycle
 * skipped because another run holds the tenant lease returns normally: that run does the work.
 */
export function makePollTenant(getRuntime: () => Runtime, now: () => Date = () => new Date()): Handler {
  return async (timer, context) => {
    const runtime = getRuntime();
    const logger = loggerForInvocation(context, runtime.config);
    if (timer.isPastDue) logger.warn('pollTenant is running late');
    const summary = await runtime.runCycle(now(), logger);
    if (summary.status === 'failed') throw new Error(`detection cycle failed: ${summary.errors.join('; ')}`);
  };
}

/** POLL_SCHEDULE (default every 5 minutes); no runOnStartup, so a restart never triggers an extra cycle. */
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
