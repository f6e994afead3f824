import { MalformedRecordError } from './audit/audit-errors';
import type { GraphStats } from './graph/tenant-source';

/** Most malformed records listed by id and reason in one summary (all are counted). */
export const MAX_MALFORMED_LISTED = 20;
/** Longest record id shown in a summary; ids come from the log, so they are cut and made printable. */
const MAX_ID_CHARS = 128;

/** A record skipped as malformed: its own id when it has one (audit or sign-in id), and why. */
export interface MalformedRecordNote {
  recordId?: string;
  reason: string;
}

/** One alert channel in one cycle: its own queue, its own ALERT_MAX_PER_CYCLE slots. */
export interface ChannelCycleStats {
  /** Deliveries the channel took this cycle (delivered or accepted). */
  sent: number;
  /** Of `sent`, those the channel only acknowledged as accepted (Teams Workflows 202). */
  accepted: number;
  /** Deliveries attempted and failed this cycle (retried next cycle). */
  failed: number;
  /** Deliveries not attempted this cycle: beyond ALERT_MAX_PER_CYCLE, or the channel was down. */
  deferred: number;
  /** Findings still waiting for this channel after the cycle. */
  pending: number;
  /** True when two deliveries in a row failed and the channel was left alone for the rest of the cycle. */
  down: boolean;
  /** Outcome of the channel's last attempt this cycle; absent when nothing was sent to it. */
  last?: 'ok' | 'failed';
  /** Start of the run of failures the channel ended the cycle in (absent when its last attempt succeeded). */
  firstFailureAt?: string;
  /** Redacted reason of the last failure (channel id and status, never the URL). */
  lastError?: string;
  lastSuccessAt?: string;
}

/** One cycle's look-ups of kept method deletions (cycle-deletions.ts); counts of store queries and index rows. */
export interface DeletionLookupStats {
  /** Store queries made, one per TAP target. */
  made: number;
  /** Of `made`, queries for a target an earlier cycle owed one (an open TAP marked `deletionsPending`). */
  retried: number;
  /** Of `made`, queries that failed: their TAPs are marked, or stay marked, and are retried next cycle. */
  failed: number;
  /** Index rows written marked `deletionsPending`, in the same write as the row (a save or a repair). */
  marked: number;
  /** Markers cleared: the owed look-up succeeded, or the TAP holds the rule by now. */
  cleared: number;
}

/** A finding that could not be stored: counted, logged with its audit ids, and the cycle went on. */
export interface QuarantinedFinding {
  findingId: string;
  auditIds: string[];
  reason: string;
}

/** Counts per stage of one detection cycle; logged as one structured line and returned to callers. */
export interface CycleSummary {
  tenantId: string;
  runId: string;
  /**
   * ok: every stage ran and every alert due went out; partial: the cycle finished but a rule failed, a
   * finding was quarantined, or a delivery failed or was deferred; failed: stopped before moving state;
   * skipped: another run of this tenant held the lease and is doing the work (not an error).
   */
  status: 'ok' | 'partial' | 'failed' | 'skipped';
  /** Set when skipped: the run holding the tenant lease, since and until when (ISO). */
  skipped?: { heldBy: string; since: string; until: string };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** Earliest and latest activity time read (the span of `windows`). */
  window: { from: string; to: string };
  /** The Graph queries of the cycle and what each served: lookback, incremental, reread:<tier>. */
  windows: Array<{ from: string; to: string; purposes: string[] }>;
  /**
   * Records read and skipped as malformed: audit records and sign-ins alike (`malformed` counts all,
   * `malformedRecords` lists the first MAX_MALFORMED_LISTED with their id when they have one).
   */
  audits: { read: number; malformed: number; malformedRecords: MalformedRecordNote[] };
  tapEvents: number;
  directory: {
    loaded: boolean;
    warnings: string[];
    /** Why PIM eligibility was not read (e.g. no Entra ID P2); absent when it was, or no directory was loaded. */
    eligibilityUnavailable?: string;
  };
  findings: { total: number; new: number; merged: number; unchanged: number; quarantined: number };
  /** Findings that could not be stored this cycle (at most 20 listed; `findings.quarantined` counts all). */
  quarantine: QuarantinedFinding[];
  alerts: {
    /** Channel deliveries the channels took this cycle (delivered or accepted). */
    sent: number;
    /** Of `sent`, deliveries only acknowledged as accepted (Teams Workflows 202). */
    accepted: number;
    /** Findings suppressed by the dedup window. */
    suppressed: number;
    /** Channel deliveries that failed this cycle (retried next cycle). */
    failed: number;
    /** Findings still waiting for some channel after this cycle. */
    pending: number;
    /** Findings another concurrent run was delivering. */
    busy: number;
    /** Findings some channel did not attempt this cycle (its ALERT_MAX_PER_CYCLE slots used, or it was down). */
    deferred: number;
    belowThreshold: number;
    channels: number;
    /** Per channel id (`teams`, `webhook:<hash>`). */
    byChannel: Record<string, ChannelCycleStats>;
  };
  /** What followed the TAPs (docs/rules.md). */
  chain: {
    /** Chain records read (audit records and TAP sign-ins). */
    events: number;
    /** Open TAPs the store listed. */
    openTaps: number;
    /** Findings that gained chain rules or timeline records. */
    updated: number;
    /** Stored findings whose severity rose after they were alerted. */
    escalations: number;
    /** Sign-in requests made; `available` is null when none was needed, false without P1 or permission. */
    signIns: { requested: number; available: boolean | null };
    /**
     * Look-ups of the method deletions earlier cycles kept, for TAPs new to the store, and the
     * `deletionsPending` markers that make later cycles retry a failed one (docs/architecture.md,
     * "Deletions before the TAP").
     */
    deletionLookups: DeletionLookupStats;
  };
  graph: GraphStats;
  storeOperations: number;
  ruleErrors: number;
  errors: string[];
}

