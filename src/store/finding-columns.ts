import type { Finding } from '../rules/finding';
import { mergeFindings } from '../rules/merge-findings';
import { severityRank } from '../severity';
import { canonicalTime } from './keys';
import type { StoredFinding } from './store';

/**
 * The indexed columns of a findings row: what server-side filters read. Text is lowercased where users
 * search case-insensitively (UPNs), and times are canonical ISO strings so string order is time order.
 */
export interface FindingIndex {
  severity: string;
  /** 0 informational … 4 critical; `severityRank ge n` is the minimum-severity filter. */
  severityRank: number;
  /** Target object id, lowercased. */
  targetId: string;
  /** Target UPN, lowercased ('' when unknown). */
  targetUpn: string;
  /** Initiator UPN, else app id, else object id, lowercased ('' when unknown). */
  initiator: string;
  /** Initiator object id (user or service principal), lowercased. */
  initiatorId: string;
  /**
   * Rule ids wrapped in bars, `|tap-issued|tap-privileged-target|`. Tables has no `contains`, so the rule
   * filter runs on this column after the server-side filters; the bars make a substring test exact.
   */
  ruleIds: string;
  activityDateTime: string;
}

/** Computes the index columns of a finding (shared by the Table store and its in-memory twin). */
export function findingIndex(finding: Finding): FindingIndex {
  const initiator = finding.initiator;
  return {
    severity: finding.severity,
    severityRank: severityRank(finding.severity),
    targetId: finding.target.id.toLowerCase(),
    targetUpn: (finding.target.userPrincipalName ?? '').toLowerCase(),
    initiator: (initiator.userPrincipalName ?? initiator.appId ?? initiator.id ?? '').toLowerCase(),
    initiatorId: (initiator.id ?? initiator.servicePrincipalId ?? '').toLowerCase(),
    ruleIds: `|${finding.rules.map((r) => r.id).join('|')}|`,
    activityDateTime: canonicalTime(finding.activityDateTime),
  };
}

/** True when the finding carries rule `ruleId` (exact id, not a prefix). */
export function hasRule(index: Pick<FindingIndex, 'ruleIds'>, ruleId: string): boolean {
  return index.ruleIds.includes(`|${ruleId}|`);
}

/** Audit ids of both versions, deduplicated and sorted, so merging is order-independent. */
export function unionAuditIds(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/**
 * A finding seen again: its audit ids are merged in, and when the new classification found rules the
 * stored one lacked (e.g. eligibility data was unavailable the first time) the stored finding is upgraded
 * to the union of both, keeping its first `detectedAt`. A finding stored below the alert threshold that now
 * reaches it becomes pending; alert state is otherwise left as it is. `changed` is false when nothing changed.
 */
export function mergeStored(
  existing: StoredFinding,
  incoming: Finding,
  initialStatus: 'pending' | 'below-threshold',
): { stored: StoredFinding; changed: boolean } {
  const stored = existing.finding;
  const ids = unionAuditIds(stored.audit.ids, incoming.audit.ids);
  const newRules = incoming.rules.some((hit) => !stored.rules.some((r) => r.id === hit.id));
  if (!newRules && ids.length === new Set(stored.audit.ids).size) return { stored: existing, changed: false };
  let finding: Finding = { ...stored, audit: { ...stored.audit, ids } };
  if (newRules) {
    const { notes: _stale, ...upgraded } = mergeFindings(incoming, stored);
    finding = {
      ...upgraded,
      detectedAt: stored.detectedAt,
      ...(incoming.notes ? { notes: incoming.notes } : {}),
    };
  }
  const alertStatus =
    existing.alertStatus === 'below-threshold' && initialStatus === 'pending'
      ? 'pending'
      : existing.alertStatus;
  return { stored: { ...existing, finding, alertStatus }, changed: true };
}

/** The finding as first stored: audit ids deduplicated and sorted, like every later merge leaves them. */
export function normalizedForStorage(finding: Finding): Finding {
  return { ...finding, audit: { ...finding.audit, ids: unionAuditIds(finding.audit.ids, []) } };
}
