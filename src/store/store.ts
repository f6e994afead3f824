import type { Finding } from '../rules/finding';
import type { Severity } from '../severity';
import type { OpenTap } from './open-taps';

/** Outcome of one alert channel for one finding. */
export interface ChannelDelivery {
  status: 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt: string;
  deliveredAt?: string;
  /** Redacted: never contains the channel URL. */
  error?: string;
}

/**
 * pending: at/above ALERT_MIN_SEVERITY, some channel has not taken it yet;
 * alerted: every configured channel took it; suppressed: same target + rule set alerted within the
 * dedup window (`suppressedBy` names that finding); below-threshold: stored only.
 */
export type AlertStatus = 'pending' | 'alerted' | 'suppressed' | 'below-threshold';

export interface StoredFinding {
  finding: Finding;
  alertStatus: AlertStatus;
  suppressedBy?: string;
  alertedAt?: string;
  /** Keyed by channel id (`teams`, `webhook:<hash>`). */
  deliveries: Record<string, ChannelDelivery>;
}

export interface SaveResult {
  /** new: inserted; merged: existed and gained audit ids; unchanged: existed already as is. */
  outcome: 'new' | 'merged' | 'unchanged';
  stored: StoredFinding;
}

/** Key of an alert claim on `alertlog`: one row per tenant + target + rule set. */
export interface AlertClaimKey {
  tenantId: string;
  targetId: string;
  ruleSetKey: string;
}

export interface ClaimRequest extends AlertClaimKey {
  findingId: string;
  /** Unique per cycle run; a lease held by another owner is respected until `leaseUntil`. */
  owner: string;
  now: Date;
  dedupWindowHours: number;
  /** How long the claim protects an in-flight delivery from a concurrent cycle. */
  leaseMs: number;
}

/**
 * claimed: this run may deliver `findingId` (first alert, or retry of its own pending deliveries);
 * suppressed: another finding for the same target + rule set was alerted within the window;
 * busy: another run holds the lease on this finding right now.
 */
export type ClaimResult =
  | { kind: 'claimed' }
  | { kind: 'suppressed'; by: string; alertedAt: string }
  | { kind: 'busy' };

export interface DeliveryUpdate {
  tenantId: string;
  findingId: string;
  activityDateTime: string;
  alertStatus: AlertStatus;
  deliveries: Record<string, ChannelDelivery>;
  suppressedBy?: string;
  alertedAt?: string;
}

export interface Checkpoint {
  tenantId: string;
  lastSuccessAt: string;
  /** End of the audit window the last successful cycle covered. */
  windowEnd: string;
  status: 'ok' | 'partial';
  summary?: Record<string, unknown>;
}

export interface FindingQuery {
  tenantId: string;
  since: Date;
  until: Date;
  minSeverity?: Severity;
  severity?: Severity;
  rule?: string;
  /** Exact target UPN or object id (case-insensitive UPN). */
  target?: string;
  initiator?: string;
  limit: number;
  continuationToken?: string;
}

export interface RetentionCounts {
  /** Finding day partitions emptied. */
  partitions: number;
  /** Finding rows deleted. */
  deleted: number;
  /** alertlog rows deleted. */
  alertClaims: number;
}

export interface FindingPage {
  items: StoredFinding[];
  continuationToken?: string;
}

/**
 * Findings, alert claims and the checkpoint. One Azure Table implementation and one in-memory twin;
 * both pass the same contract tests.
 */
export interface FindingStore {
  /** Insert-if-absent by (tenant, day of activity, id); on conflict merge new audit ids. */
  saveFinding(finding: Finding, initialStatus: 'pending' | 'below-threshold'): Promise<SaveResult>;
  getFinding(tenantId: string, id: string): Promise<StoredFinding | undefined>;
  /** Claims the right to alert, atomically (insert-if-absent or ETag-guarded), never read-then-write. */
  claimAlert(request: ClaimRequest): Promise<ClaimResult>;
  /** Ends this owner's lease (after delivering, whatever the outcome). */
  releaseAlert(key: AlertClaimKey, owner: string, now: Date): Promise<void>;
  recordDeliveries(update: DeliveryUpdate): Promise<void>;
  /** Findings still pending delivery, activity at or after `since`. */
  listPending(tenantId: string, since: Date): Promise<StoredFinding[]>;
  queryFindings(query: FindingQuery): Promise<FindingPage>;
  getCheckpoint(tenantId: string): Promise<Checkpoint | undefined>;
  /** ETag-guarded: a concurrent write between read and write is detected, not overwritten blindly. */
  putCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /**
   * Retention: deletes finding partitions whose day is before `cutoff`, and alert claims last alerted
   * before it whose lease has ended (they can no longer suppress anything).
   */
  deleteFindingsBefore(tenantId: string, cutoff: Date): Promise<RetentionCounts>;
  /**
   * The tenant's open TAPs (end + grace still ahead at `now`), from the open-TAP index, without scanning
   * finding partitions (DESIGN §7). Every save that inserts or changes a finding keeps its row current.
   */
  listOpenTaps(tenantId: string, now: Date): Promise<OpenTap[]>;
  /** Writes (replaces) the index row of a stored finding; the save path does this itself, callers repair with it. */
  putOpenTap(tenantId: string, stored: StoredFinding): Promise<void>;
  /** Cleanup: deletes index rows whose TAP closed before `now`; returns how many. */
  deleteExpiredOpenTaps(tenantId: string, now: Date): Promise<number>;
  /** Table operations made so far (for the cycle summary and the benchmark). */
  operationCount(): number;
}
