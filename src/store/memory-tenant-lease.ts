import { StoreError } from '../errors';
import { copy, type MemoryTables, tick } from './memory-tables';
import type { FindingStore } from './store';
import { decideLease, releasedLease } from './tenant-lease';

const MAX_ATTEMPTS = 8;

type LeaseMethods = Pick<FindingStore, 'acquireTenantLease' | 'releaseTenantLease' | 'getTenantLease'>;

/**
 * The in-memory twin of the tenant lease row: the same decide-then-conditional-write algorithm as the
 * Table one, yielding between read and write so concurrent cycles interleave as they do on the service.
 */
export function memoryTenantLease(tables: MemoryTables, op: () => void): LeaseMethods {
  return {
    async getTenantLease(tenantId) {
      op();
      const row = tables.leases.get(tenantId);
      return row ? copy(row.value) : undefined;
    },

    async acquireTenantLease(request) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        op();
        const current = tables.leases.get(request.tenantId);
        await tick();
        const { row, result } = decideLease(current ? copy(current.value) : undefined, request);
        op();
        if (tables.leases.get(request.tenantId)?.etag !== current?.etag) continue;
        tables.leases.set(request.tenantId, { value: row, etag: tables.nextEtag() });
        return result;
      }
      throw new StoreError(`lease: tenant ${request.tenantId} lost ${MAX_ATTEMPTS} write races in a row`);
    },

    async releaseTenantLease(tenantId, owner, now) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        op();
        const current = tables.leases.get(tenantId);
        await tick();
        const row = releasedLease(current ? copy(current.value) : undefined, owner, now);
        if (!row) return;
        op();
        if (tables.leases.get(tenantId)?.etag !== current?.etag) continue;
        tables.leases.set(tenantId, { value: row, etag: tables.nextEtag() });
        return;
      }
      throw new StoreError(`lease: release by ${owner} lost ${MAX_ATTEMPTS} write races in a row`);
    },
  };
}
