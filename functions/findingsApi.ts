import { app } from '@azure/functions';
import type { Config } from '../src/config';
import { lazyStoreDeps, type StoreDeps } from '../src/store/store-deps';
import { type HttpHandler, storeHandler } from '../src/store/store-handler';
import { type FanOutDeps, lazyFanOut } from '../src/tenants/scheduled-run';
import { handleOperatorFindings } from '../src/tenants/tenant-findings-api';

/** The handler over injectable deps (tests pass a store); the registered one builds them lazily per worker. */
export function makeFindingsApi(
  getDeps: () => Promise<StoreDeps>,
  tenants: (config: Config) => Promise<FanOutDeps> = lazyFanOut(),
): HttpHandler {
  return storeHandler(
    getDeps,
    'findings query failed',
    async ({ store, config }, request) => {
      const api = {
        store,
        homeTenantId: config.tenantId,
        retentionDays: config.retentionDays,
        registry: async () => (await tenants(config)).registry,
      };
      return await handleOperatorFindings(api, { query: request.query, id: request.params.id });
    },
    () => ({ status: 500, jsonBody: { error: 'internal error' } }),
  );
}

/**
 * GET /api/findings and /api/findings/{id} (docs/api.md), function-key auth; `tenant=<id>|all`
 * (docs/tenants.md).
 */
export const findingsApi = makeFindingsApi(lazyStoreDeps());

app.http('findingsApi', {
  methods: ['GET'],
  authLevel: 'function',
  route: 'findings/{id?}',
  handler: findingsApi,
});
