import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Finding } from '../src/rules/finding';
import { highest, type Severity } from '../src/severity';
import { startAzurite } from '../src/store/azurite';
import type { FindingQuery, FindingStore } from '../src/store/store';
import { createTableStore } from '../src/store/table-store';
import type { BenchSection } from './section';

const DAY_MS = 86_400_000;
const STORED = 10_000;
const SPREAD_DAYS = 30;
const QUERY_RUNS = 50;
const TARGETS = 500;

/**
 * Table Storage cost on Azurite (in memory, same machine): (a) requests to save a cycle's findings, to show
 * the cost grows with new findings, not with the window re-read every hour; (b) query latency over 10 000
 * findings spread across 30 days. Azurite has no network hop or service-side throttling, so latencies are
 * a floor; request counts are exact and carry over to Azure.
 */
export async function run(): Promise<BenchSection> {
  const azurite = await startAzurite();
  try {
    const store = await createTableStore({
      connectionString: azurite.connectionString,
      tablePrefix: 'bench',
    });
    const saving = await saveCosts(store);
    const queries = await queryLatency(store);
    return report(saving, queries);
  } finally {
    await azurite.stop();
  }
}

interface SaveCost {
  phase: string;
  findings: number;
  fresh: number;
  requests: number;
}

async function saveCosts(store: FindingStore): Promise<SaveCost[]> {
  const tenantId = randomUUID();
  const now = Date.now();
  const first = Array.from({ length: 100 }, (_, i) => finding(tenantId, now - i * 60_000, i));
  const next = [
    ...first.slice(10),
    ...Array.from({ length: 10 }, (_, i) => finding(tenantId, now - i * 30_000, 1000 + i)),
  ];
  const phases: Array<[string, Finding[], number]> = [
    ['cycle 1: 100 new findings', first, 100],
    ['cycle 2: the same 100 again (unchanged)', first, 0],
    ['cycle 3: 90 seen before + 10 new', next, 10],
  ];
  const costs: SaveCost[] = [];
  for (const [phase, findings, fresh] of phases) {
    const before = store.operationCount();
    for (const f of findings) await store.saveFinding(f, 'below-threshold');
    costs.push({ phase, findings: findings.length, fresh, requests: store.operationCount() - before });
  }
  return costs;
}

interface QueryStat {
  name: string;
  p50: number;
  p95: number;
  requests: number;
  items: number;
}

