import { StoreError } from '../errors';
import type { Finding } from '../rules/finding';
import { mergeCheckpoint } from './checkpoint-merge';
import { type AlertLogRow, claimExpired, decideClaim, releasedRow } from './claim-decision';
import { applyDeliveryUpdate } from './delivery-merge';
import { findingIndex, mergeStored, normalizedForStorage } from './finding-columns';
import { findingProperties } from './finding-entity';
import {
  alertPartition,
  alertRowKey,
  dayKey,
  escapeKey,
  findingKeys,
  findingPartition,
  neighbourPartition,
  tenantPartitionRange,
} from './keys';
import { memoryChainIndexes, partitionOf } from './memory-chain-indexes';
import { listMemoryByStatus, queryMemory } from './memory-query';
import {
  copy,
  createMemoryTables,
  type MemoryFindingRow,
  type MemoryTables,
  tick,
  type Versioned,
} from './memory-tables';
import { memoryTenantLease } from './memory-tenant-lease';
import type { FindingStore, StoredFinding } from './store';

/** Conditional writes retried after losing a race; beyond this the row is too contended to be normal. */
const MAX_ATTEMPTS = 8;

/**
 * The in-memory twin of the Table store: same keys, same conditional-write algorithm (read, decide, write
 * only if the row is unchanged, else re-read), same query order and tokens. Reads and writes yield in
 * between, so concurrent callers interleave as they do against the service. Pass one `tables` to several
 * stores to model several clients of one account.
 */
