import type { Logger } from 'pino';
import type { CycleQueue } from './cycle-queue';
import type { TenantListing } from './tenant-registry';

/** What one timer tick queued. */
export interface RoundSummary {
  queuedAt: string;
  /** Tenants a message was queued for. */
  queued: string[];
  disabled: number;
  /** Rows of the tenants table that do not validate: no cycle, reported. */
  invalid: number;
  /** Tenants whose message could not be queued (they miss this round; the next round's window covers it). */
  failed: string[];
}

/**
 * The timer's work when tenants are registered (docs/tenants.md): one message per enabled tenant, so the
 * platform scales the cycles out and one slow or failing tenant never holds up the others. Messages are
 * sent a few at a time; a failed send is counted and reported, the rest still go.
 */
export async function enqueueRound(
  listing: TenantListing,
  queue: CycleQueue,
  now: Date,
  logger: Logger,
  concurrency = 16,
): Promise<RoundSummary> {
  const queuedAt = now.toISOString();
  const enabled = listing.tenants.filter((t) => t.enabled);
  const round: RoundSummary = {
    queuedAt,
    queued: [],
    disabled: listing.tenants.length - enabled.length,
    invalid: listing.invalid.length,
    failed: [],
  };
  for (const bad of listing.invalid) {
    logger.error({ tenantId: bad.tenantId }, `tenant row does not validate, no cycle queued: ${bad.error}`);
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < enabled.length) {
      const tenant = enabled[next];
      next += 1;
      if (!tenant) continue;
      try {
        await queue.send({ tenantId: tenant.tenantId, queuedAt });
        round.queued.push(tenant.tenantId);
      } catch (error) {
        round.failed.push(tenant.tenantId);
        logger.error({ tenantId: tenant.tenantId, err: error }, 'could not queue the tenant cycle');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, enabled.length) }, worker));
  round.queued.sort();
  round.failed.sort();
  return round;
}
