import { type Config, type Env, loadConfig } from '../config';
import type { FindingStore } from '../store/store';
import { createStoreFromConfig } from '../store/table-store';
import { openRegistryFromConfig } from './registry-from-config';
import type { TenantRegistry } from './tenant-registry';
import { TenantRuntimes } from './tenant-runtimes';

/** What the queue-triggered function needs, once per worker. */
export interface TenantWorkerDeps {
  config: Config;
  registry: TenantRegistry;
  runtimes: TenantRuntimes;
}

/**
 * Builds the worker's deps on first call from the environment at that time (never at import) and reuses
 * them; a failed build is not cached. One store serves every tenant's runtime.
 */
export function lazyTenantWorker(env: () => Env = () => process.env): () => Promise<TenantWorkerDeps> {
  let pending: Promise<TenantWorkerDeps> | undefined;
  return () => {
    pending ??= (async () => {
      const base = env();
      const config = loadConfig(base);
      let store: Promise<FindingStore> | undefined;
      const getStore = (): Promise<FindingStore> => {
        store ??= createStoreFromConfig(config);
        store.catch(() => {
          store = undefined;
        });
        return store;
      };
      const registry = await openRegistryFromConfig(config);
      return { config, registry, runtimes: new TenantRuntimes({ env: base, config, store: getStore }) };
    })().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
