import type { Config } from './config';
import type { AuditWindow } from './graph/tenant-source';
import type { Checkpoint } from './store/store';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The part of a cycle's reading that a window serves, as the summary names it. */
export type WindowPurpose = 'lookback' | 'incremental' | `reread:${string}`;

/** One Graph query of the cycle: activity time `from`..`to`, and what it is read for. */
export interface WindowRead extends AuditWindow {
  purposes: WindowPurpose[];
}

/** What a cycle reads, and what its checkpoint records once it succeeds. */
export interface WindowPlan {
  /** Disjoint windows, oldest first; overlapping or touching ones are merged into one query. */
  reads: WindowRead[];
  /** The checkpoint's `windowEnd` after success: this cycle's `now`. */
  windowEnd: Date;
  /** Every tier's end after success (tiers that did not run keep theirs). */
  tierEnds: Record<string, string>;
}

/**
 * The first cycle's window (docs/architecture.md): the last LOOKBACK_HOURS, never older than the tenant's audit
 * retention.
 */
export function auditWindow(config: Config, now: Date): AuditWindow {
  const lookback = now.getTime() - config.lookbackHours * HOUR_MS;
  const retention = now.getTime() - config.auditRetentionDays * 24 * HOUR_MS;
  return { from: new Date(Math.max(lookback, retention)), to: now };
}

/**
 * The windows of one cycle (docs/architecture.md, "Windows and late records"), from the last successful checkpoint:
 * - no checkpoint (first cycle, or one without a readable window end): the whole lookback;
 * - always: from the last successful window end minus WINDOW_OVERLAP_MINUTES to `now`. Only a successful
 *   cycle moves that end, so a failed cycle's window is read again and windows never leave a gap;
 * - each re-read tier whose period is due: from where it last ended to `now - lateness`. The tier's
 *   windows are contiguous, so every record is read by it once, at least `lateness` after its activity
 *   time: a record published up to `lateness` late is caught, whatever the schedule did meanwhile.
 * Idempotency stays in the store: reading a record twice changes nothing.
 */
export function planWindows(config: Config, checkpoint: Checkpoint | undefined, now: Date): WindowPlan {
  const nowMs = now.getTime();
  const lastEnd = checkpoint ? Date.parse(checkpoint.windowEnd) : Number.NaN;
  const tierEnds: Record<string, string> = {};
  if (Number.isNaN(lastEnd)) {
    // Everything published so far was read: each tier starts `lateness` before now, tier i of n a further
    // i/n of its period back, so it first runs that much earlier and the tiers rarely share a cycle (each
    // window costs a request per selected activity, so the longest cycle stays short).
    const count = config.rereadTiers.length;
    config.rereadTiers.forEach((tier, i) => {
      tierEnds[tier.key] = iso(nowMs - tier.latenessMs - (tier.everyMs * i) / count);
    });
    const lookback = auditWindow(config, now);
    return {
      reads: [{ ...lookback, purposes: ['lookback'] }],
      windowEnd: now,
      tierEnds,
    };
  }
  const reads: WindowRead[] = [
    {
      from: new Date(Math.min(lastEnd, nowMs) - config.windowOverlapMinutes * MINUTE_MS),
      to: now,
      purposes: ['incremental'],
    },
  ];
  for (const tier of config.rereadTiers) {
    const stored = Date.parse(checkpoint?.tiers?.[tier.key] ?? '');
    // A tier added since the last cycle starts where the last window ended, less its lateness.
    const end = Number.isNaN(stored) ? lastEnd - tier.latenessMs : stored;
    const due = nowMs - tier.latenessMs;
    if (due - end >= tier.everyMs) {
      reads.push({ from: new Date(end), to: new Date(due), purposes: [`reread:${tier.key}`] });
      tierEnds[tier.key] = iso(due);
    } else {
      tierEnds[tier.key] = iso(end);
    }
  }
  return { reads: mergeReads(reads), windowEnd: now, tierEnds };
}

/** Sorts by start and merges windows that overlap or touch, so no record is fetched twice in a cycle. */
export function mergeReads(reads: readonly WindowRead[]): WindowRead[] {
  const sorted = [...reads].sort((a, b) => a.from.getTime() - b.from.getTime());
  const merged: WindowRead[] = [];
  for (const read of sorted) {
    const last = merged.at(-1);
    if (last && read.from.getTime() <= last.to.getTime()) {
      if (read.to.getTime() > last.to.getTime()) last.to = read.to;
      last.purposes.push(...read.purposes);
    } else {
      merged.push({ from: read.from, to: read.to, purposes: [...read.purposes] });
    }
  }
  return merged;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
