import type { ClaimRequest, ClaimResult } from './store';

/** An alertlog row: who was alerted last for a target + rule set, and who may deliver right now. */
export interface AlertLogRow {
  findingId: string;
  /** When the claim that alerted `findingId` was first taken (ISO); the dedup window counts from here. */
  lastAlertedAt: string;
  leaseOwner: string;
  /** Until when `leaseOwner` may deliver undisturbed (ISO); a released lease ends at release time. */
  leaseUntil: string;
}

/**
 * What a claim does given the row as read: create it (insert-if-absent), replace it (guarded by the ETag
 * of that read), or answer without writing. Both stores run this and retry from a fresh read when the
 * conditional write loses a race, so the decision is always taken on current data.
 */
export type ClaimStep =
  | { kind: 'create'; row: AlertLogRow }
  | { kind: 'replace'; row: AlertLogRow }
  | { kind: 'answer'; result: ClaimResult };

const HOUR_MS = 3_600_000;

export function decideClaim(existing: AlertLogRow | undefined, request: ClaimRequest): ClaimStep {
  const now = request.now.getTime();
  const lease = { leaseOwner: request.owner, leaseUntil: new Date(now + request.leaseMs).toISOString() };
  const fresh: AlertLogRow = {
    findingId: request.findingId,
    lastAlertedAt: request.now.toISOString(),
    ...lease,
  };
  if (!existing) return { kind: 'create', row: fresh };
  if (existing.findingId !== request.findingId) {
    const alertedAt = Date.parse(existing.lastAlertedAt);
    // An unreadable timestamp counts as inside the window: suppressing is the safe side of a corrupt row.
    if (Number.isNaN(alertedAt) || now - alertedAt < request.dedupWindowHours * HOUR_MS) {
      return {
        kind: 'answer',
        result: { kind: 'suppressed', by: existing.findingId, alertedAt: existing.lastAlertedAt },
      };
    }
    return { kind: 'replace', row: fresh };
  }
  const heldByOther = existing.leaseOwner !== request.owner && Date.parse(existing.leaseUntil) > now;
  if (heldByOther) return { kind: 'answer', result: { kind: 'busy' } };
  // Same finding again (its delivery is being retried): keep the first alert time, take the lease.
  return { kind: 'replace', row: { ...existing, ...lease } };
}

/** The row after `owner` releases its lease at `now`, or undefined when it no longer holds it. */
/** A claim alerted before `cutoff` whose lease has ended: safe to delete at retention. */
export function claimExpired(row: AlertLogRow, cutoff: Date): boolean {
  const alerted = Date.parse(row.lastAlertedAt);
  const lease = Date.parse(row.leaseUntil);
  return alerted < cutoff.getTime() && !(lease > cutoff.getTime());
}

export function releasedRow(
  existing: AlertLogRow | undefined,
  owner: string,
  now: Date,
): AlertLogRow | undefined {
  if (!existing || existing.leaseOwner !== owner) return undefined;
  if (Date.parse(existing.leaseUntil) <= now.getTime()) return undefined;
  return { ...existing, leaseUntil: now.toISOString() };
}