async function queryLatency(store: FindingStore): Promise<{ stats: QueryStat[]; loadSeconds: number }> {
  const tenantId = randomUUID();
  const now = Date.now();
  const random = lcg(42);
  const all = Array.from({ length: STORED }, (_, i) =>
    finding(tenantId, now - random() * SPREAD_DAYS * DAY_MS, i, random),
  );
  const started = performance.now();
  for (let i = 0; i < all.length; i += 64) {
    await Promise.all(all.slice(i, i + 64).map((f) => store.saveFinding(f, 'below-threshold')));
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const until = new Date(now);
  const base = { tenantId, until, limit: 100 };
  const cases: Array<[string, FindingQuery]> = [
    ['last 24 h, all', { ...base, since: new Date(now - DAY_MS) }],
    ['last 7 d, severity ≥ high', { ...base, since: new Date(now - 7 * DAY_MS), minSeverity: 'high' }],
    [
      'last 30 d, one target',
      { ...base, since: new Date(now - SPREAD_DAYS * DAY_MS), target: 'user7@contoso.test' },
    ],
  ];
  const stats: QueryStat[] = [];
  for (const [name, query] of cases) {
    const times: number[] = [];
    let requests = 0;
    let items = 0;
    for (let run = 0; run < QUERY_RUNS; run += 1) {
      const before = store.operationCount();
      const t0 = performance.now();
      const page = await store.queryFindings(query);
      times.push(performance.now() - t0);
      requests = store.operationCount() - before;
      items = page.items.length;
    }
    times.sort((a, b) => a - b);
    stats.push({ name, p50: percentile(times, 0.5), p95: percentile(times, 0.95), requests, items });
  }
  return { stats, loadSeconds };
}

function report(saving: SaveCost[], queries: { stats: QueryStat[]; loadSeconds: number }): BenchSection {
  const saveRows = saving.map(
    (c) =>
      `| ${c.phase} | ${c.findings} | ${c.fresh} | ${c.requests} | ${(c.requests / c.findings).toFixed(2)} |`,
  );
  const queryRows = queries.stats.map(
    (q) => `| ${q.name} | ${q.items} | ${q.requests} | ${q.p50.toFixed(1)} | ${q.p95.toFixed(1)} |`,
  );
  const markdown = [
    "Requests to save one cycle's findings (Table store, counted by its pipeline, retries included):",
    '',
    '| phase | findings | new | requests | requests per finding |',
    '|---|---|---|---|---|',
    ...saveRows,
    '',
    'A stored, unchanged finding costs one point read; a new one a read and an insert. Writes grow with',
    'new findings only; reads grow with the findings in the re-read window.',
    '',
    `Query latency over ${STORED} findings spread over ${SPREAD_DAYS} days (first page, limit 100, ${QUERY_RUNS} runs;`,
    `loading took ${queries.loadSeconds.toFixed(1)} s). Azurite in memory on this machine: no network, so a floor:`,
    '',
    '| query | items | requests | p50 ms | p95 ms |',
    '|---|---|---|---|---|',
    ...queryRows,
  ].join('\n');
  const figures: Record<string, number | string> = {};
  for (const [i, c] of saving.entries())
    figures[`save cycle ${i + 1} requests/finding`] = Number((c.requests / c.findings).toFixed(2));
  for (const q of queries.stats) {
    figures[`query ${q.name} p50 ms`] = Number(q.p50.toFixed(1));
    figures[`query ${q.name} p95 ms`] = Number(q.p95.toFixed(1));
  }
  return { title: 'Table Storage: save cost and query latency', markdown, figures };
}

const SEVERITY_MIX: Array<[number, string[]]> = [
  [0.7, []],
  [0.8, ['tap-long-lifetime']],
  [0.88, ['tap-app-initiator']],
  [0.96, ['tap-privileged-target']],
  [1, ['tap-sync-account']],
];
const RULE_SEVERITY: Record<string, Severity> = {
  'tap-issued': 'informational',
  'tap-long-lifetime': 'low',
  'tap-app-initiator': 'medium',
  'tap-privileged-target': 'high',
  'tap-sync-account': 'critical',
};

function finding(tenantId: string, time: number, n: number, random: () => number = () => 0.5): Finding {
  const roll = random();
  const extra = SEVERITY_MIX.find(([upTo]) => roll < upTo)?.[1] ?? [];
  const rules = ['tap-issued', ...extra].map((id) => ({
    id,
    severity: RULE_SEVERITY[id] ?? 'informational',
    reason: `${id} fired`,
    evidence: {},
  }));
  const target = n % TARGETS;
  const at = new Date(time).toISOString();
  return {
    id: randomUUID().replaceAll('-', ''),
    tenantId,
    severity: highest(rules.map((r) => r.severity)),
    title: `TAP issued to user${target}@contoso.test`,
    activityDateTime: at,
    detectedAt: at,
    rules,
    target: {
      id: `00000000-0000-0000-0000-${String(target).padStart(12, '0')}`,
      userPrincipalName: `user${target}@contoso.test`,
      roles: [],
    },
    initiator: { type: 'user', id: randomUUID(), userPrincipalName: 'helpdesk@contoso.test', roles: [] },
    tap: { id: randomUUID(), lifetimeMinutes: 60 },
    audit: {
      ids: [randomUUID()],
      correlationId: randomUUID(),
      activity: 'Admin registered security info',
      resultReason: 'Admin registered temporary access pass method for user',
      source: 'graph',
    },
    attack: ['T1078.004'],
    triage: ['Confirm the TAP with the issuer.'],
  };
}

/** Deterministic pseudo-random numbers in [0, 1), so every run stores the same spread. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
