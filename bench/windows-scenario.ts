import type { AlertChannel } from '../src/alerts/channel';
import { DIRECTORY_AUDITS_PATH } from '../src/graph/audit-query';
import type { Finding } from '../src/rules/finding';
import { createMemoryStore } from '../src/store/memory-store';
import { type BenchLatency, type BenchTenantSpec, latencyModel } from './bench-tenant';
import { benchConfig, type CycleHarness } from './cycle-harness';
import type { CoverageAnswer } from './graph-sim-client';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** One simulated run: a tenant, a poll schedule and a publishing latency, cycles driven by simulated time. */
export interface WindowScenario {
  key: string;
  label: string;
  seed: number;
  users: number;
  /** Authentication Methods records a day. */
  perDay: number;
  roleAssignments: number;
  intervalMinutes: number;
  latency: BenchLatency;
  /** Simulated hours after the first cycle (the first cycle reads the 24 h before it). */
  hours: number;
}

export interface ScenarioResult {
  scenario: WindowScenario;
  cycles: number;
  failed: number;
  /** Records downloaded by the cycles of the first simulated day (first cycle excluded). */
  downloadedDay: number;
  /** Records published during that day (by publish time). */
  publishedDay: number;
  rereadFactor: number;
  /** Graph requests of that day's cycles. */
  auditRequestsDay: number;
  directoryRequestsDay: number;
  firstCycle: { audit: number; directory: number };
  /** The cycle after the first with the most audit requests. */
  longest: { audit: number; directory: number };
  /** Publication to alert, milliseconds, for TAPs active after the first cycle. */
  alertDelaysMs: number[];
  /** Records at most 24 h late, active at least 25 h (lateness + tier period) before the end: all must be read. */
  late24h: CoverageAnswer;
  /** Records at most 2 h late, active at least 3 h before the end. */
  late2h: CoverageAnswer;
  wallSeconds: number;
}

/** Start of the simulated day: fixed, so figures repeat. */
export const D0 = new Date('2026-11-20T00:00:00Z');

/**
 * Runs the scenario's cycles through the real Graph client against the simulator process, the
 * simulator's clock set to each cycle's time so late records appear when they are published. Alerts
 * go to an in-process channel that notes when (in simulated time) each finding was sent.
 */
export async function runScenario(harness: CycleHarness, scenario: WindowScenario): Promise<ScenarioResult> {
  const wall = performance.now();
  const d0 = D0.getTime();
  const end = d0 + scenario.hours * HOUR;
  const spec: BenchTenantSpec = {
    seed: scenario.seed,
    users: scenario.users,
    authMethodRecords: Math.round((scenario.perDay * (24 + scenario.hours)) / 24),
    roleAssignments: scenario.roleAssignments,
    tapRate: 0.01,
    from: new Date(d0 - 24 * HOUR).toISOString(),
    to: new Date(end).toISOString(),
    latency: scenario.latency,
  };
  await harness.sim.setTenant(spec);
  const config = benchConfig(harness.sim.baseUrl, {
    ALERT_MIN_SEVERITY: 'informational',
    DEDUP_WINDOW_HOURS: '0',
    ALERT_MAX_PER_CYCLE: '10000',
  });
  const store = createMemoryStore();
  const sent: Array<{ finding: Finding; at: number }> = [];
  let cycleClock = () => d0;
  const channel: AlertChannel = {
    id: 'webhook:bench',
    kind: 'webhook',
    send: async (finding) => {
      sent.push({ finding, at: cycleClock() });
    },
  };
  const result = emptyResult(scenario);
  for (let at = d0; at <= end; at += scenario.intervalMinutes * MIN) {
    const now = new Date(at);
    await harness.sim.setClock(now);
    const started = performance.now();
    cycleClock = () => at + (performance.now() - started);
    const summary = await harness.cycle(now, { store, channels: [channel], config });
    result.cycles += 1;
    if (summary.status === 'failed') result.failed += 1;
    const audit = summary.graph.requestsByPath[DIRECTORY_AUDITS_PATH] ?? 0;
    const directory = summary.graph.requests - audit;
    if (at === d0) {
      result.firstCycle = { audit, directory };
      continue;
    }
    if (audit > result.longest.audit) result.longest = { audit, directory };
    if (at <= d0 + 24 * HOUR) {
      result.downloadedDay += summary.audits.read;
      result.auditRequestsDay += audit;
      result.directoryRequestsDay += directory;
    }
  }
  const coverage = (fromMs: number, toMs: number, maxLatenessMs: number) =>
    harness.sim.coverage({
      fromMs,
      toMs,
      maxLatenessMs,
      byMs: end,
      publishedFrom: d0 + 1,
      publishedTo: d0 + 24 * HOUR + 1,
    });
  // A tier reads a record at most its lateness plus one period (1 h) after its activity time.
  result.late24h = await coverage(d0 - 24 * HOUR, end - 25 * HOUR, 24 * HOUR);
  result.late2h = await coverage(d0 - 24 * HOUR, end - 3 * HOUR, 2 * HOUR);
  result.publishedDay = result.late24h.publishedInSpan;
  result.rereadFactor = result.downloadedDay / Math.max(1, result.publishedDay);
  result.alertDelaysMs = alertDelays(sent, scenario.latency, d0);
  result.wallSeconds = (performance.now() - wall) / 1000;
  return result;
}

/** Publication of a finding = its earliest record's activity time plus that record's publish delay. */
function alertDelays(
  sent: Array<{ finding: Finding; at: number }>,
  latency: BenchLatency,
  d0: number,
): number[] {
  const model = latencyModel(latency);
  const delays: number[] = [];
  const seen = new Set<string>();
  for (const { finding, at } of sent) {
    // The first alert of a finding; later ones are escalations (chain evidence), not its publication.
    if (seen.has(finding.id)) continue;
    seen.add(finding.id);
    const activity = Date.parse(finding.activityDateTime);
    if (!(activity > d0)) continue;
    const published = Math.min(...finding.audit.ids.map((id) => activity + (model?.(id) ?? 0)));
    delays.push(at - published);
  }
  return delays.sort((a, b) => a - b);
}

function emptyResult(scenario: WindowScenario): ScenarioResult {
  const none: CoverageAnswer = {
    published: 0,
    served: 0,
    missed: 0,
    missedIds: [],
    publishedInSpan: 0,
    downloaded: 0,
  };
  return {
    scenario,
    cycles: 0,
    failed: 0,
    downloadedDay: 0,
    publishedDay: 0,
    rereadFactor: 0,
    auditRequestsDay: 0,
    directoryRequestsDay: 0,
    firstCycle: { audit: 0, directory: 0 },
    longest: { audit: 0, directory: 0 },
    alertDelaysMs: [],
    late24h: none,
    late2h: none,
    wallSeconds: 0,
  };
}

/** The q-quantile (0..1) of sorted values; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}
