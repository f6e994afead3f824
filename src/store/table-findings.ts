import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { StoreError, UnstorableFindingError } from '../errors';
import type { Finding } from '../rules/finding';
import { applyDeliveryUpdate } from './delivery-merge';
import { isUnstorableCode, TRANSACTION_LIMIT } from './entity-limits';
import { mergeStored, normalizedForStorage } from './finding-columns';
import { findingProperties, statusProperties, storedFromEntity } from './finding-entity';
import {
  dayKey,
  escapeKey,
  findingKeys,
  findingPartition,
  neighbourPartition,
  tenantPartitionRange,
} from './keys';
import type { DeliveryUpdate, SaveResult, StoredFinding } from './store';
import { conditionalWrite, readOrUndefined, tableCall } from './table-errors';

const MAX_ATTEMPTS = 8;
/** Partition keys remembered per finding id (a finding never changes day), bounded to stay small. */
const MAX_REMEMBERED = 10_000;

type Entity = Record<string, unknown> & { partitionKey?: string; rowKey?: string; etag: string };

/** The findings table: insert-if-absent saves, ETag-guarded merges, pending listing and retention. */
export class FindingsTable {
  private readonly partitionOf = new Map<string, string>();

  constructor(
    private readonly client: TableClient,
    private readonly name: string,
  ) {}

  /**
   * Reads first, then inserts with createEntity (a concurrent insert answers 409 and is re-read and
   * merged) or replaces with the ETag of the read. Reading first costs one request for a finding that is
   * already stored and unchanged, the common case when every cycle re-reads a 24-hour window.
   */
  async save(finding: Finding, initialStatus: 'pending' | 'below-threshold'): Promise<SaveResult> {
    try {
      return await this.saveOnce(finding, initialStatus);
    } catch (error) {
      // The client-side limits check should have caught it; the service's own refusal is the second line.
      if (
        error instanceof StoreError &&
        !(error instanceof UnstorableFindingError) &&
        isUnstorableCode(error.code)
      ) {
        throw new UnstorableFindingError(
          finding.id,
          finding.audit.ids,
          `the service refused the row (${error.code})`,
        );
      }
      throw error;
    }
  }

