import { app } from '@azure/functions';
import type { Config } from '../src/config';
import { lazyStoreDeps, type StoreDeps } from '../src/store/store-deps';
import { type HttpHandler, storeHandler } from '../src/store/store-handler';
import { type FanOutDeps, lazyFanOut } from '../src/tenants/scheduled-run';
import { handleTenantFindings } from '../src/tenants/tenant-findings-api';

/** The handler over injectable deps; a store failure is a 500 without internals. */
export function makeTenantFindingsApi(
  getDeps: () => Promise<StoreDeps>,
  tenants: (config: Config) => Promise<FanOutDeps> = lazyFanOut(),
): HttpHandler {
  return storeHandler(
    getDeps,
    'tenant findings query failed',
    async (deps, request) => {
      const { registry } = await tenants(deps.config);
      const api = { store: deps.store, retentionDays: deps.config.retentionDays, registry };
      const response = await handleTenantFindings(api, {
        tenant: request.params.tenant,
        authorization: request.headers.get('authorization'),
        query: request.query,
        id: request.params.id,
      });
      return response.status === 401
        ? { ...response, headers: { 'WWW-Authenticate': 'Bearer realm="tapwatch"' } }
        : response;
    },
    () => ({ status: 500, jsonBody: { error: 'internal error' } }),
  );
}

/**
 * GET /api/tenants/{tenant}/findings[/{id}] (docs/tenants.md): one customer's findings. Its function key is its
 * own (keys are per function), and the tenant's bearer token selects the only tenant it may read.
 */
export const tenantFindingsApi = makeTenantFindingsApi(lazyStoreDeps());

app.http('tenantFindingsApi', {
  methods: ['GET'],
  authLevel: 'function',
  route: 'tenants/{tenant}/findings/{id?}',
  handler: tenantFindingsApi,
});
