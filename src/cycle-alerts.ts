import type { AlertChannel } from './alerts/channel';
import { deliverFinding } from './alerts/dispatcher';
import { alertRuleSetKey } from './alerts/escalation';
import type { CycleDeps } from './cycle';
import type { CycleSummary } from './cycle-summary';
import type { Finding } from './rules/finding';
import type { ChannelDelivery, StoredFinding } from './store/store';

/** Sends one finding to the channels that have not taken it yet; returns the merged delivery record. */
export type DeliverFn = (
  finding: Finding,
  channels: AlertChannel[],
  previous: Record<string, ChannelDelivery>,
  options: { maxAttempts: number; timeoutMs: number; now: () => Date; sleep?: (ms: number) => Promise<void> },
) => Promise<Record<string, ChannelDelivery>>;

/** How long a run's claim keeps a concurrent run from delivering the same finding. */
const LEASE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/**
 * DESIGN §1 step 7 and §8: every pending finding (this cycle's, and earlier ones whose delivery failed) is
 * claimed on the alert log, then either suppressed (same target + rule set alerted within the dedup
 * window) or delivered to each channel that has not taken it. Delivery failures are counted, never thrown.
 */
export async function alertFindings(
  deps: CycleDeps,
  stored: StoredFinding[],
  now: Date,
  runId: string,
  summary: CycleSummary,
): Promise<void> {
  const { config, store, channels } = deps;
  summary.alerts.channels = channels.length;
  if (channels.length === 0) {
    summary.alerts.pending = stored.filter((s) => s.alertStatus === 'pending').length;
    return;
  }
  const candidates = await pendingCandidates(deps, stored, now);
  const deliver = deps.deliver ?? deliverFinding;
  const batch = candidates.slice(0, config.alertMaxPerCycle);
  summary.alerts.deferred = candidates.length - batch.length;
  summary.alerts.pending += summary.alerts.deferred;
  for (const candidate of batch) {
    const { finding } = candidate;
    const key = {
      tenantId: finding.tenantId,
      targetId: finding.target.id,
      ruleSetKey: alertRuleSetKey(finding),
    };
    try {
      const claim = await store.claimAlert({
        ...key,
        findingId: finding.id,
        owner: runId,
        now,
        dedupWindowHours: config.dedupWindowHours,
        leaseMs: LEASE_MS,
      });
      if (claim.kind === 'busy') {
        summary.alerts.busy += 1;
        continue;
      }
      if (claim.kind === 'suppressed') {
        await store.recordDeliveries({
          ...ref(finding),
          alertStatus: 'suppressed',
          deliveries: candidate.deliveries,
          suppressedBy: claim.by,
        });
        summary.alerts.suppressed += 1;
        continue;
      }
      try {
        // Re-read under the claim: a concurrent run may have delivered since this cycle read the row.
        const fresh = (await store.getFinding(finding.tenantId, finding.id)) ?? candidate;
        if (fresh.alertStatus !== 'pending') continue;
        const deliveries = await deliver(finding, channels, fresh.deliveries, {
          maxAttempts: config.alertMaxAttempts,
          timeoutMs: config.alertTimeoutMs,
          now: () => new Date(),
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
        });
        countDeliveries(fresh.deliveries, deliveries, summary);
        const done = channels.every((c) => deliveries[c.id]?.status === 'delivered');
        if (!done) summary.alerts.pending += 1;
        await store.recordDeliveries({
          ...ref(finding),
          alertStatus: done ? 'alerted' : 'pending',
          deliveries,
          ...(done ? { alertedAt: now.toISOString() } : {}),
        });
      } finally {
        await store.releaseAlert(key, runId, now);
      }
    } catch (error) {
      summary.alerts.pending += 1;
      summary.errors.push(
        `alerting ${finding.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/**
 * This cycle's pending findings plus older ones still waiting for a channel (retried every cycle while
 * within the lookback plus a day), oldest activity first so the first TAP to a target is the one that alerts.
 */
async function pendingCandidates(
  deps: CycleDeps,
  stored: StoredFinding[],
  now: Date,
): Promise<StoredFinding[]> {
  const since = new Date(now.getTime() - deps.config.lookbackHours * 3_600_000 - DAY_MS);
  const earlier = await deps.store.listPending(deps.config.tenantId, since);
  const byId = new Map<string, StoredFinding>();
  for (const s of [...earlier, ...stored]) if (s.alertStatus === 'pending') byId.set(s.finding.id, s);
  return [...byId.values()].sort(
    (a, b) =>
      Date.parse(a.finding.activityDateTime) - Date.parse(b.finding.activityDateTime) ||
      a.finding.id.localeCompare(b.finding.id),
  );
}

function countDeliveries(
  before: Record<string, ChannelDelivery>,
  after: Record<string, ChannelDelivery>,
  summary: CycleSummary,
): void {
  for (const [channel, delivery] of Object.entries(after)) {
    if (before[channel]?.status === 'delivered') continue;
    if (delivery.status === 'delivered') summary.alerts.sent += 1;
    else summary.alerts.failed += 1;
  }
}

function ref(finding: Finding) {
  return { tenantId: finding.tenantId, findingId: finding.id, activityDateTime: finding.activityDateTime };
}
