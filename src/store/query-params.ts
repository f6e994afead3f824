import { rules } from '../rules';
import { isSeverity } from '../severity';
import { QueryError } from './query-error';
import { MAX_PAGE_LIMIT } from './query-plan';
import type { FindingQuery } from './store';

/** Every parameter a findings query takes, in the API's query string and as CLI flags alike. */
export const QUERY_PARAMETERS = [
  'since',
  'until',
  'severity',
  'rule',
  'target',
  'initiator',
  'limit',
  'continuationToken',
] as const;

export interface QueryDefaults {
  tenantId: string;
  now: Date;
  /** RETENTION_DAYS: the widest range a query may ask for, since older findings are gone anyway. */
  retentionDays: number;
}

export const DEFAULT_LIMIT = 100;
const DEFAULT_RANGE_DAYS = 7;
const MAX_TEXT = 256;
const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { d: DAY_MS, h: 3_600_000, m: 60_000 };
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Parses findings query parameters (shared by the HTTP API and `tapwatch findings`):
 * - `since`, `until`: ISO 8601 (a date is UTC midnight; a time without offset is UTC) or relative to
 *   now (`7d`, `24h`, `30m`); default the last 7 days; since ≤ until; at most RETENTION_DAYS apart.
 * - `severity`: a MINIMUM (`high` returns high and critical), as an analyst triaging asks for it.
 * - `rule`: a rule id from the catalog; `target`: exact UPN (any case) or object id; `initiator`: exact
 *   UPN, app id or object id; both ≤ 256 characters.
 * - `limit`: 1–1000, default 100; `continuationToken`: as returned by the previous page.
 * Unknown or repeated parameters are errors: a typo must not silently widen a security query.
 */
export function parseFindingQuery(
  params: Iterable<readonly [string, string]>,
  defaults: QueryDefaults,
): FindingQuery {
  const values = new Map<string, string>();
  for (const [name, value] of params) {
    if (!(QUERY_PARAMETERS as readonly string[]).includes(name)) {
      throw new QueryError(`unknown parameter ${quote(name)}; expected ${QUERY_PARAMETERS.join(', ')}`);
    }
    if (values.has(name)) throw new QueryError(`parameter ${name} is given more than once`);
    values.set(name, value);
  }
  const now = defaults.now;
  const since =
    time(values.get('since'), 'since', now) ?? new Date(now.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  const until = time(values.get('until'), 'until', now) ?? now;
  if (since.getTime() > until.getTime()) throw new QueryError('since must not be after until');
  if (until.getTime() - since.getTime() > defaults.retentionDays * DAY_MS) {
    throw new QueryError(
      `since and until may be at most ${defaults.retentionDays} days apart (RETENTION_DAYS)`,
    );
  }
  const query: FindingQuery = {
    tenantId: defaults.tenantId,
    since,
    until,
    limit: limit(values.get('limit')),
  };
  const severity = values.get('severity');
  if (severity !== undefined) {
    const lower = severity.toLowerCase();
    if (!isSeverity(lower)) {
      throw new QueryError(
        `severity must be informational, low, medium, high or critical, got ${quote(severity)}`,
      );
    }
    query.minSeverity = lower;
  }
  const rule = values.get('rule');
  if (rule !== undefined) {
    const ids = rules.map((r) => r.id);
    if (!ids.includes(rule))
      throw new QueryError(`rule must be one of ${ids.join(', ')}, got ${quote(rule)}`);
    query.rule = rule;
  }
  const target = text(values.get('target'), 'target');
  if (target !== undefined) query.target = target;
  const initiator = text(values.get('initiator'), 'initiator');
  if (initiator !== undefined) query.initiator = initiator;
  const token = values.get('continuationToken');
  if (token !== undefined) {
    if (!/^[A-Za-z0-9_-]{1,2048}$/.test(token))
      throw new QueryError('continuationToken is not valid for this query');
    query.continuationToken = token;
  }
  return query;
}

function time(value: string | undefined, name: string, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const relative = /^(\d{1,5})([dhm])$/.exec(value);
  if (relative)
    return new Date(now.getTime() - Number(relative[1]) * (UNIT_MS[relative[2] ?? 'd'] ?? DAY_MS));
  const iso = ISO.exec(value);
  const parsed = iso ? Date.parse(iso[1] && !iso[4] ? `${value}Z` : value) : Number.NaN;
  if (Number.isNaN(parsed)) {
    throw new QueryError(
      `${name} must be an ISO 8601 time or a relative age like 7d, 24h or 30m, got ${quote(value)}`,
    );
  }
  return new Date(parsed);
}

function limit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = Number(value);
  if (!/^\d{1,4}$/.test(value) || n < 1 || n > MAX_PAGE_LIMIT) {
    throw new QueryError(`limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}, got ${quote(value)}`);
  }
  return n;
}

function text(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (value.length === 0 || value.length > MAX_TEXT || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new QueryError(`${name} must be 1 to ${MAX_TEXT} printable characters`);
  }
  return value;
}

/** Echoes caller input in errors shortened and JSON-quoted, so the message stays one line. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
