import type { FindingStore, RetentionCounts } from './store';

const DAY_MS = 86_400_000;

export interface RetentionResult extends RetentionCounts {
  /** Day partitions before this instant's UTC day were deleted. */
  cutoff: string;
  /** Open-TAP index rows whose TAP closed (end + grace passed). */
  openTaps: number;
  /** Kept method deletions past their keep period. */
  methodDeletions: number;
}

/** The daily cleanup (docs/architecture.md): drops the tenant's finding partitions and alert claims older than RETENTION_DAYS, the open-TAP rows of closed TAPs and the method deletions past their keep period. */
export async function runRetention(
  store: FindingStore,
  tenantId: string,
  retentionDays: number,
  now: Date,
): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const result = await store.deleteFindingsBefore(tenantId, cutoff);
  const openTaps = await store.deleteExpiredOpenTaps(tenantId, now);
  const methodDeletions = await store.deleteExpiredMethodDeletions(tenantId, now);
  return { cutoff: cutoff.toISOString(), ...result, openTaps, methodDeletions };
}
