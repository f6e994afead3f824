import type { TenantSnapshot } from '../directory/snapshot';
import { collectionPage } from './graph-simulator-collection';
import type { Json } from './odata-query';

const USER_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'accountEnabled',
  'userType',
]);

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
]);

/** The only path served on beta. */
export const SIGN_INS_PATH = '/auditLogs/signIns';

/**
 * Collections served besides audits and role data:
 * - v1.0 `GET /users` (https://learn.microsoft.com/graph/api/user-list): default page 100, `$top` up to 999;
 * - beta `GET /auditLogs/signIns` (https://learn.microsoft.com/graph/api/signin-list?view=graph-rest-beta):
 *   the snapshot's `signIns`, `$top` up to 1000; no `$filter` here (a plain listing is enough for a probe).
 * Returns undefined when `path` is not one of them.
 */
export function extraRoute(
  tenant: TenantSnapshot,
  version: 'v1.0' | 'beta',
  path: string,
  fullPath: string,
  params: URLSearchParams,
  baseUrl: string,
): Json | undefined {
  if (version === 'v1.0' && path === '/users') {
    return collectionPage(tenant.users as unknown as Json[], fullPath, params, baseUrl, {
      context: 'users',
      type: 'user',
      properties: USER_PROPERTIES,
      defaultTop: 100,
      maxTop: 999,
      version,
    });
  }
  if (version === 'beta' && path === SIGN_INS_PATH) {
    const items = (tenant.signIns ?? []).filter((s): s is Json => typeof s === 'object' && s !== null);
    return collectionPage(items, fullPath, params, baseUrl, {
      context: 'auditLogs/signIns',
      type: 'signIn',
      properties: SIGN_IN_PROPERTIES,
      defaultTop: 1000,
      maxTop: 1000,
      version,
    });
  }
  return undefined;
}
