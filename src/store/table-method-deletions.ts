import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { MethodDeletedEvent } from '../audit/chain-event';
import { TRANSACTION_LIMIT } from './entity-limits';
import { asciiJson } from './finding-entity';
import { deletionKeys, deletionRange, type StoredDeletion } from './method-deletions';
import { tableCall } from './table-errors';
import { deleteRowsWhere, jsonColumn } from './table-rows';

type Entity = { partitionKey?: string; rowKey?: string; userId?: unknown; until?: unknown; event?: unknown };

/**
 * The `deletions` table (method-deletions.ts): PartitionKey = tenant, RowKey = target + audit id, with
 * `userId`, `until` and the slimmed event as JSON. Writes are upserts, batched per transaction (a
 * re-read of the same record rewrites the same row); reads are one target's row range.
 */
export class MethodDeletionsTable {
  constructor(
    private readonly client: TableClient,
    private readonly name: string,
  ) {}

  async put(tenantId: string, rows: readonly StoredDeletion[]): Promise<void> {
    const unique = new Map<string, Record<string, string> & { partitionKey: string; rowKey: string }>();
    for (const row of rows) {
      const keys = deletionKeys(tenantId, row.userId, row.event.recordId);
      unique.set(keys.rowKey, { ...keys, userId: row.userId, until: row.until, event: asciiJson(row.event) });
    }
    const entities = [...unique.values()];
    for (let i = 0; i < entities.length; i += TRANSACTION_LIMIT) {
      const actions: TransactionAction[] = entities
        .slice(i, i + TRANSACTION_LIMIT)
        .map((entity) => ['upsert', entity, 'Replace']);
      await tableCall(this.name, 'submitTransaction', () => this.client.submitTransaction(actions));
    }
  }

  /** The target's deletions still kept at `now`: one query, the tenant's partition and the target's rows. */
  async list(tenantId: string, userId: string, now: Date): Promise<MethodDeletedEvent[]> {
    const { partitionKey, low, high } = deletionRange(tenantId, userId);
    const user = userId.toLowerCase();
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${low} and RowKey lt ${high} and userId eq ${user} and until ge ${now.toISOString()}`;
    const events: MethodDeletedEvent[] = [];
    await tableCall(this.name, 'listEntities', async () => {
      for await (const page of this.client
        .listEntities<Entity>({ queryOptions: { filter } })
        .byPage({ maxPageSize: 1000 })) {
        for (const entity of page) events.push(parse(entity, this.name));
      }
    });
    return events;
  }

  /** Deletes the tenant's rows kept until before `now` (the daily cleanup); returns how many. */
  async deleteExpired(tenantId: string, now: Date): Promise<number> {
    const { partitionKey } = deletionKeys(tenantId, '', '');
    const filter = odata`PartitionKey eq ${partitionKey} and until lt ${now.toISOString()}`;
    return deleteRowsWhere(this.client, this.name, partitionKey, filter);
  }
}

function parse(entity: Entity, table: string): MethodDeletedEvent {
  return jsonColumn<MethodDeletedEvent>(entity, 'event', table);
}
