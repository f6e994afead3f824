import type { TableClient, TableServiceClientOptions } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { type TableStoreOptions, tableClient } from '../store/table-clients';
import { conditionalWrite, readOrUndefined, statusOf, tableCall } from '../store/table-errors';
import { tableNames } from '../store/table-names';
import {
  parseRecordEntity,
  parseStatusEntity,
  RECORD_PARTITION,
  recordEntity,
  STATUS_PARTITION,
  statusEntity,
} from './tenant-entity';
import type { TenantRecord } from './tenant-record';
import {
  TenantExistsError,
  type TenantListing,
  TenantNotFoundError,
  type TenantRegistry,
  type TenantRunStatus,
} from './tenant-registry';

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

const UPDATE_ATTEMPTS = 3;

/**
 * The `tenants` table (prefixed like the others): PartitionKey `tenant` holds the records, `status` the
 * last run of each; RowKey is the tenant id. Created when missing (a data-only role may not create it).
 */
export async function openTenantRegistry(options: TableStoreOptions): Promise<TenantRegistry> {
  let requests = 0;
  const counter: PipelinePolicy = {
    name: 'tapwatchTenantRequestCounter',
    sendRequest: (request, next) => {
      requests += 1;
      return next(request);
    },
  };
  const name = tableNames(options.tablePrefix ?? '').tenants;
  const client = tableClient(options, name, {
    additionalPolicies: [{ policy: counter, position: 'perRetry' }],
    retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 4000 },
  });
  await tableCall(name, 'createTable', () =>
    client.createTable().catch((error: unknown) => {
      if (statusOf(error) !== 403) throw error;
    }),
  );
  return new TableTenantRegistry(client, name, () => requests);
}

class TableTenantRegistry implements TenantRegistry {
  constructor(
    private readonly client: TableClient,
    private readonly name: string,
    readonly operationCount: () => number,
  ) {}

  async list(): Promise<TenantListing> {
    const listing: TenantListing = { tenants: [], invalid: [] };
    const rows = await this.partition(RECORD_PARTITION, 'list tenants');
    for (const row of rows) {
      try {
        listing.tenants.push(parseRecordEntity(row));
      } catch (error) {
        listing.invalid.push({ tenantId: String(row.rowKey).slice(0, 80), error: (error as Error).message });
      }
    }
    return listing;
  }

  async get(tenantId: string): Promise<TenantRecord | undefined> {
    const row = await this.read(RECORD_PARTITION, tenantId);
    return row ? parseRecordEntity(row) : undefined;
  }

  async add(record: TenantRecord): Promise<void> {
    parseRecordEntity(recordEntity(record));
    const created = await conditionalWrite(this.name, 'createEntity', () =>
      this.client.createEntity(recordEntity(record)),
    );
    if (!created) throw new TenantExistsError(`tenant ${record.tenantId} exists already`);
  }

  async update(tenantId: string, change: (record: TenantRecord) => TenantRecord): Promise<TenantRecord> {
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt += 1) {
      const row = await this.read(RECORD_PARTITION, tenantId);
      if (!row) throw new TenantNotFoundError(`tenant ${tenantId} is not registered`);
      const next = change(parseRecordEntity(row));
      parseRecordEntity(recordEntity(next));
      const written = await conditionalWrite(this.name, 'updateEntity', () =>
        this.client.updateEntity(recordEntity(next), 'Replace', { etag: String(row.etag) }),
      );
      if (written) return next;
    }
    throw new TenantExistsError(`tenant ${tenantId} kept changing while it was updated; try again`);
  }

  async remove(tenantId: string): Promise<boolean> {
    return this.delete(RECORD_PARTITION, tenantId);
  }

  async getStatus(tenantId: string): Promise<TenantRunStatus | undefined> {
    const row = await this.read(STATUS_PARTITION, tenantId);
    return row ? parseStatusEntity(row) : undefined;
  }

  async putStatus(status: TenantRunStatus): Promise<void> {
    await tableCall(this.name, 'upsertEntity', () =>
      this.client.upsertEntity(statusEntity(status), 'Replace'),
    );
  }

  async statuses(): Promise<TenantRunStatus[]> {
    return (await this.partition(STATUS_PARTITION, 'list tenant status')).map(parseStatusEntity);
  }

  private read(partition: string, rowKey: string): Promise<Record<string, unknown> | undefined> {
    return readOrUndefined(this.name, 'getEntity', () =>
      this.client.getEntity<Record<string, unknown>>(partition, rowKey),
    );
  }

  private async delete(partition: string, rowKey: string): Promise<boolean> {
    const done = await readOrUndefined(this.name, 'deleteEntity', () =>
      this.client.deleteEntity(partition, rowKey),
    );
    return done !== undefined;
  }

  private partition(partition: string, operation: string): Promise<Array<Record<string, unknown>>> {
    return tableCall(this.name, operation, async () => {
      const rows: Array<Record<string, unknown>> = [];
      const entities = this.client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${partition}` },
      });
      for await (const entity of entities) rows.push(entity);
      return rows;
    });
  }
}
