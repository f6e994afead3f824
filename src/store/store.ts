import type { MethodDeletedEvent } from '../audit/chain-event';
import type { Finding } from '../rules/finding';
import type { Severity } from '../severity';
import type { StoredDeletion } from './method-deletions';
import type { OpenTap, OpenTapMarks } from './open-taps';
import type { TenantLeaseRequest, TenantLeaseResult, TenantLeaseRow } from './tenant-lease';

/**
 * Outcome of one alert channel for one finding. `delivered`: the receiver confirmed it took the alert
 * (a Standard Webhooks 2xx); `accepted`: the channel's protocol only acknowledges acceptance (a Teams
 * Workflows 202 is answered before the flow runs, so a card the flow later fails to post is invisible
 * to the sender). Both are final: a channel that delivered or accepted is never sent the finding again.
 */
export interface ChannelDelivery {
  status: 'delivered' | 'accepted' | 'failed';
  attempts: number;
  lastAttemptAt: string;
  deliveredAt?: string;
  acceptedAt?: string;
  /** Redacted: never contains the channel URL. */
  error?: string;
  /**
   * The alert this record is for (`alertGeneration`: `first`, `escalation-high` …). Records written before
   * generations existed carry none: they count as the generation of the row that holds them, which is the
   * one they were written for (an escalation resets a row's records, so older ones never remain).
   */
  generation?: string;
}

