import type { DirectorySnapshot } from '../directory/snapshot';

export interface AuditWindow {
  from: Date;
  to: Date;
}

/** Request accounting for one cycle, reported in the cycle summary. */
export interface GraphStats {
  requests: number;
  /** Requests per path, e.g. `/auditLogs/directoryAudits`. */
  requestsByPath: Record<string, number>;
  throttleWaits: number;
  throttleWaitMs: number;
  pages: number;
}

export interface DirectoryLoad {
  snapshot: DirectorySnapshot;
  /** Degradations, e.g. why PIM eligibility was unavailable (a licence gap). */
  warnings: string[];
}

/** One request's worth of a user's sign-ins (raw beta `signIn` objects). */
export interface SignInPage {
  records: unknown[];
  /** More sign-ins existed in the window than one page holds; they were not read. */
  truncated: boolean;
}

/**
 * Where a cycle reads the tenant from: Microsoft Graph in Azure (and against the simulator in tests).
 * Audit pages are raw Graph `directoryAudit` objects; the normalizer owns their oddities.
 */
export interface TenantSource {
  /** Audit records of the selected activities in the window, one page at a time (memory stays flat). */
  auditPages(window: AuditWindow): AsyncIterable<unknown[]>;
  /** Role data, loaded once per cycle and only when there are TAP events. */
  loadDirectory(): Promise<DirectoryLoad>;
  /**
   * One user's sign-ins in the window, one request (docs/rules.md). Absent when the source has no sign-in
   * logs. @throws SignInsUnavailableError when the tenant's licence (P1) or permissions do not allow it.
   */
  signIns?(userId: string, window: AuditWindow): Promise<SignInPage>;
  /** Counts since this source was created (one source per cycle). */
  stats(): GraphStats;
  /** Degradations met while reading (window clamped to retention or narrowed after a 400). */
  warnings?(): string[];
}
