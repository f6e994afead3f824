import { randomUUID } from 'node:crypto';
import type { ChainEvent } from './audit/chain-event';
import { normalizeRecord } from './audit/normalize-record';
import type { TapEvent } from './audit/tap-event';
import { alertFindings } from './cycle-alerts';
import {
  type ChainStepResult,
  clearDeletionChecks,
  escalatedBy,
  initialStatus,
  repairOpenTaps,
  runChainStep,
} from './cycle-chain';
import { owesDeletionsCheck } from './cycle-deletions';
import type { CycleDeps } from './cycle-deps';
import { recordHealth } from './cycle-health';
import { withTenantLease } from './cycle-lease';
import { type CycleSummary, emptySummary, malformedProblem, noteMalformed } from './cycle-summary';
import { planWindows, type WindowPlan } from './cycle-window';
import { buildDirectory } from './directory/build-directory';
import type { Directory } from './directory/model';
import { UnstorableFindingError } from './errors';
import type { TenantSource } from './graph/tenant-source';
import { classify } from './rules/classify';
import type { Finding } from './rules/finding';
import type { SaveResult, StoredFinding } from './store/store';

export type { CycleDeps } from './cycle-deps';

export { auditWindow } from './cycle-window';

/**
 * One poll cycle (docs/architecture.md): read the window, normalize, classify, store idempotently, alert once.
 * Never throws: a failure is reported as `status: 'failed'` with the checkpoint left where it was, so the
 * next cycle re-reads the same window and completes the work.
 */
export async function runDetectionCycle(deps: CycleDeps, now: Date): Promise<CycleSummary> {
  const { config, source, store, logger } = deps;
  const runId = deps.runId ?? randomUUID();
  const started = Date.now();
  const clock = deps.clock ?? (() => new Date(now.getTime() + (Date.now() - started)));
  const summary = emptySummary(config.tenantId, runId, now);
  const storeOpsBefore = store.operationCount();
  try {
    await withTenantLease(store, summary, now, () => detect(deps, now, runId, clock, summary));
  } catch (error) {
    summary.status = 'failed';
    summary.errors.push(describe(error));
  }
  summary.graph = source.stats();
  for (const warning of source.warnings?.() ?? []) {
    if (!summary.directory.warnings.includes(warning)) summary.directory.warnings.push(warning);
  }
  summary.storeOperations = store.operationCount() - storeOpsBefore;
  summary.finishedAt = new Date(now.getTime() + (Date.now() - started)).toISOString();
  summary.durationMs = Date.now() - started;
  const level = summary.status === 'failed' ? 'error' : summary.status === 'partial' ? 'warn' : 'info';
  logger[level]({ cycle: summary }, `detection cycle ${summary.status}`);
  return summary;
}

/** The cycle's work under the tenant lease; throws when it cannot finish, leaving the checkpoint as it was. */
async function detect(
  deps: CycleDeps,
  now: Date,
  runId: string,
  clock: () => Date,
  summary: CycleSummary,
): Promise<void> {
  const { config, source, store } = deps;
  const plan = planWindows(config, await store.getCheckpoint(config.tenantId), now);
  describeWindows(plan, summary);
  const { events, chain } = await readEvents(source, plan, summary);
  const directory = events.length > 0 ? await loadDirectory(deps, now, summary) : undefined;
  const { findings, errors } = classify(events, {
    tenantId: config.tenantId,
    now,
    ...(directory ? { directory } : {}),
    config,
  });
  summary.ruleErrors = errors.length;
  for (const e of errors) summary.errors.push(`rule ${e.ruleId} failed on ${e.auditId}: ${e.message}`);
  const chained = await chainStep(deps, now, findings, chain, summary, plan.reads);
  // After the chain step: the sign-ins it read may be malformed too, and count and report the same way.
  const malformed = malformedProblem(summary);
  if (malformed) summary.errors.push(malformed);
  const settled = chained.deletions?.settled;
  const { stored, saved } = await storeFindings(deps, chained.findings, settled, summary);
  if (chained.indexed) await repairOpenTaps(deps, now, saved, chained.indexed, settled, summary);
  if (chained.deletions) await clearDeletionChecks(deps, chained.deletions.checked, summary);
  summary.findings.total = findings.length;
  summary.alerts.belowThreshold = stored.filter((s) => s.alertStatus === 'below-threshold').length;
  await alertFindings(deps, [...stored, ...chained.stored], runId, clock, summary);
  if (summary.errors.length > 0) summary.status = 'partial';
  await recordHealth(store, summary, clock());
  await store.putCheckpoint({
    tenantId: config.tenantId,
    lastSuccessAt: now.toISOString(),
    windowEnd: plan.windowEnd.toISOString(),
    status: summary.status === 'ok' ? 'ok' : 'partial',
    summary: { runId, findings: summary.findings, alerts: summary.alerts, tapEvents: summary.tapEvents },
    tiers: plan.tierEnds,
  });
}

