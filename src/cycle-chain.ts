import type { ChainEvent } from './audit/chain-event';
import { normalizeSignIn } from './audit/normalize-signin';
import {
  type DeletionCheckRef,
  type EarlierDeletions,
  earlierDeletions,
  keepDeletions,
  owesDeletionsCheck,
} from './cycle-deletions';
import type { CycleDeps } from './cycle-deps';
import { type CycleSummary, noteMalformed } from './cycle-summary';
import { errorMessage } from './errors';
import { SignInsUnavailableError } from './graph/signins-query';
import type { AuditWindow } from './graph/tenant-source';
import { applyChain } from './rules/apply-chain';
import { issuanceOf, tapRefOf } from './rules/chain-tap-ref';
import type { TapIssuance, TapRef } from './rules/chain-types';
import { correlate } from './rules/correlate';
import type { Finding } from './rules/finding';
import { atLeast, severityRank } from './severity';
import type { OpenTap } from './store/open-taps';
import { OPEN_TAP_GRACE_MS } from './store/open-taps';
import type { SaveResult, StoredFinding } from './store/store';

/**
 * How long after a TAP's end its sign-ins are still asked for: a TAP cannot sign in after it ends, and
 * sign-in records (MFA details included) are published within about two hours (docs/graph-behaviour.md); six
 * hours is the margin. Audit records keep the longer open-TAP grace.
 */
export const SIGN_IN_LATENCY_MS = 6 * 3_600_000;

/**
 * Most sign-in requests one cycle makes, most severe TAPs first: a flood of alertable TAPs must not spend
 * the whole throttle budget (5 requests per 10 s per tenant) on sign-ins. The rest wait for later cycles.
 */
export const MAX_SIGN_IN_REQUESTS = 50;

/** What the chain step leaves for the rest of the cycle. */
export interface ChainStepResult {
  /** This cycle's findings with chain evidence applied, to be saved as usual. */
  findings: Finding[];
  /** Stored findings the chain step changed or found waiting for an escalation alert: alert candidates. */
  stored: StoredFinding[];
  /** Finding ids the open-TAP index already lists (to repair the index after saving). */
  indexed: Set<string>;
  /**
   * The earlier-deletions look-up: which findings it settled (the others are saved marked pending) and
   * which markers to clear once the findings are saved (`clearDeletionChecks`).
   */
  deletions: Pick<EarlierDeletions, 'settled' | 'checked'>;
}

/**
 * The cycle steps 4–6 (docs/architecture.md) for chain records: reads the store's open TAPs, this cycle's TAP sign-ins (one request
 * per alertable target, P1 only) and, for TAPs new to the store, the method deletions earlier cycles kept
 * (cycle-deletions.ts; `reads` are the cycle's windows), keeps this cycle's deletions, runs the chain rules over this cycle's findings and the open TAPs, and
 * saves what grew. Chain evidence is additive: a failure here is reported (status partial) but never loses
 * the cycle's TAP findings.
 */
