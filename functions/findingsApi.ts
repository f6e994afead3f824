import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { Config } from '../src/config';
import { logInvocationError } from '../src/logging';
import { lazyStoreDeps, type StoreDeps } from '../src/store/store-deps';
import { type FanOutDeps, lazyFanOut } from '../src/tenants/scheduled-run';
import { handleOperatorFindings } from '../src/tenants/tenant-findings-api';

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** The handler over injectable deps (tests pass a store); the registered one builds them lazily per worker. */
export function makeFindingsApi(
  getDeps: () => Promise<StoreDeps>,
  tenants: (config: Config) => Promise<FanOutDeps> = lazyFanOut(),
): Handler {
  return async (request, context) => {
    let deps: StoreDeps | undefined;
    try {
      deps = await getDeps();
      const { store, config } = deps;
      const api = {
        store,
        homeTenantId: config.tenantId,
        retentionDays: config.retentionDays,
        registry: async () => (await tenants(config)).registry,
      };
      return await handleOperatorFindings(api, { query: request.query, id: request.params.id });
    } catch (error) {
      logInvocationError(context, deps?.config, 'findings query failed', error);
      return { status: 500, jsonBody: { error: 'internal error' } };
    }
  };
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
