import { findingView } from './finding-view';
import { QueryError } from './query-error';
import { parseFindingQuery } from './query-params';
import type { FindingStore } from './store';

export interface FindingsApiDeps {
  store: FindingStore;
  tenantId: string;
  retentionDays: number;
}

/** What the HTTP trigger returns; `jsonBody` is serialized by the Functions runtime. */
export interface ApiResponse {
  status: number;
  jsonBody: unknown;
}

/** The Functions host passes the function key as `code` when it is not sent as a header; it is not a filter. */
const HOST_PARAMETERS = new Set(['code']);

/**
 * `GET /api/findings` (a page of findings plus `continuationToken` when more may follow) and
 * `GET /api/findings/{id}`. Bad input is 400 with a one-line `{ error }`; an unknown id is 404. Other
 * failures are thrown for the trigger to log and answer 500 without internals.
 */
export async function handleFindingsRequest(
  deps: FindingsApiDeps,
  request: { query: Iterable<readonly [string, string]>; id?: string | undefined },
  now: Date = new Date(),
): Promise<ApiResponse> {
  const params = [...request.query].filter(([name]) => !HOST_PARAMETERS.has(name));
  try {
    if (request.id !== undefined) return await single(deps, request.id, params.length);
    const query = parseFindingQuery(params, {
      tenantId: deps.tenantId,
      now,
      retentionDays: deps.retentionDays,
    });
    const page = await deps.store.queryFindings(query);
    const body: { findings: unknown[]; continuationToken?: string } = {
      findings: page.items.map(findingView),
    };
    if (page.continuationToken !== undefined) body.continuationToken = page.continuationToken;
    return { status: 200, jsonBody: body };
  } catch (error) {
    if (error instanceof QueryError) return { status: 400, jsonBody: { error: error.message } };
    throw error;
  }
}

async function single(deps: FindingsApiDeps, id: string, extraParams: number): Promise<ApiResponse> {
  if (extraParams > 0) throw new QueryError('a finding id takes no query parameters');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ids with control characters are refused
  if (id.length === 0 || id.length > 256 || /[\u0000-\u001f\u007f]/.test(id)) {
    throw new QueryError('id must be 1 to 256 printable characters');
  }
  const stored = await deps.store.getFinding(deps.tenantId, id);
  return stored
    ? { status: 200, jsonBody: findingView(stored) }
    : { status: 404, jsonBody: { error: 'finding not found' } };
}