/** True when the channel took the alert (delivered or accepted): it must never be sent again. */
export function channelTook(delivery: ChannelDelivery | undefined): boolean {
  return delivery?.status === 'delivered' || delivery?.status === 'accepted';
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

/**
 * Key of an alert claim on `alertlog` (docs/architecture.md): one row per tenant + target + initiator + rule set,
 * so a TAP from a different initiator is never suppressed by an earlier one.
 */
export interface AlertClaimKey {
  tenantId: string;
  targetId: string;
  /** `initiatorKey(finding)`: who issued the TAP (object id, app id, or `unknown`). */
  initiatorKey: string;
  ruleSetKey: string;
}

export interface ClaimRequest extends AlertClaimKey {
  findingId: string;
  /** Unique per cycle run; a lease held by another owner is respected until `leaseUntil`. */
  owner: string;
  /** When the claim is taken (not when the cycle started): the lease and the dedup window count from here. */
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
  /**
   * `alertGeneration` of the finding the writer alerted. An update for another generation than the stored
   * finding's (a write finishing the alert before an escalation) changes nothing: it can never mark a
   * channel as having taken the escalation, nor the escalation as alerted or suppressed.
   */
  generation: string;
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
  /**
   * End of the activity time each re-read tier (REREAD_TIERS, by key such as `2h`) has read up to.
   * Survives restarts, so a tier runs when its period is due, not every cycle.
   */
  tiers?: Record<string, string>;
}

/** One alert channel's state as the last cycles saw it (for health). */
export interface ChannelHealth {
  status: 'ok' | 'failing';
  /** Start of the current run of failures (ISO); absent while the channel is ok. */
  failingSince?: string;
  /** Redacted reason of the last failure (never the URL). */
  lastError?: string;
  lastSuccessAt?: string;
  /** Findings still waiting for this channel after the last cycle. */
  pending: number;
}

/**
 * The health row of a tenant (beside the checkpoint, in its own row so checkpoint writes stay as they
 * are): per-channel delivery health and the findings the last cycle could not store.
 */
export interface TenantHealth {
  tenantId: string;
  updatedAt: string;
  /** Keyed by channel id (`teams`, `webhook:<hash>`). */
  channels: Record<string, ChannelHealth>;
  /**
   * Findings the last quarantining cycle could not store, with their audit ids, and when (`lastAt`);
   * shown for 24 hours after it.
   */
  quarantine: { count: number; auditIds: string[]; lastAt?: string };
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
  /**
   * Insert-if-absent by (tenant, day of activity, id); on conflict merge new audit ids. Throws
   * `UnstorableFindingError` (nothing written) when the row would break a Table limit. A save that
   * inserts or changes the finding then writes its open-TAP row, with `marks` in that same write.
   */
  saveFinding(
    finding: Finding,
    initialStatus: 'pending' | 'below-threshold',
    marks?: OpenTapMarks,
  ): Promise<SaveResult>;
  getFinding(tenantId: string, id: string): Promise<StoredFinding | undefined>;
  /** Claims the right to alert, atomically (insert-if-absent or ETag-guarded), never read-then-write. */
  claimAlert(request: ClaimRequest): Promise<ClaimResult>;
  /** Ends this owner's lease (after delivering, whatever the outcome). */
  releaseAlert(key: AlertClaimKey, owner: string, now: Date): Promise<void>;
  /**
   * Merges per-channel outcomes into the finding, ETag-guarded. Returns `stale` (nothing written) when the
   * update is for another alert generation than the stored finding's.
   */
  recordDeliveries(update: DeliveryUpdate): Promise<'recorded' | 'stale'>;
  /** Findings still pending delivery, activity at or after `since`. */
  listPending(tenantId: string, since: Date): Promise<StoredFinding[]>;
  queryFindings(query: FindingQuery): Promise<FindingPage>;
  getCheckpoint(tenantId: string): Promise<Checkpoint | undefined>;
  /**
   * Advances the checkpoint, never moves it back: merged with the stored row (`mergeCheckpoint`: later
   * window end wins, tier ends only grow) and written ETag-guarded, re-reading and merging again when
   * another run wrote in between. A slower, older cycle finishing last changes nothing it should not.
   */
  putCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Takes the tenant lease that serialises cycles, or says who holds it (and notes the skip). */
  acquireTenantLease(request: TenantLeaseRequest): Promise<TenantLeaseResult>;
  /** Ends `owner`'s lease; does nothing when another run holds it by now. */
  releaseTenantLease(tenantId: string, owner: string, now: Date): Promise<void>;
  getTenantLease(tenantId: string): Promise<TenantLeaseRow | undefined>;
  getHealth(tenantId: string): Promise<TenantHealth | undefined>;
  /** Upsert: the last cycle to finish states the health (it read the previous row to keep `failingSince`). */
  putHealth(health: TenantHealth): Promise<void>;
  /**
   * Retention: deletes finding partitions whose day is before `cutoff`, and alert claims last alerted
   * before it whose lease has ended (they can no longer suppress anything).
   */
  deleteFindingsBefore(tenantId: string, cutoff: Date): Promise<RetentionCounts>;
  /**
   * The tenant's open TAPs (end + grace still ahead at `now`), from the open-TAP index, without scanning
   * finding partitions (docs/architecture.md). Every save that inserts or changes a finding keeps its row current.
   */
  listOpenTaps(tenantId: string, now: Date): Promise<OpenTap[]>;
  /**
   * Writes the index row of a stored finding, with `marks` in the same write; the save path does this
   * itself, callers repair with it.
   */
  putOpenTap(tenantId: string, stored: StoredFinding, marks?: OpenTapMarks): Promise<void>;
  /**
   * Sets or clears an index row's `deletionsPending` marker without touching the rest of the row. Does
   * nothing when the row is absent (no row is created for a marker alone). Rewrites of the row by
   * `saveFinding` and `putOpenTap` keep the marker as it was unless their `marks` set it.
   */
  setDeletionsPending(
    tenantId: string,
    row: { targetId: string; findingId: string },
    pending: boolean,
  ): Promise<void>;
  /** Cleanup: deletes index rows whose TAP closed before `now`; returns how many. */
  deleteExpiredOpenTaps(tenantId: string, now: Date): Promise<number>;
  /**
   * Keeps method deletions a cycle read (`storedDeletionOf` rows) so a TAP whose record is read in a later
   * cycle still sees those up to 60 minutes before it (docs/architecture.md). Upserts: writing one again changes nothing.
   */
  putMethodDeletions(tenantId: string, rows: readonly StoredDeletion[]): Promise<void>;
  /** One user's kept deletions (row `until` not passed at `now`), without scanning other users' rows. */
  listMethodDeletions(tenantId: string, userId: string, now: Date): Promise<MethodDeletedEvent[]>;
  /** Cleanup: deletes kept deletions whose `until` is before `now`; returns how many. */
  deleteExpiredMethodDeletions(tenantId: string, now: Date): Promise<number>;
  /** Table operations made so far (for the cycle summary and the benchmark). */
  operationCount(): number;
}
