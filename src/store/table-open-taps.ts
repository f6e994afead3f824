import { odata, type TableClient } from '@azure/data-tables';
import { asciiJson } from './finding-entity';
import { openTapKeys } from './keys';
import { isOpen, type OpenTap, openTapOf } from './open-taps';
import type { StoredFinding } from './store';
import { tableCall } from './table-errors';
import { deleteRowsWhere, jsonColumn } from './table-rows';

type Entity = { partitionKey?: string; rowKey?: string; openUntil?: unknown; row?: unknown };

/**
 * The open-TAP index (docs/architecture.md): PartitionKey = tenant, RowKey = target + finding id, `openUntil` and the
 * row as JSON. A cycle reads one partition filtered on `openUntil`, so finding partitions are never
 * scanned; the daily cleanup deletes rows whose TAP closed.
 */
export class OpenTapsTable {
  constructor(
    private readonly client: TableClient,
    private readonly name: string,
  ) {}

  /** Upsert (Replace): the row always reflects the finding as last saved. */
  async put(tenantId: string, stored: StoredFinding): Promise<void> {
    const row = openTapOf(stored);
    const keys = openTapKeys(tenantId, row.target.id, row.findingId);
    await tableCall(this.name, 'upsertEntity', () =>
      this.client.upsertEntity({ ...keys, openUntil: row.openUntil, row: asciiJson(row) }, 'Replace'),
    );
  }

  async listOpen(tenantId: string, now: Date): Promise<OpenTap[]> {
    const { partitionKey } = openTapKeys(tenantId, '', '');
    const filter = odata`PartitionKey eq ${partitionKey} and openUntil ge ${now.toISOString()}`;
    const rows: OpenTap[] = [];
    await tableCall(this.name, 'listEntities', async () => {
      for await (const page of this.client
        .listEntities<Entity>({ queryOptions: { filter } })
        .byPage({ maxPageSize: 1000 })) {
        for (const entity of page) {
          const row = parse(entity, this.name);
          if (isOpen(row, now)) rows.push(row);
        }
      }
    });
    return rows;
  }

  /** Deletes every row whose `openUntil` is before `now`, one request each (a handful per day). */
  async deleteExpired(tenantId: string, now: Date): Promise<number> {
    const { partitionKey } = openTapKeys(tenantId, '', '');
    const filter = odata`PartitionKey eq ${partitionKey} and openUntil lt ${now.toISOString()}`;
    return deleteRowsWhere(this.client, this.name, partitionKey, filter);
  }
}

function parse(entity: Entity, table: string): OpenTap {
  return jsonColumn<OpenTap>(entity, 'row', table);
}
