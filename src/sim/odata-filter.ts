import { ODataError } from './odata-error';

/** A time bound of an audit filter, in epoch milliseconds. */
export interface TimeBound {
  ms: number;
  inclusive: boolean;
}

/** The `$filter` subset tapwatch sends to directoryAudits, parsed. */
export interface AuditFilter {
  /** Every `loggedByService eq '…'` value (all must hold). */
  services: string[];
  /** Every `activityDisplayName eq '…'` value (all must hold). */
  activities?: string[];
  /** Tightest `activityDateTime ge|gt` bound. */
  lower?: TimeBound;
  /** Tightest `activityDateTime le|lt` bound. */
  upper?: TimeBound;
}

type Token = { kind: 'name' | 'string' | 'datetime'; text: string; at: number };

const TOKEN =
  /\s*(?:(?<name>[A-Za-z_][A-Za-z0-9_/]*)|'(?<string>(?:[^']|'')*)'|(?<datetime>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})))\s*/y;

/**
 * Parses the documented subset tapwatch relies on: `activityDisplayName eq '…'`, `loggedByService eq
 * '…'` and `activityDateTime ge|le|gt|lt <timestamp>` joined by `and`
 * (https://learn.microsoft.com/en-us/graph/api/resources/directoryaudit). Anything else (another field,
 * operator, function, `or`, `in`, parentheses, a quoted timestamp) is a 400: `or` and `in` are not
 * documented for directoryAudits, so a client depending on them shows up as a failing test rather
 * than silently matching everything. String comparison is exact (case-sensitive), the stricter of the
 * two plausible readings of Graph's `eq`.
 */
export function parseAuditFilter(text: string): AuditFilter {
  const tokens = tokenize(text);
  const filter: AuditFilter = { services: [] };
  let i = 0;
  for (;;) {
    const [field, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!field || !op || !value || field.kind !== 'name' || op.kind !== 'name') {
      throw invalid(`expected "<property> <operator> <value>" at position ${field?.at ?? text.length}`);
    }
    clause(filter, field.text, op.text, value);
    i += 3;
    const next = tokens[i];
    if (!next) return filter;
    if (next.kind !== 'name' || next.text !== 'and')
      throw invalid(`unsupported "${next.text}" at position ${next.at}`);
    i += 1;
  }
}

function clause(filter: AuditFilter, field: string, op: string, value: Token): void {
  if (field === 'loggedByService' || field === 'activityDisplayName') {
    if (op !== 'eq') throw invalid(`operator "${op}" is not supported for ${field}`);
    if (value.kind !== 'string') throw invalid(`${field} needs a quoted string`);
    const text = value.text.replaceAll("''", "'");
    if (field === 'loggedByService') filter.services.push(text);
    else filter.activities = [...(filter.activities ?? []), text];
    return;
  }
  if (field === 'activityDateTime') {
    if (value.kind !== 'datetime') throw invalid('activityDateTime needs an unquoted DateTimeOffset literal');
    const bound = { ms: Date.parse(value.text), inclusive: op === 'ge' || op === 'le' };
    if (Number.isNaN(bound.ms)) throw invalid(`"${value.text}" is not a valid DateTimeOffset`);
    if (op === 'ge' || op === 'gt') filter.lower = tighter(filter.lower, bound, 1);
    else if (op === 'le' || op === 'lt') filter.upper = tighter(filter.upper, bound, -1);
    else throw invalid(`operator "${op}" is not supported for activityDateTime`);
    return;
  }
  throw invalid(`property "${field}" is not supported in this filter`);
}

/** Keeps the more restrictive bound; `direction` 1 for lower bounds, -1 for upper bounds. */
function tighter(current: TimeBound | undefined, candidate: TimeBound, direction: 1 | -1): TimeBound {
  if (!current) return candidate;
  if (candidate.ms * direction > current.ms * direction) return candidate;
  if (candidate.ms === current.ms && !candidate.inclusive) return candidate;
  return current;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    const groups = match?.groups;
    if (!groups) throw invalid(`unexpected "${text.slice(at, at + 10)}" at position ${at}`);
    if (groups.name !== undefined) tokens.push({ kind: 'name', text: groups.name, at });
    else if (groups.string !== undefined) tokens.push({ kind: 'string', text: groups.string, at });
    else tokens.push({ kind: 'datetime', text: groups.datetime ?? '', at });
  }
  return tokens;
}

function invalid(detail: string): ODataError {
  return new ODataError(`Invalid filter clause: ${detail}`);
}

/** What the filter looks at in one record. */
export interface AuditKey {
  service: unknown;
  activity: unknown;
  /** activityDateTime in epoch ms. */
  ms: number;
}

/** True when a record with this service, activity and time passes the filter. */
export function auditMatches(filter: AuditFilter, key: AuditKey): boolean {
  const { ms } = key;
  if (filter.services.some((s) => s !== key.service)) return false;
  if (filter.activities?.some((a) => a !== key.activity)) return false;
  if (filter.lower && (filter.lower.inclusive ? ms < filter.lower.ms : ms <= filter.lower.ms)) return false;
  if (filter.upper && (filter.upper.inclusive ? ms > filter.upper.ms : ms >= filter.upper.ms)) return false;
  return true;
}
