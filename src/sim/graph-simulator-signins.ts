import type { TenantSnapshot } from '../directory/snapshot';
import {
  checkOptions,
  decodeSkipToken,
  type Json,
  nextLink,
  parseSelect,
  parseTop,
  project,
} from './odata-query';
import { parseSignInFilter, signInMatches } from './signin-filter';

/** Properties of beta `microsoft.graph.signIn` that tapwatch may select. */
const SIGN_IN_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'createdDateTime',
  'userId',
  'userPrincipalName',
  'userDisplayName',
  'appId',
  'appDisplayName',
  'ipAddress',
  'status',
  'authenticationDetails',
  'signInEventTypes',
  'correlationId',
]);

/** Beta: 1,000 is both the default and the largest page (signin-list, beta). */
const MAX_PAGE = 1000;

/**
 * `/beta/auditLogs/signIns` for the simulated tenant: newest first, `userId eq` and `createdDateTime`
 * filters, paging (https://learn.microsoft.com/en-us/graph/api/signin-list?view=graph-rest-beta). The
 * licence refusal (403 without P1) is `licence.ts`'s, checked before this is reached.
 */
export class SignInIndex {
  private readonly entries: { ms: number; userId: unknown; record: Json }[];

  constructor(tenant: Pick<TenantSnapshot, 'signIns'>) {
    this.entries = (tenant.signIns ?? [])
      .filter((s): s is Json => typeof s === 'object' && s !== null)
      .map((record) => ({ ms: Date.parse(String(record.createdDateTime)), userId: record.userId, record }))
      .sort((a, b) => b.ms - a.ms);
  }

  page(path: string, params: URLSearchParams, baseUrl: string): Json {
    checkOptions(params, ['$filter', '$select', '$top', '$skiptoken']);
    const text = params.get('$filter');
    const filter = text === null ? {} : parseSignInFilter(text);
    const select = parseSelect(params.get('$select'), SIGN_IN_PROPERTIES, 'signIn');
    const top = parseTop(params.get('$top'), MAX_PAGE, MAX_PAGE);
    const value: Json[] = [];
    let i = decodeSkipToken(params.get('$skiptoken'));
    for (; i < this.entries.length && value.length < top; i += 1) {
      const entry = this.entries[i];
      if (entry && signInMatches(filter, entry.userId, entry.ms)) value.push(project(entry.record, select));
    }
    while (i < this.entries.length) {
      const entry = this.entries[i];
      if (entry && signInMatches(filter, entry.userId, entry.ms)) break;
      i += 1;
    }
    const body: Json = { '@odata.context': `${baseUrl}/beta/$metadata#auditLogs/signIns`, value };
    if (i < this.entries.length) body['@odata.nextLink'] = nextLink(baseUrl, path, params, i);
    return body;
  }
}
