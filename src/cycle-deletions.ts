import type { ChainEvent, MethodDeletedEvent } from './audit/chain-event';
import type { CycleDeps } from './cycle-deps';
import type { CycleSummary } from './cycle-summary';
import { errorMessage } from './errors';
import type { AuditWindow } from './graph/tenant-source';
import { tapWindow } from './rules/chain-tap-ref';
import type { Finding } from './rules/finding';
import { tapVictimMethodsRemoved, VICTIM_WIPE_WINDOW_MS } from './rules/tap-victim-methods-removed';
import { deletionKeepMs, type StoredDeletion, storedDeletionOf } from './store/method-deletions';
import type { OpenTap } from './store/open-taps';

/**
 * Deletions before the TAP across cycles (docs/architecture.md, "Deletions before the TAP"). A deletion up
 * to 60 minutes before a TAP starts is a victim wipe, but its record may be read cycles before the TAP's
 * (records are published late, windows are minutes wide). The cheapest sound way found: keep the
 * deletions each cycle reads in the store for 60 minutes plus the longest a TAP record may still be read
 * late, and let a TAP new to the store read its target's back. Deletions *after* a TAP need none of this:
 * the TAP is open in the store by then and reaches them through the open-TAP index.
 */

/**
 * Stores the victim-wipe candidates among this cycle's chain events (method deletions other than a TAP's
 * own, still within their keep period). A failure is reported (status partial) and costs only this
 * evidence for TAPs read in later cycles; the re-read tiers write it again.
 */
export async function keepDeletions(
  deps: CycleDeps,
  now: Date,
  chain: readonly ChainEvent[],
  summary: CycleSummary,
): Promise<void> {
  const keepMs = deletionKeepMs(deps.config);
  const rows: StoredDeletion[] = [];
  for (const event of chain) {
    if (event.kind !== 'method-deleted') continue;
    const row = storedDeletionOf(event, keepMs);
    if (row && Date.parse(row.until) >= now.getTime()) rows.push(row);
  }
  if (rows.length === 0) return;
  try {
    await deps.store.putMethodDeletions(deps.config.tenantId, rows);
  } catch (error) {
    summary.errors.push(
      `keeping ${rows.length} method deletions for later TAPs failed: ${errorMessage(error)}`,
    );
  }
}

/** What the look-up of kept deletions found, and what the index writes after the cycle's saves need to know. */
export interface EarlierDeletions {
  events: MethodDeletedEvent[];
  /**
   * This cycle's findings that owe no look-up: the index lists them already, they hold the rule, the
   * cycle's windows read the hour before their TAP, or their look-up succeeded. Any other finding without
   * the rule has its index row written marked `deletionsPending` (`owesDeletionsCheck`).
   */
  settled: Set<string>;
  /** Open TAPs whose owed look-up succeeded (or is moot, the rule being there): their marker is cleared. */
  checked: DeletionCheckRef[];
}

/** The keys of an open-TAP index row. */
export interface DeletionCheckRef {
  targetId: string;
  findingId: string;
}

/** True when a finding's rules already hold the victim-wipe rule: its earlier deletions need no lookup. */
export function hasVictimWipe(rules: readonly { id: string }[]): boolean {
  return rules.some((r) => r.id === tapVictimMethodsRemoved.id);
}

/**
 * True when an index write for `finding` (a save, or a repair of a lost row) must set `deletionsPending`
 * in the same request: it lacks the rule and this cycle did not settle its earlier deletions. Unknown
 * counts as owed: without `settled` (the chain step failed, perhaps before the look-up) every finding
 * without the rule is marked, at worst one needless query next cycle for each.
 */
export function owesDeletionsCheck(
  finding: { id: string; rules: readonly { id: string }[] },
  settled: ReadonlySet<string> | undefined,
): boolean {
  return !hasVictimWipe(finding.rules) && settled?.has(finding.id) !== true;
}

/**
 * Deletions kept by earlier cycles that may precede this cycle's new TAPs: one store query per target of a
 * finding the store does not hold yet (`open` lists those it does) that lacks the rule, and only when the
 * hour before its TAP's start is not wholly inside a window this cycle read (then this cycle has read
 * those records already, or they are not published yet and will reach the stored TAP later).
 *
 * A failed query (a transient store error) is reported (status partial) and costs only that target's
 * evidence for now: its new findings stay out of `settled`, so their index rows are written marked
 * `deletionsPending`, and every later cycle queries the targets of open TAPs so marked, the same one
 * query each, until it succeeds once. The marker lives on the index row, which each cycle reads anyway,
 * so the retry costs no extra read; rows without it (checked, never needed, or written before the marker
 * existed) are never re-queried. Counts the queries in `summary.chain.deletionLookups`.
 */
export async function earlierDeletions(
  deps: CycleDeps,
  now: Date,
  findings: readonly Finding[],
  open: ReadonlyMap<string, OpenTap>,
  reads: readonly AuditWindow[],
  summary: CycleSummary,
): Promise<EarlierDeletions> {
  const byTarget = new Map<string, { fresh: DeletionCheckRef[]; owed: DeletionCheckRef[] }>();
  const entry = (targetId: string) => {
    const key = targetId.toLowerCase();
    let found = byTarget.get(key);
    if (!found) {
      found = { fresh: [], owed: [] };
      byTarget.set(key, found);
    }
    return found;
  };
  const checked: DeletionCheckRef[] = [];
  for (const row of open.values()) {
    if (!row.deletionsPending) continue;
    const ref = { targetId: row.target.id, findingId: row.findingId };
    if (hasVictimWipe(row.rules)) checked.push(ref);
    else entry(row.target.id).owed.push(ref);
  }
  const settled = new Set<string>();
  for (const finding of findings) {
    if (open.has(finding.id) || hasVictimWipe(finding.rules)) {
      settled.add(finding.id);
      continue;
    }
    const start = Date.parse(tapWindow(finding).start);
    const covered = reads.some(
      (w) => w.from.getTime() <= start - VICTIM_WIPE_WINDOW_MS && w.to.getTime() >= start,
    );
    if (covered) settled.add(finding.id);
    else entry(finding.target.id).fresh.push({ targetId: finding.target.id, findingId: finding.id });
  }
  const events: MethodDeletedEvent[] = [];
  const counts = summary.chain.deletionLookups;
  for (const [userId, { fresh, owed }] of byTarget) {
    counts.made += 1;
    if (owed.length > 0) counts.retried += 1;
    try {
      events.push(...(await deps.store.listMethodDeletions(deps.config.tenantId, userId, now)));
      checked.push(...owed);
      for (const ref of fresh) settled.add(ref.findingId);
    } catch (error) {
      counts.failed += 1;
      summary.errors.push(
        `reading the method deletions kept for a TAP target failed (retried next cycle): ${errorMessage(error)}`,
      );
    }
  }
  return { events, settled, checked };
}
