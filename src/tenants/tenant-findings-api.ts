import { findingView } from '../store/finding-view';
import { type ApiResponse, handleFindingsRequest } from '../store/findings-api';
import { QueryError } from '../store/query-error';
import { parseFindingQuery } from '../store/query-params';
import type { FindingStore } from '../store/store';
import { tokenMatches } from './api-token';
import { findInTenants, queryTenants } from './tenant-query';
import { parseTenantId } from './tenant-record';
import type { TenantRegistry } from './tenant-registry';

export interface OperatorApiDeps {
  store: FindingStore;
  /** TENANT_ID: the tenant a request without `tenant` reads, as before tenants existed. */
  homeTenantId: string;
  retentionDays: number;
  registry: () => Promise<TenantRegistry>;
}

/** Value of `tenant` that lists across every registered tenant and the home tenant (operator key only). */
export const ALL_TENANTS = 'all';

type Params = Array<readonly [string, string]>;

/**
 * The operator's `GET /api/findings` (function key): `tenant=<id>` reads that tenant, `tenant=all` every
 * registered tenant and the home one, tenant by tenant; no `tenant` reads TENANT_ID as before.
 */
export async function handleOperatorFindings(
  deps: OperatorApiDeps,
  request: { query: Iterable<readonly [string, string]>; id?: string | undefined },
  now: Date = new Date(),
): Promise<ApiResponse> {
  const all = [...request.query];
  const tenantParams = all.filter(([name]) => name === 'tenant');
  const rest = all.filter(([name]) => name !== 'tenant');
  const scoped = { store: deps.store, retentionDays: deps.retentionDays };
  if (tenantParams.length > 1) return bad('parameter tenant is given more than once');
  const tenant = tenantParams[0]?.[1];
  if (tenant === undefined)
    return handleFindingsRequest(
      { ...scoped, tenantId: deps.homeTenantId },
      { ...request, query: rest },
      now,
    );
  if (tenant !== ALL_TENANTS) {
    let tenantId: string;
    try {
      tenantId = parseTenantId(tenant);
    } catch {
      return bad(`tenant must be a tenant id (GUID) or ${ALL_TENANTS}`);
    }
    return handleFindingsRequest({ ...scoped, tenantId }, { ...request, query: rest }, now);
  }
  const listing = await (await deps.registry()).list();
  const tenantIds = [deps.homeTenantId, ...listing.tenants.map((t) => t.tenantId)];
  try {
    return await across(deps, tenantIds, rest, request.id, now);
  } catch (error) {
    if (error instanceof QueryError) return bad(error.message);
    throw error;
  }
}

async function across(
  deps: OperatorApiDeps,
  tenantIds: string[],
  params: Params,
  id: string | undefined,
  now: Date,
): Promise<ApiResponse> {
  const filters = params.filter(([name]) => name !== 'code');
  if (id !== undefined) {
    if (filters.length > 0) throw new QueryError('a finding id takes no query parameters');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ids with control characters are refused
    if (id.length === 0 || id.length > 256 || /[\u0000-\u001f\u007f]/.test(id)) {
      throw new QueryError('id must be 1 to 256 printable characters');
    }
    const found = await findInTenants(deps.store, tenantIds, id);
    return found
      ? { status: 200, jsonBody: findingView(found) }
      : { status: 404, jsonBody: { error: 'finding not found' } };
  }
  const query = parseFindingQuery(filters, {
    tenantId: deps.homeTenantId,
    now,
    retentionDays: deps.retentionDays,
  });
  const page = await queryTenants(deps.store, tenantIds, query);
  const body: { findings: unknown[]; continuationToken?: string } = { findings: page.items.map(findingView) };
  if (page.continuationToken !== undefined) body.continuationToken = page.continuationToken;
  return { status: 200, jsonBody: body };
}

export interface TenantApiDeps {
  store: FindingStore;
  retentionDays: number;
  registry: TenantRegistry;
}

const UNAUTHORIZED: ApiResponse = { status: 401, jsonBody: { error: 'unauthorized' } };

/**
 * `GET /api/tenants/{tenant}/findings[/{id}]` for one customer: besides the function's key, the request
 * carries `Authorization: Bearer <the tenant's read token>`, checked against the hash in the tenants
 * table in constant time. An unknown tenant, a tenant without a token and a wrong token all answer the
 * same 401, so the endpoint tells nobody which tenants exist. The tenant comes only from the path and the
 * token's row: no parameter, id or continuation token can reach another tenant's partitions.
 */
export async function handleTenantFindings(
  deps: TenantApiDeps,
  request: {
    tenant: string | undefined;
    authorization: string | null | undefined;
    query: Iterable<readonly [string, string]>;
    id?: string | undefined;
  },
  now: Date = new Date(),
): Promise<ApiResponse> {
  let tenantId: string;
  try {
    tenantId = parseTenantId(request.tenant ?? '');
  } catch {
    return bad('tenant must be a tenant id (GUID)');
  }
  const token = /^Bearer ([\x21-\x7e]{1,200})$/.exec(request.authorization ?? '')?.[1];
  if (!token) return UNAUTHORIZED;
  const record = await deps.registry.get(tenantId);
  if (!record || !tokenMatches(token, record.apiTokenSha256)) return UNAUTHORIZED;
  return handleFindingsRequest(
    { store: deps.store, tenantId: record.tenantId, retentionDays: deps.retentionDays },
    { query: request.query, id: request.id },
    now,
  );
}

function bad(message: string): ApiResponse {
  return { status: 400, jsonBody: { error: message } };
}
