import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { Config } from '../src/config';
import { logInvocationError } from '../src/logging';
import { checkHealth } from '../src/store/health';
import { lazyStoreDeps, type StoreDeps } from '../src/store/store-deps';
import { type FanOutDeps, lazyFanOut } from '../src/tenants/scheduled-run';
import { checkTenantsHealth } from '../src/tenants/tenants-health';

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** The handler over injectable deps; answers 503 (never 500) when the store cannot be read. */
export function makeHealth(
  getDeps: () => Promise<StoreDeps>,
  now: () => Date = () => new Date(),
  fanOut: (config: Config) => Promise<FanOutDeps> = lazyFanOut(),
): Handler {
  return async (_request, context) => {
    let deps: StoreDeps | undefined;
    try {
      deps = await getDeps();
      const tenants = await fanOut(deps.config);
      // With tenants registered, health is per tenant; otherwise the single tenant's, as always.
      if ((await tenants.registry.list()).tenants.length > 0) {
        const maxAgeMs = deps.config.healthMaxAgeMinutes * 60_000;
        return await checkTenantsHealth(deps.store, tenants, now(), maxAgeMs);
      }
      return await checkHealth(
        deps.store,
        deps.config.tenantId,
        now(),
        deps.config.healthMaxAgeMinutes * 60_000,
      );
    } catch (error) {
      logInvocationError(context, deps?.config, 'health check could not read the store', error);
      return { status: 503, jsonBody: { status: 'unavailable', checkedAt: now().toISOString() } };
    }
  };
}

/** GET /api/health: last cycle, window, pending alerts, channel health and tenant lease; 503 when stale or degraded. */
export const health = makeHealth(lazyStoreDeps());

app.http('health', { methods: ['GET'], authLevel: 'function', route: 'health', handler: health });
