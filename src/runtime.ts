import type { TokenCredential } from '@azure/identity';
import type { Logger } from 'pino';
import { createChannels } from './alerts/build-channels';
import type { AlertChannel } from './alerts/channel';
import { cachedUntilFailure } from './cached-until-failure';
import { type Config, type Env, loadConfig } from './config';
import { createAzureCredential } from './credential';
import { type CycleDeps, runDetectionCycle } from './cycle';
import type { CycleSummary } from './cycle-summary';
import { createGraphClient, type GraphClient } from './graph/graph-client';
import { createGraphTenantSource } from './graph/graph-tenant-source';
import type { FindingStore } from './store/store';
import { createStoreFromConfig } from './store/table-store';

/** Overrides for local runs: the demo's simulator CA and static credential, or a store built elsewhere. */
export interface RuntimeOptions {
  credential?: TokenCredential;
  /** Extra CA (PEM) the Graph client trusts: the local simulator's certificate. */
  graphCa?: string;
  store?: FindingStore;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The composition root: long-lived clients built once per worker (Graph client, store, channels); a fresh
 * tenant source per cycle so request counts and the throttle budget are per cycle.
 */
export interface Runtime {
  readonly config: Config;
  readonly channels: AlertChannel[];
  store(): Promise<FindingStore>;
  /** The deps of one cycle: a fresh Graph source (own stats and throttle budget) over the shared clients. */
  cycleDeps(now: Date, logger: Logger): Promise<CycleDeps>;
  runCycle(now: Date, logger: Logger): Promise<CycleSummary>;
  close(): Promise<void>;
}

export function createRuntime(config: Config, options: RuntimeOptions = {}): Runtime {
  let graph: GraphClient | undefined;
  const channels = createChannels(config);
  const getGraph = (): GraphClient => {
    graph ??= createGraphClient({
      baseUrl: config.graphBaseUrl,
      credential: options.credential ?? createAzureCredential(config),
      ...(options.graphCa ? { ca: options.graphCa } : {}),
    });
    return graph;
  };
  // A failed connection attempt is retried by the next caller instead of being cached forever.
  const getStore = cachedUntilFailure(
    (): Promise<FindingStore> =>
      options.store ? Promise.resolve(options.store) : createStoreFromConfig(config),
  );
  return {
    config,
    channels,
    store: getStore,
    async cycleDeps(now, logger) {
      const sleep = options.sleep ? { sleep: options.sleep } : {};
      const source = createGraphTenantSource({ client: getGraph(), config, now, ...sleep });
      return { config, source, store: await getStore(), channels, logger, ...sleep };
    },
    async runCycle(now, logger) {
      return runDetectionCycle(await this.cycleDeps(now, logger), now);
    },
    async close() {
      await graph?.close();
    },
  };
}

let shared: Runtime | undefined;

/** The per-worker runtime for Azure Functions: config validated on first use, never at import time. */
export function sharedRuntime(env: Env = process.env): Runtime {
  shared ??= createRuntime(loadConfig(env));
  return shared;
}
