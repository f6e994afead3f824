import { daysNewestFirst } from './keys';
import { decodeCursor } from './query-cursor';
import { QueryError } from './query-error';
import type { FindingQuery } from './store';

/** Most items one query page returns (the Table service's own page maximum). */
export const MAX_PAGE_LIMIT = 1000;

/**
 * Which day partitions a query walks and where it resumes. Order, shared by both stores: day partitions
 * newest first; inside a day, RowKey (finding id) ascending, which is the Table service's own order.
 * Tables cannot sort by time across partitions, so this is the order a page can promise.
 */
export interface QueryPlan {
  /** Days left to walk, newest first, starting with the one to resume in. */
  days: string[];
  /** Resume after this RowKey in `days[0]`. */
  after?: string;
  limit: number;
}

export function planQuery(query: FindingQuery): QueryPlan {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_LIMIT) {
    throw new QueryError(`limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`);
  }
  if (Number.isNaN(query.since.getTime()) || Number.isNaN(query.until.getTime())) {
    throw new QueryError('since and until must be valid times');
  }
  const all = daysNewestFirst(query.since, query.until);
  if (query.continuationToken === undefined) return { days: all, limit: query.limit };
  const cursor = decodeCursor(query.continuationToken, all);
  const days = all.slice(all.indexOf(cursor.day));
  return cursor.after === undefined
    ? { days, limit: query.limit }
    : { days, after: cursor.after, limit: query.limit };
}
