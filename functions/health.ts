import { app } from '@azure/functions';
import type { Config } from '../src/config';
import { checkHealth } from '../src/store/health';
import { lazyStoreDeps, type StoreDeps } from '../src/store/store-deps';
import { type HttpHandler, storeHandler } from '../src/store/store-handler';
import { type FanOutDeps, lazyFanOut } from '../src/tenants/scheduled-run';
import { checkTenantsHealth } from '../src/tenants/tenants-health';

/** The handler over injectable deps; answers 503 (never 500) when the store cannot be read. */
export function makeHealth(
  getDeps: () => Promise<StoreDeps>,
  now: () => Date = () => new Date(),
  fanOut: (config: Config) => Promise<FanOutDeps> = lazyFanOut(),
): HttpHandler {
  return storeHandler(
    getDeps,
    'health check could not read the store',
    async (deps) => {
      const tenants = await fanOut(deps.config);
      const maxAgeMs = deps.config.healthMaxAgeMinutes * 60_000;
      // With tenants registered, health is per tenant; otherwise the single tenant's, as always.
      if ((await tenants.registry.list()).tenants.length > 0)
        return await checkTenantsHealth(deps.store, tenants, now(), maxAgeMs);
      return await checkHealth(deps.store, deps.config.tenantId, now(), maxAgeMs);
    },
    () => ({ status: 503, jsonBody: { status: 'unavailable', checkedAt: now().toISOString() } }),
  );
}

/** GET /api/health: last cycle, window, pending alerts, channel health and tenant lease; 503 when stale or degraded. */
export const health = makeHealth(lazyStoreDeps());

app.http('health', { methods: ['GET'], authLevel: 'function', route: 'health', handler: health });
