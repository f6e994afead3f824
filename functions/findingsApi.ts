import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { loggerForInvocation } from '../src/logging';
import { handleFindingsRequest } from '../src/store/findings-api';
import { lazyStoreDeps, type StoreDeps } from '../src/store/store-deps';

type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** The handler over injectable deps (tests pass a store); the registered one builds them lazily per worker. */
export function makeFindingsApi(getDeps: () => Promise<StoreDeps>): Handler {
  return async (request, context) => {
    let deps: StoreDeps | undefined;
    try {
      deps = await getDeps();
      const { store, config } = deps;
      const api = { store, tenantId: config.tenantId, retentionDays: config.retentionDays };
      return await handleFindingsRequest(api, { query: request.query, id: request.params.id });
    } catch (error) {
      const logger = deps ? loggerForInvocation(context, deps.config) : undefined;
      if (logger) logger.error({ err: error }, 'findings query failed');
      else context.error(`findings query failed: ${error instanceof Error ? error.message : String(error)}`);
      return { status: 500, jsonBody: { error: 'internal error' } };
    }
  };
}

/** GET /api/findings and /api/findings/{id} (docs/api.md), function-key auth. */
export const findingsApi = makeFindingsApi(lazyStoreDeps());

app.http('findingsApi', {
  methods: ['GET'],
  authLevel: 'function',
  route: 'findings/{id?}',
  handler: findingsApi,
});