function describeWindows(plan: WindowPlan, summary: CycleSummary): void {
  summary.windows = plan.reads.map((r) => ({
    from: r.from.toISOString(),
    to: r.to.toISOString(),
    purposes: [...r.purposes],
  }));
  const first = plan.reads[0];
  const last = plan.reads.at(-1);
  if (first && last) summary.window = { from: first.from.toISOString(), to: last.to.toISOString() };
}

/** Most quarantined findings listed by id and audit ids in one summary (all are counted). */
const MAX_QUARANTINE_LISTED = 20;

/**
 * Stores each finding (insert-if-absent). A finding that can never be stored (a Table limit) is
 * quarantined: counted, logged with its audit ids, and the cycle goes on to the others and to alerting.
 * Any other store failure may be transient and stops the cycle before state moves. A finding whose
 * earlier deletions this cycle did not settle (`settled`, cycle-deletions.ts) gets its index row written
 * marked `deletionsPending` by the save itself.
 */
async function storeFindings(
  deps: CycleDeps,
  findings: Finding[],
  settled: ReadonlySet<string> | undefined,
  summary: CycleSummary,
): Promise<{ stored: StoredFinding[]; saved: SaveResult[] }> {
  const stored: StoredFinding[] = [];
  const saved: SaveResult[] = [];
  for (const finding of findings) {
    const initial = initialStatus(finding, deps.config.alertMinSeverity);
    const pending = owesDeletionsCheck(finding, settled);
    try {
      const result = await deps.store.saveFinding(
        finding,
        initial,
        pending ? { deletionsPending: true } : undefined,
      );
      summary.findings[result.outcome] += 1;
      if (pending && result.outcome !== 'unchanged') summary.chain.deletionLookups.marked += 1;
      if (escalatedBy(result, finding)) summary.chain.escalations += 1;
      stored.push(result.stored);
      saved.push(result);
    } catch (error) {
      if (!(error instanceof UnstorableFindingError)) throw error;
      summary.findings.quarantined += 1;
      const entry = { findingId: error.findingId, auditIds: [...error.auditIds], reason: error.reason };
      if (summary.quarantine.length < MAX_QUARANTINE_LISTED) summary.quarantine.push(entry);
      deps.logger.error({ quarantined: entry }, 'finding quarantined: it cannot be stored');
      summary.errors.push(
        `quarantined finding ${entry.findingId} (audit ${entry.auditIds.join(', ')}): ${entry.reason}`,
      );
    }
  }
  return { stored, saved };
}

/** Streams the audit pages of every window and keeps TAP and chain events; a malformed record is counted and skipped. */
async function readEvents(
  source: TenantSource,
  plan: WindowPlan,
  summary: CycleSummary,
): Promise<{ events: TapEvent[]; chain: ChainEvent[] }> {
  const events: TapEvent[] = [];
  const chain: ChainEvent[] = [];
  for (const window of plan.reads) {
    for await (const page of source.auditPages(window)) {
      for (const record of page) {
        summary.audits.read += 1;
        try {
          const normalized = normalizeRecord(record);
          for (const event of normalized.taps) events.push(event);
          for (const event of normalized.chain) chain.push(event);
        } catch (error) {
          noteMalformed(summary, error);
        }
      }
    }
  }
  summary.tapEvents = events.length;
  return { events, chain };
}

/** The chain step (cycle-chain.ts); its failure costs chain evidence, never the cycle's TAP findings. */
async function chainStep(
  deps: CycleDeps,
  now: Date,
  findings: Finding[],
  chain: ChainEvent[],
  summary: CycleSummary,
  reads: WindowPlan['reads'],
): Promise<Omit<ChainStepResult, 'indexed' | 'deletions'> & Partial<ChainStepResult>> {
  try {
    return await runChainStep(deps, now, findings, chain, summary, reads);
  } catch (error) {
    summary.errors.push(`chain correlation failed: ${describe(error)}`);
    return { findings, stored: [] };
  }
}

/**
 * Role data is required once there are events: classifying without it would store findings that miss
 * privilege, and the store keeps the first classification. So a failure here fails the cycle.
 */
async function loadDirectory(deps: CycleDeps, now: Date, summary: CycleSummary): Promise<Directory> {
  const load = await deps.source.loadDirectory();
  summary.directory = { loaded: true, warnings: [...load.warnings] };
  if (load.snapshot.eligibilityAvailable === false) {
    summary.directory.eligibilityUnavailable =
      load.snapshot.eligibilityUnavailableReason ?? 'PIM eligibility data was not provided';
  }
  return buildDirectory(load.snapshot, {
    privilegedRoleIds: deps.config.privilegedRoleIds,
    syncAccountPatterns: deps.config.syncAccountPatterns,
    now,
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
