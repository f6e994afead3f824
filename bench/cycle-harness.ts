import type { AlertChannel } from '../src/alerts/channel';
import { type Config, loadConfig } from '../src/config';
import { runDetectionCycle } from '../src/cycle';
import type { CycleSummary } from '../src/cycle-summary';
import { createGraphClient, type GraphClient } from '../src/graph/graph-client';
import { createGraphTenantSource, type GraphTenantSource } from '../src/graph/graph-tenant-source';
import { createLogger, type Logger } from '../src/logging';
import { staticCredential } from '../src/sim/static-credential';
import { createMemoryStore } from '../src/store/memory-store';
import type { FindingStore } from '../src/store/store';
import { type SimProcess, startSimProcess } from './graph-sim-client';

/** Fixed tenant id of the benchmark's configuration (the synthetic tenant's own id is not needed). */
const TENANT_ID = '0b0e5e7a-6d1c-4f39-9a57-7d3c2f1b9e10';

/** The real Graph client pointed at the simulator process, and the pieces each cycle is built from. */
export interface CycleHarness {
  sim: SimProcess;
  client: GraphClient;
  config: Config;
  logger: Logger;
  /** A fresh source, as the runtime builds one per cycle (own request counts and throttle budget). */
  source(now: Date): GraphTenantSource;
  /**
   * One cycle through `runDetectionCycle`, with a fresh in-memory store, no channels and a fresh
   * `source(now)` by default.
   */
  cycle(
    now: Date,
    options?: {
      store?: FindingStore;
      channels?: AlertChannel[];
      config?: Config;
      source?: GraphTenantSource;
    },
  ): Promise<CycleSummary>;
  close(): Promise<void>;
}

export async function startCycleHarness(): Promise<CycleHarness> {
  const sim = await startSimProcess();
  const client = createGraphClient({
    baseUrl: sim.baseUrl,
    credential: staticCredential(sim.token),
    ca: sim.ca,
  });
  const config = benchConfig(sim.baseUrl);
  const logger = createLogger({ level: 'silent' });
  const source = (now: Date) => createGraphTenantSource({ client, config, now });
  return {
    sim,
    client,
    config,
    logger,
    source,
    cycle: (now, options = {}) => {
      const cycleConfig = options.config ?? config;
      return runDetectionCycle(
        {
          config: cycleConfig,
          source: options.source ?? createGraphTenantSource({ client, config: cycleConfig, now }),
          store: options.store ?? createMemoryStore(),
          channels: options.channels ?? [],
          logger,
        },
        now,
      );
    },
    close: async () => {
      await client.close();
      await sim.close();
    },
  };
}

/** Defaults everywhere (24 h lookback, `$top` 999, alert threshold medium) except where the bench must point. */
export function benchConfig(graphBaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({ TENANT_ID, GRAPH_BASE_URL: graphBaseUrl, LOG_LEVEL: 'silent', ...env });
}

/** CPU (user + system, this process) and wall time of one awaited operation, in milliseconds. */
export async function measureCpu<T>(
  operation: () => Promise<T>,
): Promise<{ value: T; cpuMs: number; wallMs: number }> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await operation();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
