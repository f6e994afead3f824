import { openTapKeys } from './keys';
import { copy, type MemoryTables, tick } from './memory-tables';
import { deletionKeys } from './method-deletions';
import { isOpen, type OpenTapMarks, openTapOf } from './open-taps';
import type { FindingStore, StoredFinding } from './store';

type ChainIndexMethods = Pick<
  FindingStore,
  | 'listOpenTaps'
  | 'putOpenTap'
  | 'setDeletionsPending'
  | 'deleteExpiredOpenTaps'
  | 'putMethodDeletions'
  | 'listMethodDeletions'
  | 'deleteExpiredMethodDeletions'
>;

/**
 * The in-memory twin of the chain's two index tables (the open-TAP index and recent method deletions):
 * same keys, one counted operation per request the Table store makes. `indexRow` is what a save uses to
 * keep a finding's open-TAP row current.
 */
export function memoryChainIndexes(
  tables: MemoryTables,
  op: () => void,
): {
  indexRow: (tenantId: string, stored: StoredFinding, marks?: OpenTapMarks) => void;
  methods: ChainIndexMethods;
} {
  const indexRow = (tenantId: string, stored: StoredFinding, marks: OpenTapMarks = {}): void => {
    op();
    const row = openTapOf(stored);
    const { partitionKey, rowKey } = openTapKeys(tenantId, row.target.id, row.findingId);
    const rows = partitionOf(tables.opentaps, partitionKey);
    // Like the Table store's Merge upsert: the marker is set with the row, or survives the rewrite.
    const pending = marks.deletionsPending === true || rows.get(rowKey)?.deletionsPending === true;
    rows.set(rowKey, copy(pending ? { ...row, deletionsPending: true } : row));
  };

  const methods: ChainIndexMethods = {
    async listOpenTaps(tenantId, now) {
      op();
      await tick();
      const rows = tables.opentaps.get(openTapKeys(tenantId, '', '').partitionKey);
      return [...(rows?.values() ?? [])].filter((row) => isOpen(row, now)).map(copy);
    },

    async putOpenTap(tenantId, stored, marks) {
      await tick();
      indexRow(tenantId, stored, marks);
    },

    async setDeletionsPending(tenantId, ref, pending) {
      op();
      await tick();
      const { partitionKey, rowKey } = openTapKeys(tenantId, ref.targetId, ref.findingId);
      const row = tables.opentaps.get(partitionKey)?.get(rowKey);
      if (!row) return;
      if (pending) row.deletionsPending = true;
      else delete row.deletionsPending;
    },

    async deleteExpiredOpenTaps(tenantId, now) {
      op();
      const rows = tables.opentaps.get(openTapKeys(tenantId, '', '').partitionKey);
      return deleteRows(rows, (row) => !isOpen(row, now), op);
    },

    async putMethodDeletions(tenantId, rows) {
      await tick();
      const partition = partitionOf(tables.deletions, deletionKeys(tenantId, '', '').partitionKey);
      for (let i = 0; i < rows.length; i += 100) op(); // one transaction per 100 rows, as the Table store
      for (const row of rows)
        partition.set(deletionKeys(tenantId, row.userId, row.event.recordId).rowKey, copy(row));
    },

    async listMethodDeletions(tenantId, userId, now) {
      op();
      await tick();
      const rows = tables.deletions.get(deletionKeys(tenantId, '', '').partitionKey);
      const user = userId.toLowerCase();
      return [...(rows?.values() ?? [])]
        .filter((row) => row.userId === user && Date.parse(row.until) >= now.getTime())
        .map((row) => copy(row.event));
    },

    async deleteExpiredMethodDeletions(tenantId, now) {
      op();
      const rows = tables.deletions.get(deletionKeys(tenantId, '', '').partitionKey);
      return deleteRows(rows, (row) => Date.parse(row.until) < now.getTime(), op);
    },
  };
  return { indexRow, methods };
}

/** The rows of `key` in a partitioned table, created empty when absent. */
export function partitionOf<T>(table: Map<string, Map<string, T>>, key: string): Map<string, T> {
  let rows = table.get(key);
  if (!rows) {
    rows = new Map();
    table.set(key, rows);
  }
  return rows;
}

/** Deletes the rows `expired` selects, one counted operation each (as the cleanup's deletes); returns how many. */
function deleteRows<T>(
  rows: Map<string, T> | undefined,
  expired: (row: T) => boolean,
  op: () => void,
): number {
  let deleted = 0;
  for (const [key, row] of [...(rows ?? [])]) {
    if (!expired(row)) continue;
    rows?.delete(key);
    op();
    deleted += 1;
  }
  return deleted;
}