export function createMemoryStore(tables: MemoryTables = createMemoryTables()): FindingStore {
  let operations = 0;
  const op = (): void => {
    operations += 1;
  };

  const partition = (key: string): Map<string, Versioned<MemoryFindingRow>> =>
    partitionOf(tables.findings, key);
  const locate = (tenantId: string, id: string): Versioned<MemoryFindingRow> | undefined => {
    const { low, high } = tenantPartitionRange(tenantId);
    for (const [key, rows] of tables.findings) {
      if (key >= low && key <= high && rows.has(escapeKey(id))) return rows.get(escapeKey(id));
    }
    return undefined;
  };
  const write = (
    rows: Map<string, Versioned<MemoryFindingRow>>,
    rowKey: string,
    stored: StoredFinding,
  ): void => {
    op();
    rows.set(rowKey, {
      value: copy({ stored, index: findingIndex(stored.finding) }),
      etag: tables.nextEtag(),
    });
  };

  const chain = memoryChainIndexes(tables, op);

  const store: FindingStore = {
    async saveFinding(finding: Finding, initialStatus: 'pending' | 'below-threshold') {
      const { partitionKey, rowKey } = findingKeys(finding);
      // Near midnight the finding may already sit in the neighbouring day's partition (see neighbourPartition).
      const neighbour = neighbourPartition(finding);
      const home =
        neighbour &&
        !tables.findings.get(partitionKey)?.has(rowKey) &&
        tables.findings.get(neighbour)?.has(rowKey) === true
          ? neighbour
          : partitionKey;
      const rows = partition(home);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        op();
        const current = rows.get(rowKey);
        await tick();
        if (!current) {
          if (rows.has(rowKey)) continue; // lost the insert race: merge on the next pass
          const stored: StoredFinding = {
            finding: normalizedForStorage(finding),
            alertStatus: initialStatus,
            deliveries: {},
          };
          findingProperties(stored); // the Table limits, checked as the Table store checks them
          write(rows, rowKey, stored);
          return { outcome: 'new', stored: copy(stored) };
        }
        const merged = mergeStored(current.value.stored, finding, initialStatus);
        if (!merged.changed) return { outcome: 'unchanged', stored: copy(current.value.stored) };
        if (rows.get(rowKey)?.etag !== current.etag) continue;
        const stored = merged.stored;
        findingProperties(stored);
        write(rows, rowKey, stored);
        return { outcome: 'merged', stored: copy(stored) };
      }
      throw new StoreError(`findings: saving ${finding.id} lost ${MAX_ATTEMPTS} write races in a row`);
    },

    async getFinding(tenantId, id) {
      op();
      const row = locate(tenantId, id);
      return row ? copy(row.value.stored) : undefined;
    },

    async claimAlert(request) {
      const key = `${alertPartition(request.tenantId, request.targetId)}\n${alertRowKey(request)}`;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        op();
        const current = tables.alertlog.get(key);
        await tick();
        const step = decideClaim(current ? copy(current.value) : undefined, request);
        if (step.kind === 'answer') return step.result;
        op();
        const now = tables.alertlog.get(key);
        if (step.kind === 'create' ? now !== undefined : now?.etag !== current?.etag) continue;
        tables.alertlog.set(key, { value: step.row, etag: tables.nextEtag() });
        return { kind: 'claimed' };
      }
      throw new StoreError(
        `alertlog: claim for ${request.findingId} lost ${MAX_ATTEMPTS} write races in a row`,
      );
    },

    async releaseAlert(claimKey, owner, now) {
      const key = `${alertPartition(claimKey.tenantId, claimKey.targetId)}\n${alertRowKey(claimKey)}`;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        op();
        const current = tables.alertlog.get(key);
        await tick();
        const row: AlertLogRow | undefined = releasedRow(
          current ? copy(current.value) : undefined,
          owner,
          now,
        );
        if (!row) return;
        op();
        if (tables.alertlog.get(key)?.etag !== current?.etag) continue;
        tables.alertlog.set(key, { value: row, etag: tables.nextEtag() });
        return;
      }
      throw new StoreError(`alertlog: release by ${owner} lost ${MAX_ATTEMPTS} write races in a row`);
    },

    async recordDeliveries(update) {
      const { partitionKey, rowKey } = findingKeys({ ...update, id: update.findingId });
      const rows = partition(partitionKey);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        op();
        const current = rows.get(rowKey);
        if (!current) throw new StoreError(`findings: recordDeliveries found no finding ${update.findingId}`);
        await tick();
        if (rows.get(rowKey)?.etag !== current.etag) continue;
        const next = applyDeliveryUpdate(current.value.stored, update);
        if (!next) return 'stale';
        write(rows, rowKey, next);
        return 'recorded';
      }
      throw new StoreError(
        `findings: recordDeliveries for ${update.findingId} lost ${MAX_ATTEMPTS} write races in a row`,
      );
    },

    async listPending(tenantId, since) {
      return listMemoryByStatus(tables, tenantId, since, 'pending', op);
    },

    async queryFindings(query) {
      return queryMemory(tables, query, op);
    },

    async getCheckpoint(tenantId) {
      op();
      const row = tables.checkpoints.get(tenantId);
      return row ? copy(row.value) : undefined;
    },

    async putCheckpoint(checkpoint) {
      const { tenantId } = checkpoint;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        op();
        const current = tables.checkpoints.get(tenantId);
        await tick();
        const merged = mergeCheckpoint(current ? copy(current.value) : undefined, checkpoint);
        op();
        if (tables.checkpoints.get(tenantId)?.etag !== current?.etag) continue;
        tables.checkpoints.set(tenantId, { value: copy(merged), etag: tables.nextEtag() });
        return;
      }
      throw new StoreError(`checkpoint: tenant ${tenantId} lost ${MAX_ATTEMPTS} write races in a row`);
    },

    async getHealth(tenantId) {
      op();
      const row = tables.health.get(tenantId);
      return row ? copy(row) : undefined;
    },

    async putHealth(health) {
      op();
      await tick();
      tables.health.set(health.tenantId, copy(health));
    },

    async deleteFindingsBefore(tenantId, cutoff) {
      const low = tenantPartitionRange(tenantId).low;
      const before = findingPartition(tenantId, dayKey(cutoff));
      let partitions = 0;
      let deleted = 0;
      op();
      for (const [key, rows] of [...tables.findings]) {
        if (key < low || key >= before || rows.size === 0) continue;
        partitions += 1;
        deleted += rows.size;
        operations += Math.ceil(rows.size / 100);
        tables.findings.delete(key);
      }
      const claimPrefix = `${alertPartition(tenantId, '')}`;
      let alertClaims = 0;
      for (const [key, row] of [...tables.alertlog]) {
        if (!key.startsWith(claimPrefix) || !claimExpired(row.value, cutoff)) continue;
        operations += 1;
        tables.alertlog.delete(key);
        alertClaims += 1;
      }
      return { partitions, deleted, alertClaims };
    },

    ...memoryTenantLease(tables, op),
    ...chain.methods,
    operationCount: () => operations,
  };
  // Every save that inserts or changes a finding keeps its open-TAP row current, as the Table store does.
  const saveRow = store.saveFinding;
  store.saveFinding = async (finding, initialStatus, marks) => {
    const result = await saveRow(finding, initialStatus);
    if (result.outcome !== 'unchanged') chain.indexRow(finding.tenantId, result.stored, marks);
    return result;
  };
  return store;
}
