import type { ChainEvent, MethodDeletedEvent } from './audit/chain-event';
import type { CycleDeps } from './cycle-deps';
import type { CycleSummary } from './cycle-summary';
import type { AuditWindow } from './graph/tenant-source';
import { tapWindow } from './rules/chain-tap-ref';
import type { Finding } from './rules/finding';
import { tapVictimMethodsRemoved, VICTIM_WIPE_WINDOW_MS } from './rules/tap-victim-methods-removed';
import { deletionKeepMs, type StoredDeletion, storedDeletionOf } from './store/method-deletions';

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
      `keeping ${rows.length} method deletions for later TAPs failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Deletions kept by earlier cycles that may precede this cycle's new TAPs: one store query per target of a
 * finding the store does not hold yet (`known` lists those it does) that lacks the rule, and only when the
 * hour before its TAP's start is not wholly inside a window this cycle read (then this cycle has read
 * those records already, or they are not published yet and will reach the stored TAP later).
 */
export async function earlierDeletions(
  deps: CycleDeps,
  now: Date,
  findings: readonly Finding[],
  known: ReadonlySet<string>,
  reads: readonly AuditWindow[],
): Promise<MethodDeletedEvent[]> {
  const targets = new Set<string>();
  for (const finding of findings) {
    if (known.has(finding.id) || finding.rules.some((r) => r.id === tapVictimMethodsRemoved.id)) continue;
    const start = Date.parse(tapWindow(finding).start);
    const covered = reads.some(
      (w) => w.from.getTime() <= start - VICTIM_WIPE_WINDOW_MS && w.to.getTime() >= start,
    );
    if (!covered) targets.add(finding.target.id.toLowerCase());
  }
  const events: MethodDeletedEvent[] = [];
  for (const userId of targets)
    events.push(...(await deps.store.listMethodDeletions(deps.config.tenantId, userId, now)));
  return events;
}
