import { ODataError } from './odata-error';
import type { TimeBound } from './odata-filter';

/** The `$filter` subset tapwatch sends to `/beta/auditLogs/signIns`, parsed. */
export interface SignInFilter {
  userId?: string;
  lower?: TimeBound;
  upper?: TimeBound;
}

const CLAUSE =
  /^\s*(userId)\s+eq\s+'((?:[^']|'')*)'\s*$|^\s*(createdDateTime)\s+(ge|le|gt|lt|eq)\s+(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))\s*$/;

/**
 * Parses `userId eq '…'` and `createdDateTime ge|le|gt|lt|eq <timestamp>` joined by `and`, the filters the
 * signIn resource documents for these properties
 * (https://learn.microsoft.com/en-us/graph/api/resources/signin?view=graph-rest-beta). Anything else is a
 * 400, so a change in the client's query fails a test instead of matching everything.
 */
export function parseSignInFilter(text: string): SignInFilter {
  const filter: SignInFilter = {};
  for (const clause of text.split(/\s+and\s+/)) {
    const match = CLAUSE.exec(clause);
    if (!match) throw new ODataError(`Invalid filter clause: unsupported "${clause.trim().slice(0, 40)}"`);
    if (match[1]) {
      filter.userId = (match[2] ?? '').replaceAll("''", "'");
      continue;
    }
    const ms = Date.parse(match[5] ?? '');
    if (Number.isNaN(ms))
      throw new ODataError(`Invalid filter clause: "${match[5]}" is not a valid DateTimeOffset`);
    const op = match[4];
    if (op === 'ge' || op === 'gt' || op === 'eq') filter.lower = { ms, inclusive: op !== 'gt' };
    if (op === 'le' || op === 'lt' || op === 'eq') filter.upper = { ms, inclusive: op !== 'lt' };
  }
  return filter;
}

/** True when a sign-in of `userId` at `ms` passes the filter (user ids compared case-insensitively, as GUIDs). */
export function signInMatches(filter: SignInFilter, userId: unknown, ms: number): boolean {
  if (filter.userId !== undefined && String(userId).toLowerCase() !== filter.userId.toLowerCase())
    return false;
  if (filter.lower && (filter.lower.inclusive ? ms < filter.lower.ms : ms <= filter.lower.ms)) return false;
  if (filter.upper && (filter.upper.inclusive ? ms > filter.upper.ms : ms >= filter.upper.ms)) return false;
  return true;
}
