import type { Logger } from 'pino';
import type { AlertChannel } from './alerts/channel';
import type { DeliveryOptions } from './alerts/dispatcher';
import type { Config } from './config';
import type { TenantSource } from './graph/tenant-source';
import type { Finding } from './rules/finding';
import type { ChannelDelivery, FindingStore } from './store/store';

/**
 * Sends one finding to the channels that have not taken it yet; returns the merged delivery record. Like
 * `deliverFinding`, it must call `options.onOutcome` as each channel finishes (that is when the cycle
 * records it) and `options.beforeSend` before each attempt (that is when the alert lease is renewed).
 */
export type DeliverFn = (
  finding: Finding,
  channels: AlertChannel[],
  previous: Record<string, ChannelDelivery>,
  options: DeliveryOptions,
) => Promise<Record<string, ChannelDelivery>>;

/**
 * Everything a cycle touches, passed in so tests run it against the simulator, Azurite or in-memory twins.
 * Its own module so `cycle.ts` and `cycle-alerts.ts` both depend on it and not on each other.
 */
export interface CycleDeps {
  config: Config;
  /** A fresh source per cycle: its stats are this cycle's Graph requests. */
  source: TenantSource;
  store: FindingStore;
  channels: AlertChannel[];
  logger: Logger;
  /** Delivery with retries; the dispatcher by default, replaceable in tests. */
  deliver?: DeliverFn;
  sleep?: (ms: number) => Promise<void>;
  /** Identifies this run's alert leases; random by default. */
  runId?: string;
  /**
   * The time as the cycle goes on: alert claims and their leases count from it. Default: the cycle's `now`
   * plus the real time elapsed since the cycle started. Tests replace it to model a slow run.
   */
  clock?: () => Date;
}