  private async saveOnce(
    finding: Finding,
    initialStatus: 'pending' | 'below-threshold',
  ): Promise<SaveResult> {
    const { partitionKey, rowKey } = await this.keysFor(finding);
    this.remember(rowKey, partitionKey);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(partitionKey, rowKey);
      if (!current) {
        const stored: StoredFinding = {
          finding: normalizedForStorage(finding),
          alertStatus: initialStatus,
          deliveries: {},
        };
        const entity = { partitionKey, rowKey, ...findingProperties(stored) };
        if (await conditionalWrite(this.name, 'createEntity', () => this.client.createEntity(entity))) {
          return { outcome: 'new', stored };
        }
        continue;
      }
      const existing = storedFromEntity(current);
      const merged = mergeStored(existing, finding, initialStatus);
      if (!merged.changed) return { outcome: 'unchanged', stored: existing };
      const stored = merged.stored;
      const entity = { partitionKey, rowKey, ...findingProperties(stored) };
      const etag = current.etag;
      if (
        await conditionalWrite(this.name, 'updateEntity', () =>
          this.client.updateEntity(entity, 'Replace', { etag }),
        )
      ) {
        return { outcome: 'merged', stored };
      }
    }
    throw new StoreError(`${this.name}: saving ${finding.id} lost ${MAX_ATTEMPTS} write races in a row`);
  }

  /** The finding's own day partition, or the neighbouring day's when it was first stored there (midnight). */
  private async keysFor(finding: Finding): Promise<{ partitionKey: string; rowKey: string }> {
    const keys = findingKeys(finding);
    const neighbour = neighbourPartition(finding);
    if (!neighbour || (await this.read(keys.partitionKey, keys.rowKey))) return keys;
    return (await this.read(neighbour, keys.rowKey)) ? { ...keys, partitionKey: neighbour } : keys;
  }

  /** A point read when the finding's day is known to this store, else a scan of the tenant's partitions. */
  async get(tenantId: string, id: string): Promise<StoredFinding | undefined> {
    const rowKey = escapeKey(id);
    const known = this.partitionOf.get(rowKey);
    if (known?.startsWith(findingPartition(tenantId, ''))) {
      const entity = await this.read(known, rowKey);
      if (entity) return storedFromEntity(entity);
    }
    const { low, high } = tenantPartitionRange(tenantId);
    const filter = odata`PartitionKey ge ${low} and PartitionKey le ${high} and RowKey eq ${rowKey}`;
    const found = await this.first(filter, 'getFinding');
    if (found?.partitionKey) this.remember(rowKey, found.partitionKey);
    return found ? storedFromEntity(found) : undefined;
  }

  async recordDeliveries(update: DeliveryUpdate): Promise<'recorded' | 'stale'> {
    const { partitionKey, rowKey } = findingKeys({ ...update, id: update.findingId });
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(partitionKey, rowKey);
      if (!current)
        throw new StoreError(`${this.name}: recordDeliveries found no finding ${update.findingId}`);
      const next = applyDeliveryUpdate(storedFromEntity(current), update);
      if (!next) return 'stale';
      const entity = { partitionKey, rowKey, ...statusProperties(next) };
      const etag = current.etag;
      if (
        await conditionalWrite(this.name, 'updateEntity', () =>
          this.client.updateEntity(entity, 'Merge', { etag }),
        )
      ) {
        return 'recorded';
      }
    }
    throw new StoreError(
      `${this.name}: recordDeliveries for ${update.findingId} lost ${MAX_ATTEMPTS} write races in a row`,
    );
  }

  /** One range query over the tenant's partitions from `since`'s day on (future days included, for clock skew). */
  async listPending(tenantId: string, since: Date): Promise<StoredFinding[]> {
    const low = findingPartition(tenantId, dayKey(since));
    const { high } = tenantPartitionRange(tenantId);
    const filter = odata`PartitionKey ge ${low} and PartitionKey le ${high} and alertStatus eq ${'pending'} and activityDateTime ge ${since.toISOString()}`;
    const found: StoredFinding[] = [];
    await tableCall(this.name, 'listEntities', async () => {
      for await (const page of this.client
        .listEntities<Entity>({ queryOptions: { filter } })
        .byPage({ maxPageSize: 1000 })) {
        for (const entity of page) found.push(storedFromEntity(entity));
      }
    });
    return found;
  }

  /** Deletes every row of the tenant's day partitions before `cutoff`'s day, ≤ 100 per transaction. */
  async deleteBefore(tenantId: string, cutoff: Date): Promise<{ partitions: number; deleted: number }> {
    const { low } = tenantPartitionRange(tenantId);
    const before = findingPartition(tenantId, dayKey(cutoff));
    const filter = odata`PartitionKey ge ${low} and PartitionKey lt ${before}`;
    const partitions = new Set<string>();
    let deleted = 0;
    const pages = this.client
      .listEntities<Entity>({ queryOptions: { filter, select: ['partitionKey', 'rowKey'] } })
      .byPage({ maxPageSize: 1000 });
    // Rows already returned may be deleted while paging: the continuation token points past them.
    await tableCall(this.name, 'deleteFindingsBefore', async () => {
      for await (const page of pages) {
        const byPartition = new Map<string, string[]>();
        for (const { partitionKey, rowKey } of page) {
          if (!partitionKey || rowKey === undefined) continue;
          byPartition.set(partitionKey, [...(byPartition.get(partitionKey) ?? []), rowKey]);
        }
        for (const [partitionKey, rowKeys] of byPartition) {
          partitions.add(partitionKey);
          for (let i = 0; i < rowKeys.length; i += TRANSACTION_LIMIT) {
            deleted += await this.deleteRows(partitionKey, rowKeys.slice(i, i + TRANSACTION_LIMIT));
          }
        }
      }
    });
    for (const [rowKey, partitionKey] of this.partitionOf)
      if (partitionKey < before) this.partitionOf.delete(rowKey);
    return { partitions: partitions.size, deleted };
  }

  /** One transaction; when it fails (a row deleted concurrently), rows are deleted one by one, 404s ignored. */
  private async deleteRows(partitionKey: string, rowKeys: string[]): Promise<number> {
    const actions: TransactionAction[] = rowKeys.map((rowKey) => ['delete', { partitionKey, rowKey }]);
    try {
      await this.client.submitTransaction(actions);
      return rowKeys.length;
    } catch {
      let count = 0;
      for (const rowKey of rowKeys) {
        const done = await readOrUndefined(this.name, 'deleteEntity', () =>
          this.client.deleteEntity(partitionKey, rowKey),
        );
        if (done) count += 1;
      }
      return count;
    }
  }

  private read(partitionKey: string, rowKey: string): Promise<Entity | undefined> {
    return readOrUndefined(this.name, 'getEntity', () => this.client.getEntity<Entity>(partitionKey, rowKey));
  }

  private async first(filter: string, operation: string): Promise<Entity | undefined> {
    return tableCall(this.name, operation, async () => {
      for await (const page of this.client
        .listEntities<Entity>({ queryOptions: { filter } })
        .byPage({ maxPageSize: 1 })) {
        if (page[0]) return page[0];
      }
      return undefined;
    });
  }

  private remember(rowKey: string, partitionKey: string): void {
    if (this.partitionOf.size >= MAX_REMEMBERED) {
      const oldest = this.partitionOf.keys().next().value;
      if (oldest !== undefined) this.partitionOf.delete(oldest);
    }
    this.partitionOf.set(rowKey, partitionKey);
  }
}
