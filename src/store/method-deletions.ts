import { boundText } from '../audit/bound-text';
import type { MethodDeletedEvent } from '../audit/chain-event';
import type { Config } from '../config';
import { VICTIM_WIPE_WINDOW_MS } from '../rules/tap-victim-methods-removed';
import { escapeKey } from './keys';

/**
 * Recent method deletions (docs/architecture.md, "Deletions before the TAP"). `tap-victim-methods-removed` also fires
 * on a deletion up to 60 minutes *before* the TAP starts, but records arrive late and each cycle reads
 * only its windows: the deletion may be read cycles before the TAP record. So every cycle keeps the
 * deletions it read (not those of a TAP itself) in the `deletions` table, and a TAP new to the store
 * reads back its target's, with one query on the tenant's partition and the target's row range.
 *
 * Why this shape: TAPs are rare and deletions common, so reading per new TAP target (usually no request at
 * all) costs less than loading every deletion each cycle; one partition per tenant keeps tenants apart
 * and lets the daily cleanup delete expired rows with one query, as for open TAPs.
 */
export interface StoredDeletion {
  /** Target user id, lower-cased. */
  userId: string;
  /** Deletion time + the keep period (ISO, canonical): ignored after this, deleted by the cleanup. */
  until: string;
  event: MethodDeletedEvent;
}

/** Longest text kept per name in a row: the rule only needs ids, times and the method. */
const MAX_TEXT_CHARS = 256;

/**
 * How long a deletion is kept after it happened, in ms: the 60 minutes the TAP may start after it, plus
 * how late the TAP record may still be read: the longest re-read tier's lateness, or the first cycle's
 * LOOKBACK_HOURS, or the overlap, whichever is longest.
 */
export function deletionKeepMs(
  config: Pick<Config, 'rereadTiers' | 'lookbackHours' | 'windowOverlapMinutes'>,
): number {
  const reach = Math.max(
    ...config.rereadTiers.map((t) => t.latenessMs),
    config.lookbackHours * 3_600_000,
    config.windowOverlapMinutes * 60_000,
  );
  return VICTIM_WIPE_WINDOW_MS + reach;
}

/** The row kept for a deletion; undefined for a TAP's own deletion (no victim wipe) or one without a time. */
export function storedDeletionOf(event: MethodDeletedEvent, keepMs: number): StoredDeletion | undefined {
  const time = Date.parse(event.time);
  if (event.isTap || Number.isNaN(time) || !event.target.id) return undefined;
  const cut = (value: string | undefined) =>
    value === undefined ? undefined : boundText(value, MAX_TEXT_CHARS);
  const initiator: MethodDeletedEvent['initiator'] = { type: event.initiator.type };
  for (const key of ['id', 'userPrincipalName', 'displayName', 'appId'] as const) {
    const value = cut(event.initiator[key]);
    if (value !== undefined) initiator[key] = value;
  }
  return {
    userId: event.target.id.toLowerCase(),
    until: new Date(time + keepMs).toISOString(),
    event: {
      kind: 'method-deleted',
      recordId: event.recordId,
      recordType: event.recordType,
      time: event.time,
      source: event.source,
      target: { id: event.target.id },
      initiator,
      activity: cut(event.activity) ?? '',
      resultReason: '',
      method: cut(event.method) ?? '',
      isTap: false,
    },
  };
}

/** Keys: PartitionKey tenant, RowKey target + audit id, so one target's rows are one row range. */
export function deletionKeys(
  tenantId: string,
  userId: string,
  recordId: string,
): { partitionKey: string; rowKey: string } {
  return {
    partitionKey: escapeKey(tenantId),
    rowKey: `${escapeKey(userId.toLowerCase())}_${escapeKey(recordId)}`,
  };
}

/** The RowKey range of one target's rows: `[low, high)`; `` ` `` sorts right after `_`. */
export function deletionRange(
  tenantId: string,
  userId: string,
): { partitionKey: string; low: string; high: string } {
  const user = escapeKey(userId.toLowerCase());
  return { partitionKey: escapeKey(tenantId), low: `${user}_`, high: `${user}\`` };
}
