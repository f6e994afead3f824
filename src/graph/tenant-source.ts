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

/**
 * Where a cycle reads the tenant from: Microsoft Graph in Azure (and against the simulator in tests).
 * Audit pages are raw Graph `directoryAudit` objects; the normalizer owns their oddities.
 */
export interface TenantSource {
  /** Audit records of the selected activities in the window, one page at a time (memory stays flat). */
  auditPages(window: AuditWindow): AsyncIterable<unknown[]>;
  /** Role data, loaded once per cycle and only when there are TAP events. */
  loadDirectory(): Promise<DirectoryLoad>;
  /** Counts since this source was created (one source per cycle). */
  stats(): GraphStats;
  /** Degradations met while reading (window clamped to retention or narrowed after a 400). */
  warnings?(): string[];
}
