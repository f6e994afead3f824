import { createLogger } from '../src/logging';
import { startMultiTenantStack } from '../src/sim/multi-tenant-stack';
import { generateTenant } from '../src/sim/synthetic-tenant';
import type { BenchSection } from './section';

const HOUR_MS = 3_600_000;
/** host.json batchSize + newBatchThreshold: concurrent queue invocations one Functions instance runs. */
const PER_INSTANCE = 12;
/** Assumed real latencies (not measured here): a Graph page and a Table request from Azure. */
const GRAPH_MS = 400;
const TABLE_MS = 25;
const QUEUE_MS = 25;

interface RoundFigures {
  concurrency: number;
  roundMs: number;
  medianCycleMs: number;
  graphPerTenant: number;
  tablePerTenant: number;
  queuePerTenant: number;
  failed: number;
}

/**
 * 200 simulated tenants through the queue path (timer fan-out onto Azurite's queue, cycles drained by N
 * concurrent invocations), each tenant on its own Graph simulator and with its own channels. One fresh
 * deployment per N so every round is a first cycle. From the measured requests per tenant, the instances
 * and time a Flex Consumption deployment needs for 1,000 tenants, under stated latency assumptions.
 */
export async function run(
  options: { tenants?: number; concurrencies?: number[] } = {},
): Promise<BenchSection> {
  const count = options.tenants ?? 200;
  const rounds: RoundFigures[] = [];
  for (const concurrency of options.concurrencies ?? [1, 4, 16]) rounds.push(await round(count, concurrency));
  const base = rounds[0] as RoundFigures;
  const per = rounds.at(-1) as RoundFigures;
  // One cycle in Azure ≈ its Graph pages × GRAPH_MS + its Table and queue requests × their latency (serial).
  const cycleS =
    (per.graphPerTenant * GRAPH_MS + per.tablePerTenant * TABLE_MS + per.queuePerTenant * QUEUE_MS) / 1000;
  const estimate = (tenants: number, windowS: number) => {
    const work = tenants * cycleS; // instance-seconds of one full round
    const instances = Math.max(1, Math.ceil(work / (PER_INSTANCE * windowS)));
    const roundS = Math.ceil(work / (PER_INSTANCE * instances)) + Math.ceil(cycleS);
    return { instances, roundS, gbS: (work / PER_INSTANCE) * 2 };
  };
  const hourly = estimate(1000, 600);
  const fiveMin = estimate(1000, 120);
  const rows = rounds
    .map(
      (r) =>
        `| ${r.concurrency} | ${(r.roundMs / 1000).toFixed(1)} | ${(base.roundMs / r.roundMs).toFixed(2)}× | ${r.medianCycleMs} | ${r.graphPerTenant.toFixed(1)} | ${r.tablePerTenant.toFixed(1)} | ${r.queuePerTenant.toFixed(1)} | ${r.failed} |`,
    )
    .join('\n');
  const markdown = `| concurrent cycles | round s (${count} tenants) | speed-up over 1 | median cycle ms | Graph requests / tenant | Table requests / tenant | queue requests / tenant | failed |
|---|---|---|---|---|---|---|---|
${rows}

Each tenant: a synthetic tenant (seeded; 300 users, 60 Authentication Methods records in the last 24 h, about
10% TAP creations, 30 role assignments) on its own HTTPS Graph simulator, its own alert receiver; Azurite for
tables and queues; all in this one process on this machine, so the simulators and Azurite compete with the
cycles for the same 2 cores (the speed-up is bounded by that, not by the queue). Table requests include the
tenants-table status row and registry reads; queue requests include send, receive and delete.

**1,000 tenants on Flex Consumption (estimate).** Assumptions, not measurements: a Graph page from Azure
takes ${GRAPH_MS} ms, a Table or queue request ${TABLE_MS} ms, requests within one cycle are serial, and one instance runs
${PER_INSTANCE} queue invocations at once (host.json batchSize 8 + newBatchThreshold 4); cycles are I/O-bound, so
instance CPU is not the limit. Then one cycle ≈ ${cycleS.toFixed(1)} s (${per.graphPerTenant.toFixed(1)} Graph + ${per.tablePerTenant.toFixed(1)} Table + ${per.queuePerTenant.toFixed(1)} queue requests),
and a round is ${(1000 * cycleS).toFixed(0)} invocation-seconds.

| schedule | round must finish within | instances | round time | invocation-seconds per day |
|---|---|---|---|---|
| hourly | 10 min | ${hourly.instances} | ≈ ${hourly.roundS} s | ${(1000 * cycleS * 24).toFixed(0)} |
| every 5 min | 2 min | ${fiveMin.instances} | ≈ ${fiveMin.roundS} s | ${(1000 * cycleS * 288).toFixed(0)} |

Both are far below the deployment's \`maximumInstanceCount\` (40). Graph throttling is per app per tenant,
so 1,000 tenants do not share one Graph budget; each cycle keeps its own throttle budget.`;
  return {
    title: `Many tenants: ${count} simulated tenants through the queue path`,
    markdown,
    figures: {
      tenants: count,
      ...Object.fromEntries(rounds.map((r) => [`round_s_n${r.concurrency}`, (r.roundMs / 1000).toFixed(1)])),
      speedup_n16_over_n1: (base.roundMs / per.roundMs).toFixed(2),
      graph_requests_per_tenant: per.graphPerTenant.toFixed(1),
      table_requests_per_tenant: per.tablePerTenant.toFixed(1),
      flex_instances_1000_hourly: hourly.instances,
      flex_instances_1000_5min: fiveMin.instances,
    },
  };
}

async function round(count: number, concurrency: number): Promise<RoundFigures> {
  const now = new Date();
  const tenants = Array.from({ length: count }, (_, i) => ({
    tenant: generateTenant({
      seed: 1000 + i,
      users: 300,
      authMethodRecords: 60,
      roleAssignments: 30,
      tapRate: 0.1,
      from: new Date(now.getTime() - 24 * HOUR_MS),
      to: new Date(now.getTime() - 5 * 60_000),
    }),
    displayName: `Tenant ${i + 1}`,
  }));
  const stack = await startMultiTenantStack({ tenants, logger: createLogger({ level: 'silent' }) });
  try {
    const tableBefore = stack.store.operationCount() + stack.registry.operationCount();
    const queueBefore = stack.queue.operationCount();
    for (const t of stack.tenants) t.sim.resetCounts();
    const started = performance.now();
    const { drain, outcomes } = await stack.runRound(now, concurrency);
    const roundMs = performance.now() - started;
    const graph = stack.tenants.reduce(
      (sum, t) => sum + Object.values(t.sim.counts()).reduce((a, b) => a + b, 0),
      0,
    );
    const durations = outcomes
      .flatMap((o) => (o.kind === 'ran' ? [o.summary.durationMs] : []))
      .sort((a, b) => a - b);
    return {
      concurrency,
      roundMs,
      medianCycleMs: durations[Math.floor(durations.length / 2)] ?? 0,
      graphPerTenant: graph / count,
      tablePerTenant: (stack.store.operationCount() + stack.registry.operationCount() - tableBefore) / count,
      queuePerTenant: (stack.queue.operationCount() - queueBefore) / count,
      failed: drain.poisoned + drain.retried,
    };
  } finally {
    await stack.stop();
  }
}
