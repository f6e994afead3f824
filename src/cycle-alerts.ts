import { AlertLease } from './alert-lease';
import { ChannelRun, deliveryQueue, owedChannels, type PendingDelivery } from './alert-queue';
import type { AlertChannel } from './alerts/channel';
import { initiatorKey } from './alerts/dedup-key';
import { deliverFinding } from './alerts/dispatcher';
import { alertGeneration, alertRuleSetKey } from './alerts/escalation';
import type { CycleDeps } from './cycle-deps';
import type { CycleSummary } from './cycle-summary';
import { errorMessage } from './errors';
import type { Finding } from './rules/finding';
import { type ChannelDelivery, channelTook, type StoredFinding } from './store/store';

const DAY_MS = 86_400_000;

/**
 * The alert step of a cycle (docs/architecture.md, docs/alerts.md). Every pending finding (this
 * cycle's, and earlier ones some channel has not taken) is queued most severe first. Each channel has its own queue and its own ALERT_MAX_PER_CYCLE
 * slots, so a failing channel never spends a healthy one's; a channel failing twice in a row is left
 * alone for the rest of the cycle. A finding is claimed on the alert log only when some channel will
 * attempt it; a suppressed finding (same target, initiator and rule set alerted within the dedup window)
 * spends no slot. Each channel's outcome is recorded as soon as that channel finished. Failures are
 * counted per channel, never thrown.
 */
export async function alertFindings(
  deps: CycleDeps,
  stored: StoredFinding[],
  runId: string,
  clock: () => Date,
  summary: CycleSummary,
): Promise<void> {
  const { channels } = deps;
  summary.alerts.channels = channels.length;
  if (channels.length === 0) {
    summary.alerts.pending = stored.filter((s) => s.alertStatus === 'pending').length;
    return;
  }
  const runs = new Map(channels.map((c) => [c.id, new ChannelRun(c, deps.config.alertMaxPerCycle)]));
  const queue = deliveryQueue(await pendingCandidates(deps, stored, clock()), channels);
  for (const item of queue) {
    const critical = item.stored.finding.severity === 'critical';
    const attempt = item.channelIds.filter((id) => runs.get(id)?.admits(critical));
    const owed = await alertOne(deps, item, attempt, runs, runId, clock, summary);
    // Deferred = owed to a channel that did not attempt it (a suppressed finding is owed to none).
    const deferred = owed.filter((id) => !attempt.includes(id));
    for (const id of deferred) runs.get(id)?.defer();
    if (deferred.length > 0) summary.alerts.deferred += 1;
    for (const id of owed) {
      const stats = runs.get(id)?.stats;
      if (stats) stats.pending += 1;
    }
    if (owed.length > 0) summary.alerts.pending += 1;
  }
  for (const run of runs.values()) {
    summary.alerts.byChannel[run.channel.id] = run.stats;
    summary.alerts.sent += run.stats.sent;
    summary.alerts.accepted += run.stats.accepted;
    summary.alerts.failed += run.stats.failed;
    const problem = channelProblem(run, deps.config.alertMaxPerCycle);
    if (problem) summary.errors.push(problem);
  }
}

/** Claims, delivers and records one queued finding; returns the channel ids still owed it afterwards. */
async function alertOne(
  deps: CycleDeps,
  item: PendingDelivery,
  attempt: string[],
  runs: Map<string, ChannelRun>,
  runId: string,
  clock: () => Date,
  summary: CycleSummary,
): Promise<string[]> {
  const { store, config, channels } = deps;
  const { finding } = item.stored;
  if (item.channelIds.length === 0) {
    // Every channel took it but the status write was lost (a crash): finish the record, send nothing.
    await store.recordDeliveries({
      ...ref(finding),
      alertStatus: 'alerted',
      deliveries: {},
      alertedAt: clock().toISOString(),
    });
    return [];
  }
  if (attempt.length === 0) return item.channelIds;
  const key = {
    tenantId: finding.tenantId,
    targetId: finding.target.id,
    initiatorKey: initiatorKey(finding),
    // An escalation claims a key of its own, so the dedup window never suppresses it (alerts/escalation.ts).
    ruleSetKey: alertRuleSetKey(finding),
  };
  const lease = new AlertLease({
    store,
    key,
    findingId: finding.id,
    owner: runId,
    dedupWindowHours: config.dedupWindowHours,
    timeoutMs: config.alertTimeoutMs,
    clock,
  });
  try {
    const claim = await lease.claim();
    if (claim.kind === 'busy') {
      summary.alerts.busy += 1;
      return [];
    }
    if (claim.kind === 'suppressed') {
      await store.recordDeliveries({
        ...ref(finding),
        alertStatus: 'suppressed',
        deliveries: {},
        suppressedBy: claim.by,
      });
      summary.alerts.suppressed += 1;
      return [];
    }
    try {
      // Re-read under the claim: a concurrent run may have delivered since this cycle read the row.
      const fresh = (await store.getFinding(finding.tenantId, finding.id)) ?? item.stored;
      // Escalated since this cycle read it: the escalation is a new alert with its own claim, delivered by
      // the pass that reads it; this claim must not deliver the old one to the reset channels.
      if (alertGeneration(fresh.finding) !== alertGeneration(finding)) return item.channelIds;
      if (fresh.alertStatus !== 'pending') return [];
      const targets = channels.filter((c) => attempt.includes(c.id) && !channelTook(fresh.deliveries[c.id]));
      const deliveries = await deliverRecorded(deps, finding, targets, fresh, runs, lease, clock);
      return owedChannels(deliveries, channels);
    } finally {
      await lease.release();
    }
  } catch (error) {
    summary.errors.push(`alerting ${finding.id} failed: ${errorMessage(error)}`);
    return item.channelIds;
  }
}

