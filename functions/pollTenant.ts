import { app, type InvocationContext, type Timer } from '@azure/functions';
import { loggerForInvocation } from '../src/logging';
import { sharedRuntime } from '../src/runtime';

/**
 * Hourly detection cycle (POLL_SCHEDULE). A failed cycle throws so the retry policy runs it again; the
 * store makes a rerun idempotent, so nothing is stored or alerted twice.
 */
export async function pollTenant(timer: Timer, context: InvocationContext): Promise<void> {
  const runtime = sharedRuntime();
  const logger = loggerForInvocation(context, runtime.config);
  if (timer.isPastDue) logger.warn('pollTenant is running late');
  const summary = await runtime.runCycle(new Date(), logger);
  if (summary.status === 'failed') {
    throw new Error(`detection cycle failed: ${summary.errors.join('; ')}`);
  }
}

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
