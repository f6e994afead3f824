import { StoreError } from '../errors';
import type { Finding } from '../rules/finding';

/**
 * Table keys. Every key part may carry text from the audit log (target ids, finding ids), so parts are
 * escaped: the service forbids `/ \ # ?` and control characters in keys, and `%` is escaped too so the
 * encoding stays reversible and two different inputs never share a key.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be escaped
const FORBIDDEN_IN_KEY = /[/\\#?%\u0000-\u001f\u007f-\u009f]/g;

const DAY_MS = 86_400_000;

/** Escapes one key part (`%XX` per forbidden UTF-16 unit); ASCII ids and GUIDs pass unchanged. */
export function escapeKey(part: string): string {
  return part.replace(
    FORBIDDEN_IN_KEY,
    (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`,
  );
}

/** Keys of the findings row for `finding`; a finding without a valid activity time cannot be stored. */
export function findingKeys(finding: Pick<Finding, 'tenantId' | 'id' | 'activityDateTime'>): {
  partitionKey: string;
  rowKey: string;
} {
  const time = Date.parse(finding.activityDateTime);
  if (Number.isNaN(time)) throw new StoreError(`finding ${finding.id} has no valid activityDateTime`);
  return {
    partitionKey: findingPartition(finding.tenantId, dayKey(new Date(time))),
    rowKey: escapeKey(finding.id),
  };
}

/** How close to a UTC midnight an activity must be for its finding to be looked for in the other day too. */
const MIDNIGHT_MARGIN_MS = 3_600_000;

/**
 * The neighbouring day's partition when the activity lies within an hour of a UTC midnight, else undefined.
 * The records of one TAP can straddle midnight and arrive in either order; the finding stays in the day
 * partition it was first stored in, so a save looks there too before inserting.
 */
export function neighbourPartition(
  finding: Pick<Finding, 'tenantId' | 'activityDateTime'>,
): string | undefined {
  const time = Date.parse(finding.activityDateTime);
  if (Number.isNaN(time)) return undefined;
  const intoDay = ((time % DAY_MS) + DAY_MS) % DAY_MS;
  if (intoDay < MIDNIGHT_MARGIN_MS)
    return findingPartition(finding.tenantId, dayKey(new Date(time - DAY_MS)));
  if (DAY_MS - intoDay <= MIDNIGHT_MARGIN_MS)
    return findingPartition(finding.tenantId, dayKey(new Date(time + DAY_MS)));
  return undefined;
}

/** `YYYYMMDD` of the UTC day containing `date`. */
export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

/** findings PartitionKey: tenant + UTC day of activity, so a day is one partition and retention drops whole days. */
export function findingPartition(tenantId: string, day: string): string {
  return `${escapeKey(tenantId)}_${day}`;
}

/** Lowest and highest findings PartitionKey of a tenant (every day sorts between them). */
export function tenantPartitionRange(tenantId: string): { low: string; high: string } {
  return { low: findingPartition(tenantId, '00000000'), high: findingPartition(tenantId, '99999999') };
}

/** alertlog PartitionKey: one partition per tenant + target, so all rule sets of a target sit together. */
export function alertPartition(tenantId: string, targetId: string): string {
  return `${escapeKey(tenantId)}_${escapeKey(targetId)}`;
}

/**
 * alertlog RowKey: initiator + rule set (docs/architecture.md), `<initiator>|<rule set>`; rule ids never contain `|`,
 * so the last `|` separates the parts. Rows written when the key was the rule set alone stay readable
 * (retention deletes them); they no longer suppress, so an upgrade may alert a repeat once, never hide one.
 */
export function alertRowKey(key: { initiatorKey: string; ruleSetKey: string }): string {
  return `${escapeKey(key.initiatorKey)}|${escapeKey(key.ruleSetKey)}`;
}

/** UTC days from `since` to `until`, newest first, as `YYYYMMDD`. Empty when since > until. */
export function daysNewestFirst(since: Date, until: Date): string[] {
  const days: string[] = [];
  const first = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate());
  for (
    let t = Date.UTC(until.getUTCFullYear(), until.getUTCMonth(), until.getUTCDate());
    t >= first;
    t -= DAY_MS
  ) {
    days.push(dayKey(new Date(t)));
  }
  return days;
}

/** Normalizes a timestamp to `toISOString()` form so string comparison in filters is chronological. */
export function canonicalTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** open-TAP index keys: one partition per tenant, one row per target + finding ("keyed by tenant + target"). */
export function openTapKeys(
  tenantId: string,
  targetId: string,
  findingId: string,
): {
  partitionKey: string;
  rowKey: string;
} {
  return {
    partitionKey: escapeKey(tenantId),
    rowKey: `${escapeKey(targetId.toLowerCase())}_${escapeKey(findingId)}`,
  };
}
