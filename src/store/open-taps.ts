import { tapRefOf } from '../rules/chain-tap-ref';
import type { TapRef } from '../rules/chain-types';
import type { StoredFinding } from './store';

/**
 * How long after its end a TAP stays open for correlation. Audit and sign-in records arrive minutes to
 * hours late, and a record is re-read for up to the 24-hour lookback after it is published; two days
 * covers both with margin (docs/graph-behaviour.md).
 */
export const OPEN_TAP_GRACE_MS = 48 * 3_600_000;

/** Longest text kept in an index row per name: the row must stay far below the 32K-character property limit. */
const MAX_NAME_CHARS = 256;

/**
 * One row of the open-TAP index (docs/architecture.md): what a later cycle needs to link chain records to a stored
 * finding without reading it, until the TAP's end plus the grace period.
 */
export interface OpenTap extends TapRef {
  /** TAP end + OPEN_TAP_GRACE_MS (ISO, canonical): the row is ignored after this and deleted by cleanup. */
  openUntil: string;
  /** The finding waits for an escalation alert: it is retried from here even when its TAP is older than the lookback. */
  escalationPending: boolean;
  /**
   * The look-up of deletions kept by earlier cycles (cycle-deletions.ts) failed when the TAP was first
   * classified and is still owed: later cycles retry it until it succeeds once. Absent means done or never
   * needed, so rows written before the marker existed are not re-queried. It is not derived from the
   * finding: the store keeps it beside the row, set in the same write as the row (`OpenTapMarks`) and
   * cleared by `setDeletionsPending`; a rewrite of the row that does not set it leaves it as it was.
   */
  deletionsPending?: boolean;
}

/**
 * What an index write sets beside the row, in the same request (docs/architecture.md, "Deletions before
 * the TAP"): a marker written with the row cannot be lost to a crash between two writes.
 */
export interface OpenTapMarks {
  /** True: the row is written marked `deletionsPending`. Absent or false: the marker stays as it was. */
  deletionsPending?: boolean;
}

/** The index row of a stored finding. */
export function openTapOf(stored: StoredFinding): OpenTap {
  const ref = tapRefOf(stored.finding);
  return {
    ...ref,
    target: { id: ref.target.id, name: ref.target.name.slice(0, MAX_NAME_CHARS) },
    initiatorName: ref.initiatorName.slice(0, MAX_NAME_CHARS),
    openUntil: new Date(Date.parse(ref.tap.end) + OPEN_TAP_GRACE_MS).toISOString(),
    escalationPending: stored.alertStatus === 'pending' && stored.finding.escalation !== undefined,
  };
}

/** True while chain records may still be linked to the TAP. */
export function isOpen(row: Pick<OpenTap, 'openUntil'>, now: Date): boolean {
  return Date.parse(row.openUntil) >= now.getTime();
}