export async function runChainStep(
  deps: CycleDeps,
  now: Date,
  findings: Finding[],
  chain: ChainEvent[],
  summary: CycleSummary,
  reads: readonly AuditWindow[] = [],
): Promise<ChainStepResult> {
  const { config, store } = deps;
  const rows = await store.listOpenTaps(config.tenantId, now);
  const byId = new Map<string, OpenTap>(rows.map((row) => [row.findingId, row]));
  summary.chain.openTaps = rows.length;
  const subjects = new Map<string, TapRef>();
  for (const row of rows) subjects.set(row.findingId, row);
  for (const finding of findings)
    subjects.set(finding.id, withStored(tapRefOf(finding), byId.get(finding.id)));

  const earlier = await earlierDeletions(deps, now, findings, byId, reads, summary);
  await keepDeletions(deps, now, chain, summary);
  const events = [
    ...chain,
    ...earlier.events,
    ...(await readSignIns(deps, now, [...subjects.values()], summary)),
  ];
  summary.chain.events = events.length;
  const peers: TapIssuance[] = [...subjects.values()].map(issuanceOf);
  const { updates, errors } = correlate({ taps: [...subjects.values()], events, peers, config });
  summary.ruleErrors += errors.length;
  for (const e of errors) summary.errors.push(`chain rule ${e.ruleId} failed on ${e.auditId}: ${e.message}`);

  const inCycle = new Map(findings.map((f) => [f.id, f]));
  const stored: StoredFinding[] = [];
  for (const update of updates) {
    const own = inCycle.get(update.findingId);
    if (own) {
      inCycle.set(own.id, applyChain(own, update, now));
      summary.chain.updated += 1;
      continue;
    }
    const row = byId.get(update.findingId);
    const current = row && (await store.getFinding(config.tenantId, update.findingId));
    if (!current) continue;
    const grown = applyChain(current.finding, update, now);
    const result = await store.saveFinding(grown, initialStatus(grown, config.alertMinSeverity));
    summary.chain.updated += result.outcome === 'unchanged' ? 0 : 1;
    if (escalatedBy(result, grown)) summary.chain.escalations += 1;
    stored.push(result.stored);
  }
  stored.push(...(await escalationsWaiting(deps, rows, new Set(stored.map((s) => s.finding.id)))));
  return {
    findings: [...inCycle.values()],
    stored,
    indexed: new Set(byId.keys()),
    deletions: { settled: earlier.settled, checked: earlier.checked },
  };
}

/** True when saving `finding` (chain evidence applied at `updatedAt`) turned the stored finding into an escalation. */
export function escalatedBy(result: SaveResult, finding: Finding): boolean {
  return (
    result.outcome === 'merged' &&
    finding.updatedAt !== undefined &&
    result.stored.finding.escalation?.at === finding.updatedAt
  );
}

/** The initial alert state a finding of this severity gets. */
export function initialStatus(finding: Finding, minimum: Finding['severity']): 'pending' | 'below-threshold' {
  return atLeast(finding.severity, minimum) ? 'pending' : 'below-threshold';
}

/**
 * After this cycle's findings are saved: a finding saved unchanged (stored by an earlier cycle) that the
 * index does not list gets its row back, so an index write lost to a crash is repaired by the next cycle.
 * The rebuilt row is marked `deletionsPending` in the same write unless the finding holds the victim-wipe
 * rule or this cycle settled its earlier deletions (`settled`): being re-read and missing from the index,
 * it went through this cycle's look-up like any new TAP, so a row rebuilt while that look-up fails is
 * retried, and one whose look-up succeeded costs no query later.
 */
export async function repairOpenTaps(
  deps: CycleDeps,
  now: Date,
  saved: SaveResult[],
  indexed: ReadonlySet<string>,
  settled: ReadonlySet<string> | undefined,
  summary: CycleSummary,
): Promise<void> {
  for (const result of saved) {
    if (result.outcome !== 'unchanged' || indexed.has(result.stored.finding.id)) continue;
    const end = Date.parse(tapRefOf(result.stored.finding).tap.end);
    if (end + OPEN_TAP_GRACE_MS < now.getTime()) continue;
    const pending = owesDeletionsCheck(result.stored.finding, settled);
    await deps.store.putOpenTap(
      deps.config.tenantId,
      result.stored,
      pending ? { deletionsPending: true } : undefined,
    );
    if (pending) summary.chain.deletionLookups.marked += 1;
  }
}

/**
 * After this cycle's findings are saved (so a marker is cleared only once the evidence it found is
 * stored): clears the `deletionsPending` marker of open TAPs whose owed look-up succeeded
 * (cycle-deletions.ts). Markers are never set here: the index write of the row sets them (`saveFinding`,
 * `repairOpenTaps`), so no crash between two writes can lose one. A failed clear is reported; the row
 * keeps its marker and is simply queried again.
 */
export async function clearDeletionChecks(
  deps: CycleDeps,
  checked: readonly DeletionCheckRef[],
  summary: CycleSummary,
): Promise<void> {
  for (const ref of checked) {
    try {
      await deps.store.setDeletionsPending(deps.config.tenantId, ref, false);
      summary.chain.deletionLookups.cleared += 1;
    } catch (error) {
      summary.errors.push(
        `clearing the pending deletions check of ${ref.findingId} failed: ${errorMessage(error)}`,
      );
    }
  }
}

