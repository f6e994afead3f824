import { QueryError } from '../store/query-error';
import type { FindingPage, FindingQuery, FindingStore, StoredFinding } from '../store/store';
import { parseTenantId } from './tenant-record';

const MAX_TOKEN_CHARS = 4096;

/**
 * A findings query over several tenants, tenant by tenant (sorted ids), each tenant's findings in the
 * store's own order. The continuation token names the tenant to resume in and that tenant's own token, so
 * a page boundary never skips or repeats a finding. Every tenant id comes from the caller's list, never
 * from the token alone: a token naming another tenant is refused.
 */
export async function queryTenants(
  store: FindingStore,
  tenantIds: readonly string[],
  query: Omit<FindingQuery, 'tenantId'>,
): Promise<FindingPage> {
  const tenants = [...new Set(tenantIds)].sort();
  const { continuationToken, ...base } = query;
  const resume = continuationToken === undefined ? undefined : decodeToken(continuationToken, tenants);
  const items: StoredFinding[] = [];
  const start = resume ? tenants.indexOf(resume.tenantId) : 0;
  for (let i = start; i < tenants.length; i += 1) {
    const tenantId = tenants[i] ?? '';
    const inner = i === start ? resume?.inner : undefined;
    const page = await store.queryFindings({
      ...base,
      tenantId,
      limit: base.limit - items.length,
      ...(inner ? { continuationToken: inner } : {}),
    });
    items.push(...page.items);
    if (page.continuationToken !== undefined) {
      return { items, continuationToken: encodeToken({ tenantId, inner: page.continuationToken }) };
    }
    const next = tenants[i + 1];
    if (items.length >= base.limit) {
      return next === undefined ? { items } : { items, continuationToken: encodeToken({ tenantId: next }) };
    }
  }
  return { items };
}

/** The finding with `id` in the first of `tenantIds` that holds one. */
export async function findInTenants(
  store: FindingStore,
  tenantIds: readonly string[],
  id: string,
): Promise<StoredFinding | undefined> {
  for (const tenantId of [...new Set(tenantIds)].sort()) {
    const found = await store.getFinding(tenantId, id);
    if (found) return found;
  }
  return undefined;
}

interface Resume {
  tenantId: string;
  inner?: string;
}

function encodeToken(resume: Resume): string {
  const body =
    resume.inner === undefined ? { v: 1, t: resume.tenantId } : { v: 1, t: resume.tenantId, c: resume.inner };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

function decodeToken(token: string, tenants: readonly string[]): Resume {
  const invalid = new QueryError('continuationToken is not valid for this query');
  if (token.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const { v, t, c } = (body ?? {}) as { v?: unknown; t?: unknown; c?: unknown };
  if (v !== 1 || typeof t !== 'string') throw invalid;
  let tenantId: string;
  try {
    tenantId = parseTenantId(t);
  } catch {
    throw invalid;
  }
  if (!tenants.includes(tenantId)) throw invalid;
  if (c === undefined) return { tenantId };
  if (typeof c !== 'string' || c.length === 0) throw invalid;
  return { tenantId, inner: c };
}
