/**
 * The tenant lease: one row per tenant that serialises detection cycles. A cycle takes
 * it before reading Graph and releases it when done; a cycle that finds it held by a live run stops at
 * once with status `skipped` (not an error) and notes the skip on the row, which the health endpoint
 * shows. Correctness never depends on the lease: the store is idempotent and the checkpoint only moves
 * forwards, so a run that outlives its lease and overlaps the next is harmless, only wasteful.
 */
export interface TenantLeaseRow {
  /** Run id of the holder (the last one, once released). */
  owner: string;
  /** When the holder took the lease (ISO). */
  acquiredAt: string;
  /** Until when the holder may run undisturbed (ISO); a released lease ends at its release time. */
  until: string;
  /** Cycles skipped because this holder had the lease. */
  skipped: number;
  /** Last time a cycle was skipped because the lease was held (ISO), whoever held it. */
  lastSkippedAt?: string;
}

export interface TenantLeaseRequest {
  tenantId: string;
  /** Unique per cycle run. */
  owner: string;
  now: Date;
  /** How long the lease protects the run, in milliseconds. */
  leaseMs: number;
}

/** acquired: this run may go on; held: a live run holds it (its owner and since when). */
export type TenantLeaseResult =
  | { kind: 'acquired' }
  | { kind: 'held'; owner: string; acquiredAt: string; until: string };

/**
 * What an acquire does with the row as read: write `row` (insert-if-absent when there was none, else
 * guarded by the ETag of that read) and answer `result` once the write lands. Both stores run this and
 * start again from a fresh read when the write loses a race.
 */
export function decideLease(
  existing: TenantLeaseRow | undefined,
  request: TenantLeaseRequest,
): { row: TenantLeaseRow; result: TenantLeaseResult } {
  const now = request.now.getTime();
  const until = existing ? Date.parse(existing.until) : Number.NaN;
  // An unreadable `until` counts as expired: a corrupt row must not block every cycle forever.
  const live = existing !== undefined && existing.owner !== request.owner && until > now;
  if (live) {
    return {
      row: { ...existing, skipped: existing.skipped + 1, lastSkippedAt: request.now.toISOString() },
      result: { kind: 'held', owner: existing.owner, acquiredAt: existing.acquiredAt, until: existing.until },
    };
  }
  const row: TenantLeaseRow = {
    owner: request.owner,
    acquiredAt: request.now.toISOString(),
    until: new Date(now + request.leaseMs).toISOString(),
    skipped: 0,
  };
  if (existing?.lastSkippedAt) row.lastSkippedAt = existing.lastSkippedAt;
  return { row, result: { kind: 'acquired' } };
}

/** The row after `owner` releases it at `now`, or undefined when `owner` does not hold it (nothing to do). */
export function releasedLease(
  existing: TenantLeaseRow | undefined,
  owner: string,
  now: Date,
): TenantLeaseRow | undefined {
  if (!existing || existing.owner !== owner) return undefined;
  if (Date.parse(existing.until) <= now.getTime()) return undefined;
  return { ...existing, until: now.toISOString() };
}
