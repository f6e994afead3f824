import type { AuditSourceKind, TapDetails, TapInitiator } from '../audit/tap-event';
import type { HeldRole } from '../directory/model';
import type { Severity } from '../severity';
import type { TimelineEntry } from './timeline';

/** One rule's contribution to a finding. */
export interface RuleHit {
  id: string;
  severity: Severity;
  /** One readable sentence; built from directory facts, may contain attacker-controlled names. */
  reason: string;
  evidence: Record<string, unknown>;
}

/** A role as shown in findings (docs/rules.md). */
export interface FindingRole {
  name: string;
  templateId: string;
  via: HeldRole['via'];
  scope: string;
}

/**
 * The finding shape that `scan --format json`, the webhook body and the query API all use (docs/api.md).
 * Exactly one finding per TAP per target; two audit records of one TAP merge into one.
 */
export interface Finding {
  /** Fingerprint: hash of tenant + TAP id (else correlation id) + target id. */
  id: string;
  tenantId: string;
  severity: Severity;
  title: string;
  activityDateTime: string;
  detectedAt: string;
  rules: RuleHit[];
  target: { id: string; userPrincipalName?: string; displayName?: string; roles: FindingRole[] };
  initiator: TapInitiator & { roles: FindingRole[] };
  tap: TapDetails;
  audit: {
    ids: string[];
    correlationId: string;
    activity: string;
    resultReason: string;
    source: AuditSourceKind;
  };
  attack: string[];
  triage: string[];
  /** Present and false when the rules that need role data could not run. */
  directoryAvailable?: boolean;
  /**
   * Role data that was missing when this finding was classified, and why (docs/rules.md). Present only
   * when something was missing: `eligibility: 'unavailable'` means PIM-eligible roles were not seen
   * (e.g. a tenant without Entra ID P2), so a target privileged only through eligibility looks plain.
   */
  directoryContext?: DirectoryContext;
  /** Notes on missing context (no directory, no eligibility data). */
  notes?: string[];
  /**
   * The records that built the finding, oldest first: the TAP issuance, then what followed it (docs/rules.md).
   * Present once chain evidence has arrived.
   */
  timeline?: TimelineEntry[];
  /** Present when the severity rose after the finding was alerted or suppressed: that rise is alerted as an escalation. */
  escalation?: Escalation;
  /** When chain evidence last changed the finding (ISO 8601). */
  updatedAt?: string;
}

/** A rise in severity of a finding that had already been alerted (or suppressed by the dedup window). */
export interface Escalation {
  from: Severity;
  to: Severity;
  /** When the rise was stored (ISO 8601). */
  at: string;
}

/** What the directory read could not see for a finding; later licence-dependent data adds fields here. */
export interface DirectoryContext {
  eligibility: 'unavailable';
  /** One line: the Graph answer and what is missing, e.g. "… (400 AadPremiumLicenseRequired): the tenant has no …". */
  eligibilityReason: string;
}

/** Sorted rule ids joined with `+`: the key alert dedup uses for "same rule set". */
export function ruleSetKey(finding: Pick<Finding, 'rules'>): string {
  return finding.rules
    .map((r) => r.id)
    .sort()
    .join('+');
}
