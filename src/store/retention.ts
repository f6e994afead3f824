import type { FindingStore, RetentionCounts } from './store';

const DAY_MS = 86_400_000;

export interface RetentionResult extends RetentionCounts {
  /** Day partitions before this instant's UTC day were deleted. */
  cutoff: string;
}

/** The daily cleanup (docs/architecture.md): drops the tenant's finding partitions and alert claims older than RETENTION_DAYS. */
export async function runRetention(
  store: FindingStore,
  tenantId: string,
  retentionDays: number,
  now: Date,
): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const result = await store.deleteFindingsBefore(tenantId, cutoff);
  return { cutoff: cutoff.toISOString(), ...result };
}