export function emptySummary(tenantId: string, runId: string, startedAt: Date): CycleSummary {
  return {
    tenantId,
    runId,
    status: 'ok',
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    durationMs: 0,
    window: { from: startedAt.toISOString(), to: startedAt.toISOString() },
    windows: [],
    audits: { read: 0, malformed: 0, malformedRecords: [] },
    tapEvents: 0,
    directory: { loaded: false, warnings: [] },
    findings: { total: 0, new: 0, merged: 0, unchanged: 0, quarantined: 0 },
    quarantine: [],
    alerts: {
      sent: 0,
      accepted: 0,
      suppressed: 0,
      failed: 0,
      pending: 0,
      busy: 0,
      deferred: 0,
      belowThreshold: 0,
      channels: 0,
      byChannel: {},
    },
    chain: {
      events: 0,
      openTaps: 0,
      updated: 0,
      escalations: 0,
      signIns: { requested: 0, available: null },
      deletionLookups: { made: 0, retried: 0, failed: 0, marked: 0, cleared: 0 },
    },
    graph: { requests: 0, requestsByPath: {}, throttleWaits: 0, throttleWaitMs: 0, pages: 0 },
    storeOperations: 0,
    ruleErrors: 0,
    errors: [],
  };
}

/**
 * Counts one record skipped as malformed (an audit record or a sign-in) and lists it with its id when it
 * has one. Ids are attacker-controlled: kept printable ASCII and short, so a log line or a terminal shows
 * them literally.
 */
export function noteMalformed(summary: CycleSummary, error: unknown): void {
  summary.audits.malformed += 1;
  if (summary.audits.malformedRecords.length >= MAX_MALFORMED_LISTED) return;
  const note: MalformedRecordNote = {
    reason: error instanceof MalformedRecordError ? error.reason : 'unreadable record',
  };
  const id = error instanceof MalformedRecordError ? error.recordId : undefined;
  if (id) note.recordId = printable(id);
  summary.audits.malformedRecords.push(note);
}

/** The summary's error line for the malformed records (which makes the cycle `partial`), or undefined. */
export function malformedProblem(summary: CycleSummary): string | undefined {
  const { malformed, malformedRecords } = summary.audits;
  if (malformed === 0) return undefined;
  const listed = malformedRecords
    .slice(0, 5)
    .map((n) => (n.recordId ? `${n.recordId}: ${n.reason}` : n.reason))
    .join('; ');
  const more = malformed > 5 ? `; ${malformed - 5} more` : '';
  return `skipped ${malformed} malformed record${malformed === 1 ? '' : 's'} (${listed}${more})`;
}

function printable(id: string): string {
  const cut = id.length > MAX_ID_CHARS ? `${id.slice(0, MAX_ID_CHARS)}…` : id;
  return cut.replace(/[^\x20-\x7e…]/g, '?');
}
