import { QueryError } from './query-error';

/**
 * Where a findings query resumes: day partition `day` (`YYYYMMDD`), after RowKey `after` when set.
 * Keyed on table keys rather than on an offset, so rows inserted or deleted between pages never shift
 * what the next page returns.
 */
export interface QueryCursor {
  day: string;
  after?: string;
}

const MAX_TOKEN_CHARS = 2048;

/** Opaque continuation token: base64url of a small versioned JSON object. */
export function encodeCursor(cursor: QueryCursor): string {
  const body =
    cursor.after === undefined ? { v: 1, d: cursor.day } : { v: 1, d: cursor.day, a: cursor.after };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/**
 * Decodes and validates a token against the query's day range (`days`, newest first); anything else
 * (tampered, truncated, from another range) is a QueryError rather than a wrong or failing query.
 */
export function decodeCursor(token: string, days: readonly string[]): QueryCursor {
  if (token.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof body !== 'object' || body === null) throw invalid();
  const { v, d, a } = body as { v?: unknown; d?: unknown; a?: unknown };
  if (v !== 1 || typeof d !== 'string' || !/^\d{8}$/.test(d) || !days.includes(d)) throw invalid();
  if (a === undefined) return { day: d };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (typeof a !== 'string' || a.length === 0 || a.length > 1024 || /[\u0000-\u001f]/.test(a))
    throw invalid();
  return { day: d, after: a };
}

function invalid(): QueryError {
  return new QueryError('continuationToken is not valid for this query');
}
