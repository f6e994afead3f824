import { cachedUntilFailure } from '../cached-until-failure';
import { type Config, type Env, loadConfig } from '../config';
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
  return cachedUntilFailure(async () => {
    const base = env();
    const config = loadConfig(base);
    const getStore = cachedUntilFailure(() => createStoreFromConfig(config));
    const registry = await openRegistryFromConfig(config);
    return { config, registry, runtimes: new TenantRuntimes({ env: base, config, store: getStore }) };
  });
}
