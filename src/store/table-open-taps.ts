import { odata, type TableClient } from '@azure/data-tables';
import { asciiJson } from './finding-entity';
import { openTapKeys } from './keys';
import { isOpen, type OpenTap, type OpenTapMarks, openTapOf } from './open-taps';
import type { StoredFinding } from './store';
import { readOrUndefined, tableCall } from './table-errors';
import { deleteRowsWhere, jsonColumn } from './table-rows';

type Entity = {
  partitionKey?: string;
  rowKey?: string;
  openUntil?: unknown;
  row?: unknown;
  deletionsPending?: unknown;
};

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

  /**
   * Upsert (Merge): `openUntil` and `row` always reflect the finding as last saved, and the
   * `deletionsPending` property stays as it was unless `marks` set it, in this same request. Insert Or
   * Merge keeps the properties a request does not name and is one request on one entity, so the row and
   * its marker are written together or not at all
   * (https://learn.microsoft.com/en-us/rest/api/storageservices/insert-or-merge-entity).
   */
  async put(tenantId: string, stored: StoredFinding, marks: OpenTapMarks = {}): Promise<void> {
    const row = openTapOf(stored);
    const keys = openTapKeys(tenantId, row.target.id, row.findingId);
    const marker = marks.deletionsPending ? { deletionsPending: true } : {};
    await tableCall(this.name, 'upsertEntity', () =>
      this.client.upsertEntity(
        { ...keys, openUntil: row.openUntil, row: asciiJson(row), ...marker },
        'Merge',
      ),
    );
  }

  /**
   * Merge Entity with `If-Match: *` (no ETag given): writes only the marker, and answers 404 when the row
   * is absent, so no row without `openUntil` (never listed, never cleaned up) is ever created
   * (https://learn.microsoft.com/en-us/rest/api/storageservices/merge-entity).
   */
  async setDeletionsPending(
    tenantId: string,
    ref: { targetId: string; findingId: string },
    pending: boolean,
  ): Promise<void> {
    const keys = openTapKeys(tenantId, ref.targetId, ref.findingId);
    await readOrUndefined(this.name, 'updateEntity', () =>
      this.client.updateEntity({ ...keys, deletionsPending: pending }, 'Merge'),
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
  const row = jsonColumn<OpenTap>(entity, 'row', table);
  // Rows written before the marker existed have no property: their check counts as done.
  return entity.deletionsPending === true ? { ...row, deletionsPending: true } : row;
}