/**
 * Delivers to `targets` in parallel and records each channel's outcome the moment it is known, one write
 * at a time per finding, so a crash after one channel took the alert never makes it send again. The
 * status becomes `alerted` with the write that completes the last channel.
 */
async function deliverRecorded(
  deps: CycleDeps,
  finding: Finding,
  targets: AlertChannel[],
  fresh: StoredFinding,
  runs: Map<string, ChannelRun>,
  lease: AlertLease,
  clock: () => Date,
): Promise<Record<string, ChannelDelivery>> {
  const state: Record<string, ChannelDelivery> = { ...fresh.deliveries };
  let writes: Promise<void> = Promise.resolve();
  let writeError: unknown;
  const deliver = deps.deliver ?? deliverFinding;
  await deliver(finding, targets, fresh.deliveries, {
    maxAttempts: deps.config.alertMaxAttempts,
    timeoutMs: deps.config.alertTimeoutMs,
    now: clock,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    beforeSend: () => lease.coversNextAttempt(),
    onOutcome: async (channel, delivery) => {
      state[channel.id] = delivery;
      runs.get(channel.id)?.settle(delivery, clock().toISOString());
      const done = deps.channels.every((c) => channelTook(state[c.id]));
      const update = {
        ...ref(finding),
        alertStatus: done ? ('alerted' as const) : ('pending' as const),
        deliveries: { [channel.id]: delivery },
        ...(done ? { alertedAt: clock().toISOString() } : {}),
      };
      // Each channel's record is attempted even when an earlier write failed: a delivery that happened is
      // worth recording whenever storage answers, and one not recorded is re-sent (and counted) later.
      // A `stale` answer (the finding escalated meanwhile) is right as it is: the escalation is owed afresh.
      const record = async () => {
        await deps.store.recordDeliveries(update);
      };
      writes = writes.then(record, record);
      // Kept, not thrown: a rejected write must not release the lease while another channel still sends.
      await writes.catch((error: unknown) => {
        writeError ??= error;
      });
    },
  });
  if (writeError) throw writeError;
  return state;
}

/** The channel's trouble this cycle as one line for the summary (which makes the cycle `partial`). */
function channelProblem(run: ChannelRun, maxPerCycle: number): string | undefined {
  const { stats } = run;
  if (stats.failed === 0 && stats.deferred === 0) return undefined;
  const parts: string[] = [];
  if (stats.failed > 0)
    parts.push(`${stats.failed} deliveries failed (last: ${stats.lastError ?? 'unknown'})`);
  if (stats.deferred > 0) {
    const why = stats.down
      ? 'the channel was down for the rest of the cycle'
      : `ALERT_MAX_PER_CYCLE ${maxPerCycle}`;
    parts.push(`${stats.deferred} deferred to the next cycle (${why})`);
  }
  return `${run.channel.id}: ${parts.join('; ')}`;
}

/**
 * This cycle's pending findings plus older ones still waiting for a channel (retried every cycle while
 * within the lookback plus a day).
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
  return [...byId.values()];
}

/** The row an update is for, and the alert generation it was written for (docs/alerts.md). */
function ref(finding: Finding) {
  return {
    tenantId: finding.tenantId,
    findingId: finding.id,
    activityDateTime: finding.activityDateTime,
    generation: alertGeneration(finding),
  };
}
