import type { GraphStats } from './graph/tenant-source';

/** Counts per stage of one detection cycle; logged as one structured line and returned to callers. */
export interface CycleSummary {
  tenantId: string;
  runId: string;
  /** ok: every stage ran; partial: findings stored, some alerts or rules failed; failed: stopped before moving state. */
  status: 'ok' | 'partial' | 'failed';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  window: { from: string; to: string };
  audits: { read: number; malformed: number };
  tapEvents: number;
  directory: { loaded: boolean; warnings: string[] };
  findings: { total: number; new: number; merged: number; unchanged: number };
  alerts: {
    /** Channel deliveries that succeeded this cycle. */
    sent: number;
    /** Findings suppressed by the dedup window. */
    suppressed: number;
    /** Channel deliveries that failed this cycle (retried next cycle). */
    failed: number;
    /** Findings still waiting for some channel after this cycle. */
    pending: number;
    /** Findings another concurrent run was delivering. */
    busy: number;
    /** Findings left for the next cycle by ALERT_MAX_PER_CYCLE. */
    deferred: number;
    belowThreshold: number;
    channels: number;
  };
  /** What followed the TAPs (DESIGN §5b). */
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
    audits: { read: 0, malformed: 0 },
    tapEvents: 0,
    directory: { loaded: false, warnings: [] },
    findings: { total: 0, new: 0, merged: 0, unchanged: 0 },
    alerts: {
      sent: 0,
      suppressed: 0,
      failed: 0,
      pending: 0,
      busy: 0,
      deferred: 0,
      belowThreshold: 0,
      channels: 0,
    },
    chain: { events: 0, openTaps: 0, updated: 0, escalations: 0, signIns: { requested: 0, available: null } },
    graph: { requests: 0, requestsByPath: {}, throttleWaits: 0, throttleWaitMs: 0, pages: 0 },
    storeOperations: 0,
    ruleErrors: 0,
    errors: [],
  };
}
