import { GraphServiceError } from './graph-errors';
import type { GraphHttp, GraphVersion } from './graph-http';
import { toPage } from './graph-pages';
import { withQuery } from './graph-paths';
import { odataDateTime, odataString } from './odata-literals';
import type { AuditWindow, SignInPage } from './tenant-source';

/**
 * Sign-ins are read from the beta endpoint because only beta `signIn` objects carry
 * `authenticationDetails` (https://learn.microsoft.com/en-us/graph/api/signin-list?view=graph-rest-beta;
 * properties and the `$filter` support of `userId` (eq) and `createdDateTime` (ge, le):
 * https://learn.microsoft.com/en-us/graph/api/resources/signin?view=graph-rest-beta). Newest first,
 * at most 1,000 a page; interactive sign-ins only unless asked otherwise, which is where a TAP is typed.
 */
export const SIGN_INS_VERSION: GraphVersion = 'beta';

/** Path of the sign-in list under the `SIGN_INS_VERSION` root. */
export const SIGN_INS_PATH = '/auditLogs/signIns';

/** The fields the sign-in normalizer reads. */
export const SIGN_IN_SELECT = [
  'id',
  'createdDateTime',
  'userId',
  'userPrincipalName',
  'userDisplayName',
  'appDisplayName',
  'ipAddress',
  'status',
  'authenticationDetails',
] as const;

/**
 * Graph refuses sign-in logs to tenants without Entra ID P1 with 403
 * `Authentication_RequestFromNonPremiumTenantOrB2CTenant` (reported in
 * microsoftgraph/microsoft-graph-docs#4336 and MicrosoftDocs/azure-docs#77948, and by the signIn resource
 * page's licence note); a 403 for a missing permission degrades the same way.
 */
export class SignInsUnavailableError extends GraphServiceError {}

/** `userId eq '…' and createdDateTime ge … and createdDateTime le …`. */
export function signInFilter(userId: string, window: AuditWindow): string {
  return [
    `userId eq ${odataString(userId)}`,
    `createdDateTime ge ${odataDateTime(window.from, 'floor')}`,
    `createdDateTime le ${odataDateTime(window.to, 'ceil')}`,
  ].join(' and ');
}

/**
 * One request: the first page of a user's sign-ins in the window (the TAP's validity). `truncated` says a
 * next page existed; it is not followed, so a cycle costs at most one sign-in request per target.
 */
export async function signInPage(http: GraphHttp, userId: string, window: AuditWindow): Promise<SignInPage> {
  const path = withQuery(SIGN_INS_PATH, {
    $filter: signInFilter(userId, window),
    $select: SIGN_IN_SELECT.join(','),
    $top: 1000,
  });
  try {
    const page = toPage(await http.get(path, SIGN_INS_VERSION), path);
    http.countPage();
    return { records: page.value, truncated: page.nextLink !== undefined };
  } catch (error) {
    if (error instanceof GraphServiceError && error.status === 403) {
      throw new SignInsUnavailableError(error.message, 403, error.graphCode, error.graphMessage, {
        cause: error,
      });
    }
    throw error;
  }
}
