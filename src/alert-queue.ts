import type { AlertChannel } from './alerts/channel';
import type { ChannelCycleStats } from './cycle-summary';
import { severityRank } from './severity';
import { type ChannelDelivery, channelTook, type StoredFinding } from './store/store';

/**
 * One finding owed to the channels that have not taken it yet. An escalation is queued like any other
 * pending finding; its own claim key (alerts/escalation.ts) keeps the dedup window from suppressing it.
 */
export interface PendingDelivery {
  stored: StoredFinding;
  /** Ids of the configured channels that have neither delivered nor accepted it. */
  channelIds: string[];
}

/** Failed deliveries in a row after which a channel is left alone for the rest of the cycle. */
export const CHANNEL_DOWN_AFTER = 2;

/**
 * The cycle's delivery queue: every pending finding with the channels still owed it, most severe first,
 * then oldest activity (so the first TAP to a target is the one that alerts), then id.
 */
export function deliveryQueue(
  candidates: readonly StoredFinding[],
  channels: readonly AlertChannel[],
): PendingDelivery[] {
  return candidates
    .filter((s) => s.alertStatus === 'pending')
    .map((stored) => ({
      stored,
      channelIds: owedChannels(stored.deliveries, channels),
    }))
    .sort(
      (a, b) =>
        severityRank(b.stored.finding.severity) - severityRank(a.stored.finding.severity) ||
        Date.parse(a.stored.finding.activityDateTime) - Date.parse(b.stored.finding.activityDateTime) ||
        a.stored.finding.id.localeCompare(b.stored.finding.id),
    );
}

export function owedChannels(
  deliveries: Record<string, ChannelDelivery>,
  channels: readonly AlertChannel[],
): string[] {
  return channels.filter((c) => !channelTook(deliveries[c.id])).map((c) => c.id);
}

/**
 * One channel's queue state during a cycle: its own ALERT_MAX_PER_CYCLE slots, so a failing channel
 * spends only its own; and a breaker, so a channel that failed twice in a row is not tried again this
 * cycle (its remaining deliveries are deferred, not attempted) and cannot slow the healthy ones down.
 */
export class ChannelRun {
  readonly stats: ChannelCycleStats = {
    sent: 0,
    accepted: 0,
    failed: 0,
    deferred: 0,
    pending: 0,
    down: false,
  };
  private slots: number;
  private failuresInARow = 0;

  constructor(
    readonly channel: AlertChannel,
    maxPerCycle: number,
  ) {
    this.slots = maxPerCycle;
  }

  /**
   * Whether this channel attempts a delivery now. A critical finding is attempted even when the slots are
   * spent (criticals are first in the queue, so only more criticals than slots get there): a critical
   * alert reaches every channel that is up in the cycle that stores it.
   */
  admits(critical: boolean): boolean {
    return !this.stats.down && (this.slots > 0 || critical);
  }

  defer(): void {
    this.stats.deferred += 1;
  }

  /** Records one attempted delivery's outcome; `at` is when it finished. */
  settle(delivery: ChannelDelivery, at: string): void {
    this.slots -= 1;
    if (channelTook(delivery)) {
      this.failuresInARow = 0;
      this.stats.sent += 1;
      if (delivery.status === 'accepted') this.stats.accepted += 1;
      this.stats.last = 'ok';
      this.stats.lastSuccessAt = at;
      delete this.stats.firstFailureAt;
      return;
    }
    this.failuresInARow += 1;
    this.stats.failed += 1;
    this.stats.last = 'failed';
    this.stats.firstFailureAt ??= at;
    if (delivery.error !== undefined) this.stats.lastError = delivery.error;
    if (this.failuresInARow >= CHANNEL_DOWN_AFTER) this.stats.down = true;
  }
}
