import type { AlertLogRow } from './claim-decision';
import type { FindingIndex } from './finding-columns';
import type { StoredDeletion } from './method-deletions';
import type { OpenTap } from './open-taps';
import type { Checkpoint, StoredFinding, TenantHealth } from './store';
import type { TenantLeaseRow } from './tenant-lease';

/** One versioned row: `etag` changes on every write, like the service's ETag. */
export interface Versioned<T> {
  value: T;
  etag: number;
}

export interface MemoryFindingRow {
  stored: StoredFinding;
  index: FindingIndex;
}

/**
 * The data behind in-memory stores. Several stores may share one, which behaves like several clients of
 * one storage account: that is how tests run two concurrent cycles against the twin.
 */
export interface MemoryTables {
  /** PartitionKey → RowKey → row. */
  findings: Map<string, Map<string, Versioned<MemoryFindingRow>>>;
  /** `PartitionKey\nRowKey` → row. */
  alertlog: Map<string, Versioned<AlertLogRow>>;
  /** tenant id → checkpoint. */
  checkpoints: Map<string, Versioned<Checkpoint>>;
  /** tenant id → tenant lease. */
  leases: Map<string, Versioned<TenantLeaseRow>>;
  /** The open-TAP index: PartitionKey (tenant) → RowKey (target + finding) → row. */
  opentaps: Map<string, Map<string, OpenTap>>;
  /** Recent method deletions: PartitionKey (tenant) → RowKey (target + audit id) → row. */
  deletions: Map<string, Map<string, StoredDeletion>>;
  /** tenant id → health row. */
  health: Map<string, TenantHealth>;
  nextEtag(): number;
}

export function createMemoryTables(): MemoryTables {
  let etag = 0;
  return {
    findings: new Map(),
    alertlog: new Map(),
    checkpoints: new Map(),
    leases: new Map(),
    opentaps: new Map(),
    deletions: new Map(),
    health: new Map(),
    nextEtag: () => {
      etag += 1;
      return etag;
    },
  };
}

/** Yields to other pending work, so concurrent callers interleave between a read and a write. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A deep copy, so callers never hold references into the shared tables. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
