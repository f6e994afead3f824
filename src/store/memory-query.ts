import { dayKey, findingPartition, tenantPartitionRange } from './keys';
import { copy, type MemoryTables } from './memory-tables';
import { encodeCursor } from './query-cursor';
import { rowMatches } from './query-filter';
import { planQuery } from './query-plan';
import type { AlertStatus, FindingPage, FindingQuery, StoredFinding } from './store';

/** `queryFindings` of the in-memory twin: the Table store's order and tokens, evaluated over maps. */
export function queryMemory(tables: MemoryTables, query: FindingQuery, op: () => void): FindingPage {
  const plan = planQuery(query);
  const items: StoredFinding[] = [];
  let after = plan.after;
  for (const [dayIndex, day] of plan.days.entries()) {
    op();
    const rows = tables.findings.get(findingPartition(query.tenantId, day));
    const keys = [...(rows?.keys() ?? [])].filter((k) => after === undefined || k > after).sort();
    after = undefined;
    for (const [i, rowKey] of keys.entries()) {
      const row = rows?.get(rowKey);
      if (!row || !rowMatches(row.value.index, query)) continue;
      items.push(copy(row.value.stored));
      if (items.length === plan.limit) {
        const more = i < keys.length - 1 || dayIndex < plan.days.length - 1;
        return more ? { items, continuationToken: encodeCursor({ day, after: rowKey }) } : { items };
      }
    }
  }
  return { items };
}

/** Findings of a tenant with `status`, activity at or after `since`, in key order. */
export function listMemoryByStatus(
  tables: MemoryTables,
  tenantId: string,
  since: Date,
  status: AlertStatus,
  op: () => void,
): StoredFinding[] {
  op();
  const low = findingPartition(tenantId, dayKey(since));
  const high = tenantPartitionRange(tenantId).high;
  const from = since.toISOString();
  const found: StoredFinding[] = [];
  for (const key of [...tables.findings.keys()].sort()) {
    if (key < low || key > high) continue;
    const rows = tables.findings.get(key);
    for (const rowKey of [...(rows?.keys() ?? [])].sort()) {
      const row = rows?.get(rowKey);
      if (row?.value.stored.alertStatus === status && row.value.index.activityDateTime >= from) {
        found.push(copy(row.value.stored));
      }
    }
  }
  return found;
}
