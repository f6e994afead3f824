import { cachedUntilFailure } from '../cached-until-failure';
import { type Config, type Env, loadConfig } from '../config';
import type { FindingStore } from './store';
import { createStoreFromConfig } from './table-store';

/** What the store-backed functions need: the validated settings and one store per worker. */
export interface StoreDeps {
  config: Config;
  store: FindingStore;
}

/**
 * Builds the deps on first call, from the environment as it is then (never at import time), and reuses
 * them for later invocations of the same worker. A failed build is not cached: the next call retries.
 */
export function lazyStoreDeps(env: () => Env = () => process.env): () => Promise<StoreDeps> {
  return cachedUntilFailure(async () => {
    const config = loadConfig(env());
    return { config, store: await createStoreFromConfig(config) };
  });
}
