import type { TableClient } from '@azure/data-tables';
import { StoreError } from '../errors';
import { escapeKey } from './keys';
import { conditionalWrite, readOrUndefined } from './table-errors';
import {
  decideLease,
  releasedLease,
  type TenantLeaseRequest,
  type TenantLeaseResult,
  type TenantLeaseRow,
} from './tenant-lease';

/** Beside the checkpoint row (`poll`) in the checkpoint table: same partition, no extra table to deploy. */
const ROW_KEY = 'lease';
const MAX_ATTEMPTS = 8;

type Entity = Record<string, unknown> & { etag: string };

/**
 * The tenant lease row on Table storage. Every write is conditional: insert-if-absent (409 when another
 * run inserted first) or Replace with the ETag of the read it was decided on (412 when the row changed);
 * a lost race re-reads and decides again, so two runs can never both hold the lease.
 */
export class TenantLeaseTable {
  constructor(
    private readonly client: TableClient,
    private readonly name: string,
  ) {}

  async get(tenantId: string): Promise<TenantLeaseRow | undefined> {
    const entity = await this.read(tenantId);
    return entity ? fromEntity(entity) : undefined;
  }

  async acquire(request: TenantLeaseRequest): Promise<TenantLeaseResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(request.tenantId);
      const { row, result } = decideLease(current ? fromEntity(current) : undefined, request);
      if (await this.write(request.tenantId, row, current?.etag)) return result;
    }
    throw new StoreError(
      `${this.name}: tenant lease of ${request.tenantId} lost ${MAX_ATTEMPTS} write races in a row`,
    );
  }

  async release(tenantId: string, owner: string, now: Date): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(tenantId);
      const row = releasedLease(current ? fromEntity(current) : undefined, owner, now);
      if (!row || (await this.write(tenantId, row, current?.etag))) return;
    }
    throw new StoreError(`${this.name}: release of the tenant lease by ${owner} lost ${MAX_ATTEMPTS} races`);
  }

  private write(tenantId: string, row: TenantLeaseRow, etag: string | undefined): Promise<boolean> {
    const entity = {
      partitionKey: escapeKey(tenantId),
      rowKey: ROW_KEY,
      owner: row.owner,
      acquiredAt: row.acquiredAt,
      until: row.until,
      skipped: row.skipped,
      lastSkippedAt: row.lastSkippedAt ?? '',
    };
    return conditionalWrite(this.name, etag ? 'updateEntity' : 'createEntity', () =>
      etag ? this.client.updateEntity(entity, 'Replace', { etag }) : this.client.createEntity(entity),
    );
  }

  private read(tenantId: string): Promise<Entity | undefined> {
    return readOrUndefined(this.name, 'getEntity', () =>
      this.client.getEntity<Entity>(escapeKey(tenantId), ROW_KEY),
    );
  }
}

function fromEntity(entity: Entity): TenantLeaseRow {
  const row: TenantLeaseRow = {
    owner: String(entity.owner ?? ''),
    acquiredAt: String(entity.acquiredAt ?? ''),
    until: String(entity.until ?? ''),
    skipped: typeof entity.skipped === 'number' ? entity.skipped : 0,
  };
  if (typeof entity.lastSkippedAt === 'string' && entity.lastSkippedAt)
    row.lastSkippedAt = entity.lastSkippedAt;
  return row;
}
