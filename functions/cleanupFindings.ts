import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { Config } from '../src/config';
import { loggerForInvocation } from '../src/logging';
import { runRetention } from '../src/store/retention';
import { lazyStoreDeps, type StoreDeps } from '../src/store/store-deps';
import { tenantsToExpire } from '../src/tenants/retention-tenants';
import { type FanOutDeps, lazyFanOut } from '../src/tenants/scheduled-run';

/** The handler over injectable deps; a failure throws so the run shows as failed and tomorrow's retries. */
export function makeCleanupFindings(
  getDeps: () => Promise<StoreDeps>,
  now: () => Date = () => new Date(),
  fanOut: (config: Config) => Promise<FanOutDeps> = lazyFanOut(),
) {
  return async (timer: Timer, context: InvocationContext): Promise<void> => {
    const { config, store } = await getDeps();
    const logger = loggerForInvocation(context, config);
    if (timer.isPastDue) logger.warn('cleanupFindings is running late');
    // Every tenant's findings expire, not only TENANT_ID's (docs/tenants.md); one tenant failing stops the run.
    for (const tenantId of await tenantsToExpire(config.tenantId, (await fanOut(config)).registry)) {
      const result = await runRetention(store, tenantId, config.retentionDays, now());
      logger.info(
        { retention: result, tenantId },
        `deleted ${result.deleted} findings in ${result.partitions} day partitions and ${result.alertClaims} expired alert claims`,
      );
    }
  };
}

/** Daily retention (CLEANUP_SCHEDULE): deletes finding partitions and alert claims older than RETENTION_DAYS. */
export const cleanupFindings = makeCleanupFindings(lazyStoreDeps());

app.timer('cleanupFindings', { schedule: '%CLEANUP_SCHEDULE%', handler: cleanupFindings });
