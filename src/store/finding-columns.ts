import type { Finding } from '../rules/finding';
import { mergeFindings } from '../rules/merge-findings';
import { entryKey, mergeTimelines } from '../rules/timeline';
import { severityRank } from '../severity';
import { canonicalTime } from './keys';
import { channelTook, type StoredFinding } from './store';

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
 * stored one lacked (e.g. eligibility data was unavailable the first time, or chain evidence arrived) the
 * stored finding is upgraded to the union of both, keeping its first `detectedAt`; timelines are united.
 * A finding stored below the alert threshold that now reaches it becomes pending. A finding already
 * alerted (or suppressed) whose severity rises becomes pending again as an escalation (docs/alerts.md): its
 * `escalation` says from what to what, and its channel deliveries start afresh so every channel gets it;
 * an escalation that rises again before any channel took it becomes the escalation to the new level.
 * Alert state is otherwise left as it is. `changed` is false when nothing changed.
 */
export function mergeStored(
  existing: StoredFinding,
  incoming: Finding,
  initialStatus: 'pending' | 'below-threshold',
): { stored: StoredFinding; changed: boolean } {
  const stored = existing.finding;
  const ids = unionAuditIds(stored.audit.ids, incoming.audit.ids);
  const newRules = incoming.rules.some((hit) => !stored.rules.some((r) => r.id === hit.id));
  const known = new Set((stored.timeline ?? []).map(entryKey));
  const newEntries = (incoming.timeline ?? []).some((entry) => !known.has(entryKey(entry)));
  if (!newRules && !newEntries && ids.length === new Set(stored.audit.ids).size)
    return { stored: existing, changed: false };
  let finding: Finding = { ...stored, audit: { ...stored.audit, ids } };
  if (newRules) {
    const { notes: _stale, ...upgraded } = mergeFindings(incoming, stored);
    finding = {
      ...upgraded,
      detectedAt: stored.detectedAt,
      ...(incoming.notes ? { notes: incoming.notes } : {}),
      // A fresh classification knows nothing of the stored escalation; the alert generation must not move back.
      ...(stored.escalation ? { escalation: stored.escalation } : {}),
    };
  }
  if (stored.timeline || incoming.timeline)
    finding.timeline = mergeTimelines(stored.timeline, incoming.timeline);
  if (incoming.updatedAt && (newRules || newEntries)) finding.updatedAt = incoming.updatedAt;
  const next: StoredFinding = { ...existing, finding };
  const rose = severityRank(finding.severity) > severityRank(stored.severity);
  if (existing.alertStatus === 'below-threshold' && initialStatus === 'pending') {
    next.alertStatus = 'pending';
  } else if (rose && initialStatus === 'pending' && alertDecided(existing)) {
    next.alertStatus = 'pending';
    next.deliveries = {};
    delete next.suppressedBy;
    next.finding = {
      ...finding,
      escalation: {
        from: stored.severity,
        to: finding.severity,
        at: incoming.updatedAt ?? incoming.detectedAt,
      },
    };
  } else if (rose && existing.alertStatus === 'pending' && stored.escalation) {
    // An escalation no channel took yet rose again before it went out: it becomes the escalation to the new
    // severity (from the same level), a new generation, so a delivery still finishing the previous level
    // counts for nothing and the new level claims and alerts under its own key.
    next.deliveries = {};
    next.finding = {
      ...finding,
      escalation: {
        from: stored.escalation.from,
        to: finding.severity,
        at: incoming.updatedAt ?? incoming.detectedAt,
      },
    };
  }
  return { stored: next, changed: true };
}

/** Some channel took it, or it was alerted or suppressed: a rise from here is news, not a first alert. */
function alertDecided(stored: StoredFinding): boolean {
  if (stored.alertStatus === 'alerted' || stored.alertStatus === 'suppressed') return true;
  return Object.values(stored.deliveries).some(channelTook);
}

/** The finding as first stored: audit ids deduplicated and sorted, like every later merge leaves them. */
export function normalizedForStorage(finding: Finding): Finding {
  return { ...finding, audit: { ...finding.audit, ids: unionAuditIds(finding.audit.ids, []) } };
}