/** The cycle's copy of a finding knows its TAP rules; the stored copy knows the chain rules and timeline. */
function withStored(ref: TapRef, row: OpenTap | undefined): TapRef {
  if (!row) return ref;
  const rules = [...row.rules, ...ref.rules.filter((r) => !row.rules.some((x) => x.id === r.id))];
  return { ...ref, rules, timelineKeys: row.timelineKeys };
}

/**
 * Sign-ins of the targets of open TAPs at or above the alert threshold that have no `tap-signin` yet and
 * whose TAP ended less than SIGN_IN_LATENCY_MS ago: one request per target, over the span of its
 * TAPs. A 403 (no P1, or no permission) stops asking for the rest of the cycle and says so.
 */
async function readSignIns(
  deps: CycleDeps,
  now: Date,
  subjects: TapRef[],
  summary: CycleSummary,
): Promise<ChainEvent[]> {
  const source = deps.source;
  if (!source.signIns) return [];
  const spans = new Map<string, { from: number; to: number; rank: number }>();
  for (const tap of subjects) {
    if (!atLeast(tap.severity, deps.config.alertMinSeverity)) continue;
    if (tap.rules.some((r) => r.id === 'tap-signin')) continue;
    const from = Date.parse(tap.tap.start);
    const to = Math.min(Date.parse(tap.tap.end), now.getTime());
    if (from > now.getTime() || Date.parse(tap.tap.end) + SIGN_IN_LATENCY_MS < now.getTime()) continue;
    const key = tap.target.id.toLowerCase();
    const span = spans.get(key);
    const rank = severityRank(tap.severity);
    spans.set(
      key,
      span
        ? { from: Math.min(span.from, from), to: Math.max(span.to, to), rank: Math.max(span.rank, rank) }
        : { from, to, rank },
    );
  }
  const ordered = [...spans].sort(([, a], [, b]) => b.rank - a.rank || b.from - a.from);
  if (ordered.length > MAX_SIGN_IN_REQUESTS) {
    summary.directory.warnings.push(
      `sign-ins of ${ordered.length - MAX_SIGN_IN_REQUESTS} TAP targets left for later cycles (at most ${MAX_SIGN_IN_REQUESTS} requests a cycle, most severe first)`,
    );
  }
  const events: ChainEvent[] = [];
  for (const [userId, span] of ordered.slice(0, MAX_SIGN_IN_REQUESTS)) {
    try {
      const page = await source.signIns(userId, {
        from: new Date(span.from - 120_000),
        to: new Date(span.to + 120_000),
      });
      summary.chain.signIns.requested += 1;
      summary.chain.signIns.available = true;
      if (page.truncated)
        summary.directory.warnings.push(
          `sign-ins of ${userId}: more than one page in the TAP's lifetime; only the newest were read`,
        );
      for (const record of page.records) {
        try {
          events.push(...normalizeSignIn(record));
        } catch (error) {
          noteMalformed(summary, error);
        }
      }
    } catch (error) {
      summary.chain.signIns.requested += 1;
      if (error instanceof SignInsUnavailableError) {
        summary.chain.signIns.available = false;
        summary.directory.warnings.push(
          `sign-ins unavailable (${error.graphCode ?? '403'}): tap-signin needs Entra ID P1 and AuditLog.Read.All; other chain rules still run`,
        );
        break;
      }
      summary.errors.push(`reading sign-ins failed: ${errorMessage(error)}`);
      break;
    }
  }
  return events;
}

/**
 * Findings whose escalation is still to be delivered (a failed channel last cycle), found through the
 * index even when their TAP is older than the lookback. A row whose escalation went out is cleared.
 */
async function escalationsWaiting(
  deps: CycleDeps,
  rows: OpenTap[],
  done: Set<string>,
): Promise<StoredFinding[]> {
  const waiting: StoredFinding[] = [];
  for (const row of rows) {
    if (!row.escalationPending || done.has(row.findingId)) continue;
    const current = await deps.store.getFinding(deps.config.tenantId, row.findingId);
    if (!current) continue;
    if (current.alertStatus === 'pending') waiting.push(current);
    else await deps.store.putOpenTap(deps.config.tenantId, current);
  }
  return waiting;
}
