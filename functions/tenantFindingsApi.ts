import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { Config } from '../src/config';
import { logInvocationError } from '../src/logging';
import { lazyStoreDeps, type StoreDeps } from '../src/store/store-deps';
import { type FanOutDeps, lazyFanOut } from '../src/tenants/scheduled-run';
import { handleTenantFindings } from '../src/tenants/tenant-findings-api';

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** The handler over injectable deps; a store failure is a 500 without internals. */
export function makeTenantFindingsApi(
  getDeps: () => Promise<StoreDeps>,
  tenants: (config: Config) => Promise<FanOutDeps> = lazyFanOut(),
): Handler {
  return async (request, context) => {
    let deps: StoreDeps | undefined;
    try {
      deps = await getDeps();
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
    } catch (error) {
      logInvocationError(context, deps?.config, 'tenant findings query failed', error);
      return { status: 500, jsonBody: { error: 'internal error' } };
    }
  };
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
