import { MalformedRecordError } from './audit-errors';
import { boundChainEvent } from './bound-chain-event';
import { TAP_WORDING } from './chain-activities';
import type { TapSignInEvent } from './chain-event';
import { compact, field, isObject, type JsonObject, objectField, objectList, text } from './fields';
import { layered } from './record-view';
import type { AuditSourceKind } from './tap-event';

/**
 * Sign-in records in the three shapes exports use (docs/graph-behaviour.md):
 * - Graph beta `signIn` objects (`createdDateTime`, `userId`, `authenticationDetails[]`);
 *   https://learn.microsoft.com/en-us/graph/api/resources/signin?view=graph-rest-beta — v1.0 has no
 *   authentication details, so only beta objects can show a TAP;
 * - Log Analytics `SigninLogs` rows (`TimeGenerated`/`CreatedDateTime`, `UserId`, `ResultType`,
 *   `AuthenticationDetails` as JSON text or an array);
 * - Azure Monitor diagnostic records (`{ time, category: "SignInLogs", properties: {…Graph fields…} }`).
 */

/**
 * A category ending in `signinlogs` in any letter case (`SignInLogs`, `NonInteractiveUserSignInLogs`), tested
 * without a lower-cased copy of every record's category. Without the `u` flag, `i` folds a non-ASCII
 * character onto an ASCII letter never (U+017F ſ does not match `s`), and lower-casing makes none of the
 * word's letters from another character without a U+0307 after it, so this answers as
 * `category.toLowerCase().endsWith('signinlogs')` does.
 */
const SIGN_IN_CATEGORY = /signinlogs$/i;

/** True when the record looks like a sign-in rather than an audit record (any of the three shapes). */
export function isSignInRecord(record: unknown): boolean {
  if (!isObject(record)) return false;
  // Audit records in all three shapes name their activity; checked first, it keeps the common case cheap.
  // Log Analytics rows spell it `Category` (SigninLogs rows carry `OperationName` "Sign-in activity" too).
  const category = text(record, 'category', 'Category') ?? '';
  if ('activityDisplayName' in record || 'OperationName' in record || 'operationName' in record) {
    return SIGN_IN_CATEGORY.test(category);
  }
  if (SIGN_IN_CATEGORY.test(category)) return true;
  const inner = objectField(record, 'properties') ?? record;
  return (
    field(inner, 'authenticationDetails') !== undefined ||
    (field(inner, 'createdDateTime') !== undefined && field(inner, 'userId') !== undefined)
  );
}

/**
 * The sign-in as a `tap-signin` event when one of its authentication steps used a Temporary Access
 * Pass and that step did not fail; [] otherwise. The value `Temporary Access Pass` comes from detection
 * content only (not in Graph's documented list), so the match is loose: any method naming the pass.
 * Every text field of the event is bounded (`bound-text.ts`): app names, UPNs and addresses in a sign-in
 * are as attacker-controlled as audit text.
 * @throws MalformedRecordError for a sign-in without id, time or user id.
 */
export function normalizeSignIn(record: unknown): TapSignInEvent[] {
  if (!isObject(record)) throw new MalformedRecordError('not a JSON object');
  const properties = objectField(record, 'properties');
  const source: AuditSourceKind = properties
    ? 'azure-monitor'
    : 'TimeGenerated' in record || 'UserId' in record || 'AuthenticationDetails' in record
      ? 'log-analytics'
      : 'graph';
  const inner = properties ?? record;
  const outer = properties ? record : undefined;
  const read = (...names: string[]): string | undefined => layered(inner, outer, ...names);
  const steps = objectList(inner, 'authenticationDetails');
  const tapStep = steps.find(
    (step) =>
      TAP_WORDING.test(text(step, 'authenticationMethod') ?? '') && field(step, 'succeeded') !== false,
  );
  if (!tapStep) return [];
  const id = read('id', 'originalRequestId', 'correlationId');
  const time = read('createdDateTime', 'timeGenerated', 'time');
  const userId = read('userId');
  if (!id || !time || !userId) {
    throw new MalformedRecordError(
      'sign-in with a TAP but without id, time or user id',
      id ? { recordId: id.trim() } : {},
    );
  }
  return [
    compact<TapSignInEvent>({
      kind: 'tap-signin',
      recordId: id.trim(),
      recordType: 'sign-in',
      time,
      source,
      target: compact({
        id: userId.trim(),
        userPrincipalName: read('userPrincipalName'),
        displayName: read('userDisplayName'),
      }),
      initiator: compact({
        type: 'user' as const,
        id: userId.trim(),
        userPrincipalName: read('userPrincipalName'),
      }),
      activity: 'Sign-in activity',
      resultReason: text(tapStep, 'authenticationMethod') ?? 'Temporary Access Pass',
      appDisplayName: read('appDisplayName'),
      ipAddress: read('ipAddress'),
      succeeded: signInSucceeded(inner, record),
    }),
  ].map(boundChainEvent);
}

/** `status.errorCode` 0 (Graph, Azure Monitor) or `ResultType` "0" (Log Analytics); unknown counts as success. */
function signInSucceeded(inner: JsonObject, record: JsonObject): boolean {
  const status = objectField(inner, 'status');
  const code = status
    ? field(status, 'errorCode')
    : (field(inner, 'resultType') ?? field(record, 'resultType'));
  if (code === undefined || code === null || code === '') return true;
  return String(code).trim() === '0';
}
