import { RETRY_AFTER_CAP_MS } from './alerts/dispatcher';
import type { AlertClaimKey, ClaimResult, FindingStore } from './store/store';

/** How long a claim keeps a concurrent run from delivering the same finding, counted from the claim. */
export const LEASE_MS = 10 * 60_000;

export interface LeaseOptions {
  store: FindingStore;
  key: AlertClaimKey;
  findingId: string;
  owner: string;
  dedupWindowHours: number;
  /** Timeout of one alert request (ALERT_TIMEOUT_MS): an attempt must end inside the lease. */
  timeoutMs: number;
  /** The cycle's running clock; leases count from the moment of the claim, never from the cycle's start. */
  clock: () => Date;
}

/**
 * This run's right to deliver one finding (docs/architecture.md). The lease is taken at the claim's own
 * time and renewed before any attempt that could outlast it (the attempt's timeout plus the longest
 * Retry-After wait), so however long a run takes, a concurrent run sees the finding as busy while it is in
 * flight. Losing the renewal (another run took the row after a lapse) stops delivery instead of doubling it.
 */
export class AlertLease {
  private until = 0;
  private renewing: Promise<boolean> | undefined;

  constructor(private readonly options: LeaseOptions) {}

  async claim(): Promise<ClaimResult> {
    const now = this.options.clock();
    const result = await this.options.store.claimAlert({
      ...this.options.key,
      findingId: this.options.findingId,
      owner: this.options.owner,
      now,
      dedupWindowHours: this.options.dedupWindowHours,
      leaseMs: LEASE_MS,
    });
    if (result.kind === 'claimed') this.until = now.getTime() + LEASE_MS;
    return result;
  }

  /** True when the lease covers the next attempt, renewing it first when it might not. */
  async coversNextAttempt(): Promise<boolean> {
    const margin = this.options.timeoutMs + RETRY_AFTER_CAP_MS;
    if (this.options.clock().getTime() + margin < this.until) return true;
    // Channels attempt in parallel: one renewal serves them all.
    this.renewing ??= this.claim()
      .then((result) => result.kind === 'claimed')
      .finally(() => {
        this.renewing = undefined;
      });
    return this.renewing;
  }

  async release(): Promise<void> {
    await this.options.store.releaseAlert(this.options.key, this.options.owner, this.options.clock());
  }
}
