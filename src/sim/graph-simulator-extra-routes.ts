import type { TenantSnapshot } from '../directory/snapshot';
import { collectionPage } from './graph-simulator-collection';
import type { SignInIndex } from './graph-simulator-signins';
import type { Json } from './odata-query';

const USER_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'accountEnabled',
  'userType',
]);

/** The only path served on beta. */
export const SIGN_INS_PATH = '/auditLogs/signIns';

/**
 * Collections served besides audits and role data:
 * - v1.0 `GET /users` (https://learn.microsoft.com/graph/api/user-list): default page 100, `$top` up to 999;
 * - beta `GET /auditLogs/signIns` (https://learn.microsoft.com/graph/api/signin-list?view=graph-rest-beta):
 *   the snapshot's `signIns`, `$top` up to 1000, newest first, filtered by `userId eq` and
 *   `createdDateTime ge|le` (graph-simulator-signins.ts), from `signIns`, indexed once per tenant.
 * Returns undefined when `path` is not one of them.
 */
export function extraRoute(
  tenant: TenantSnapshot,
  signIns: SignInIndex,
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
    // Newest first, with the `userId` / `createdDateTime` filters the chain step sends (sign-in filters).
    return signIns.page(fullPath, params, baseUrl);
  }
  return undefined;
}
