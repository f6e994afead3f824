import { parseRecordEntity, parseStatusEntity, recordEntity, statusEntity } from './tenant-entity';
import type { TenantRecord } from './tenant-record';
import {
  TenantExistsError,
  type TenantListing,
  TenantNotFoundError,
  type TenantRegistry,
  type TenantRunStatus,
} from './tenant-registry';

type Row = Record<string, unknown>;

/**
 * The in-memory twin of the tenants table: rows go through the same entity codecs, so a row that would
 * not validate from Azure Tables does not validate here either. `rows` lets tests plant hand-edited rows.
 */
export class MemoryTenantRegistry implements TenantRegistry {
  readonly records = new Map<string, Row>();
  private readonly status = new Map<string, Row>();
  private operations = 0;

  async list(): Promise<TenantListing> {
    this.operations += 1;
    const listing: TenantListing = { tenants: [], invalid: [] };
    for (const id of [...this.records.keys()].sort()) {
      try {
        listing.tenants.push(parseRecordEntity(this.records.get(id) ?? {}));
      } catch (error) {
        listing.invalid.push({ tenantId: id, error: (error as Error).message });
      }
    }
    return listing;
  }

  async get(tenantId: string): Promise<TenantRecord | undefined> {
    this.operations += 1;
    const row = this.records.get(tenantId);
    return row ? parseRecordEntity(row) : undefined;
  }

  async add(record: TenantRecord): Promise<void> {
    parseRecordEntity(recordEntity(record));
    this.operations += 1;
    if (this.records.has(record.tenantId))
      throw new TenantExistsError(`tenant ${record.tenantId} exists already`);
    this.records.set(record.tenantId, recordEntity(record));
  }

  async update(tenantId: string, change: (record: TenantRecord) => TenantRecord): Promise<TenantRecord> {
    const current = await this.get(tenantId);
    if (!current) throw new TenantNotFoundError(`tenant ${tenantId} is not registered`);
    const next = change(current);
    parseRecordEntity(recordEntity(next));
    this.operations += 1;
    this.records.set(tenantId, recordEntity(next));
    return next;
  }

  async remove(tenantId: string): Promise<boolean> {
    this.operations += 1;
    return this.records.delete(tenantId);
  }

  async getStatus(tenantId: string): Promise<TenantRunStatus | undefined> {
    this.operations += 1;
    const row = this.status.get(tenantId);
    return row ? parseStatusEntity(row) : undefined;
  }

  async putStatus(status: TenantRunStatus): Promise<void> {
    this.operations += 1;
    this.status.set(status.tenantId, statusEntity(status));
  }

  async statuses(): Promise<TenantRunStatus[]> {
    this.operations += 1;
    return [...this.status.keys()].sort().map((id) => parseStatusEntity(this.status.get(id) ?? {}));
  }

  operationCount(): number {
    return this.operations;
  }
}
