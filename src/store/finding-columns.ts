import type { Finding } from '../rules/finding';
import { severityRank } from '../severity';
import { canonicalTime } from './keys';

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

/** The stored finding with `incoming`'s audit ids merged in; `changed` is false when it added nothing. */
export function mergeAuditIds(stored: Finding, incoming: Finding): { finding: Finding; changed: boolean } {
  const ids = unionAuditIds(stored.audit.ids, incoming.audit.ids);
  const changed = ids.length !== new Set(stored.audit.ids).size;
  return { finding: changed ? { ...stored, audit: { ...stored.audit, ids } } : stored, changed };
}

/** The finding as first stored: audit ids deduplicated and sorted, like every later merge leaves them. */
export function normalizedForStorage(finding: Finding): Finding {
  return { ...finding, audit: { ...finding.audit, ids: unionAuditIds(finding.audit.ids, []) } };
}
