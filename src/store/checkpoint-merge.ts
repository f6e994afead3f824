import type { Checkpoint } from './store';

/**
 * The checkpoint two runs agree on, whichever writes last: the row of the cycle whose window ends later
 * (its status and summary describe the newest state), with every tier end at the later of the two. So
 * the checkpoint never moves backwards, and a run that finishes after a newer one adds only what it
 * covered beyond it. Unreadable times count as the oldest.
 */
export function mergeCheckpoint(current: Checkpoint | undefined, next: Checkpoint): Checkpoint {
  if (!current) return next;
  const newer = time(next.windowEnd) >= time(current.windowEnd) ? next : current;
  const older = newer === next ? current : next;
  const merged: Checkpoint = { ...newer };
  if (time(older.lastSuccessAt) > time(newer.lastSuccessAt)) merged.lastSuccessAt = older.lastSuccessAt;
  const tiers: Record<string, string> = { ...(older.tiers ?? {}) };
  for (const [key, end] of Object.entries(newer.tiers ?? {})) {
    const other = tiers[key];
    if (other === undefined || time(end) >= time(other)) tiers[key] = end;
  }
  if (Object.keys(tiers).length > 0) merged.tiers = tiers;
  return merged;
}

function time(text: string): number {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}
