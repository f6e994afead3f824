import { TapwatchError } from '../errors';
import type { TenantRecord } from './tenant-record';

/** What the last queued cycle of a tenant did; written by the queue-triggered function after every attempt. */
export interface TenantRunStatus {
  tenantId: string;
  lastAttemptAt: string;
  /** `poisoned`: the final attempt (the host's maxDequeueCount) failed and the message went to the poison queue. */
  lastStatus: 'ok' | 'partial' | 'failed' | 'poisoned';
  /** One line, secrets scrubbed; absent after an `ok` run. */
  lastError?: string;
  /** The queue message's dequeue count on the last attempt (1 = first delivery). */
  attempt: number;
  /** Failed attempts since the last success. */
  consecutiveFailures: number;
  lastSuccessAt?: string;
  poisonedAt?: string;
}

/** A row of the tenants table that does not validate; it gets no cycle and is reported, never dropped silently. */
export interface InvalidTenantRow {
  tenantId: string;
  error: string;
}

export interface TenantListing {
  tenants: TenantRecord[];
  invalid: InvalidTenantRow[];
}

export class TenantExistsError extends TapwatchError {}
export class TenantNotFoundError extends TapwatchError {}

/**
 * The monitored tenants and their run status (docs/tenants.md): one Azure Table implementation and one
 * in-memory twin, both passing the same contract tests. Records and status live in separate rows so a
 * cycle recording its status never races an operator editing the tenant.
 */
export interface TenantRegistry {
  /** Every tenant row, sorted by tenant id; rows that do not validate are listed under `invalid`. */
  list(): Promise<TenantListing>;
  get(tenantId: string): Promise<TenantRecord | undefined>;
  /** Insert-if-absent; a tenant already present is a TenantExistsError. */
  add(record: TenantRecord): Promise<void>;
  /** Read-modify-write guarded by the row's ETag (retried when another writer got in between). */
  update(tenantId: string, change: (record: TenantRecord) => TenantRecord): Promise<TenantRecord>;
  /**
   * Deletes the tenant's record; false when it did not exist. Its status row stays, so the daily cleanup
   * still expires the tenant's findings (`tenantsToExpire`).
   */
  remove(tenantId: string): Promise<boolean>;
  getStatus(tenantId: string): Promise<TenantRunStatus | undefined>;
  putStatus(status: TenantRunStatus): Promise<void>;
  statuses(): Promise<TenantRunStatus[]>;
  /** Table operations so far (benchmark). */
  operationCount(): number;
}

/** The status after one attempt, from the previous one: counts failures since the last success. */
export function nextStatus(
  previous: TenantRunStatus | undefined,
  attempt: Omit<TenantRunStatus, 'consecutiveFailures' | 'lastSuccessAt' | 'poisonedAt'>,
): TenantRunStatus {
  const succeeded = attempt.lastStatus === 'ok' || attempt.lastStatus === 'partial';
  const status: TenantRunStatus = {
    ...attempt,
    consecutiveFailures: succeeded ? 0 : (previous?.consecutiveFailures ?? 0) + 1,
  };
  const lastSuccessAt = succeeded ? attempt.lastAttemptAt : previous?.lastSuccessAt;
  if (lastSuccessAt) status.lastSuccessAt = lastSuccessAt;
  if (attempt.lastStatus === 'poisoned') status.poisonedAt = attempt.lastAttemptAt;
  return status;
}
