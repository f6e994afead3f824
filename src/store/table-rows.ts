import type { TableClient } from '@azure/data-tables';
import { StoreError } from '../errors';
import { readOrUndefined, tableCall } from './table-errors';

/**
 * Deletes the rows of `partitionKey` that `filter` (built with `odata`) selects, one request each after
 * one query for their keys: the daily cleanup of small index tables. Returns how many were deleted (a row
 * already gone is not counted).
 */
export async function deleteRowsWhere(
  client: TableClient,
  table: string,
  partitionKey: string,
  filter: string,
): Promise<number> {
  const keys: string[] = [];
  await tableCall(table, 'listEntities', async () => {
    for await (const page of client
      .listEntities<{ rowKey?: string }>({ queryOptions: { filter, select: ['rowKey'] } })
      .byPage({ maxPageSize: 1000 })) {
      for (const entity of page) if (entity.rowKey !== undefined) keys.push(entity.rowKey);
    }
  });
  let deleted = 0;
  for (const rowKey of keys) {
    const done = await readOrUndefined(table, 'deleteEntity', () =>
      client.deleteEntity(partitionKey, rowKey),
    );
    if (done) deleted += 1;
  }
  return deleted;
}

/** The JSON held in a row's `column`, as `T`; a row that is not valid JSON is a StoreError naming it. */
export function jsonColumn<T>(
  entity: { partitionKey?: string; rowKey?: string } & Record<string, unknown>,
  column: string,
  table: string,
): T {
  try {
    return JSON.parse(String(entity[column])) as T;
  } catch {
    throw new StoreError(
      `${table} row ${String(entity.partitionKey)}/${String(entity.rowKey)} is not valid JSON`,
    );
  }
}
