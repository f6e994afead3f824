import type { ChainUpdate } from './correlate';
import type { Finding } from './finding';
import { catalog } from './index';
import { mergeFindings } from './merge-findings';
import { mergeTimelines, quoted, type TimelineEntry } from './timeline';

/**
 * The finding with a chain update applied: new rules (severity, ATT&CK, triage and title follow), the
 * timeline grown (starting with the TAP issuance when it is the first chain evidence), `updatedAt` set.
 * Pure; applying the same update twice changes nothing more.
 */
export function applyChain(finding: Finding, update: ChainUpdate, now: Date): Finding {
  const fired = update.hits.flatMap((hit) => catalog.filter((rule) => rule.id === hit.id));
  const addition: Finding = {
    ...finding,
    rules: update.hits,
    attack: fired.flatMap((rule) => [...rule.attack]),
    triage: fired.flatMap((rule) => [...rule.triage]),
    timeline: update.entries,
  };
  const merged = mergeFindings(finding, addition);
  merged.timeline = mergeTimelines(finding.timeline ?? issuanceEntries(finding), update.entries);
  merged.updatedAt = now.toISOString();
  return merged;
}

/** The timeline's first entry: the TAP creation itself. */
export function issuanceEntries(finding: Finding): TimelineEntry[] {
  const by = finding.initiator.userPrincipalName || finding.initiator.displayName || finding.initiator.appId;
  const target = finding.target.userPrincipalName || finding.target.displayName || finding.target.id;
  const entry: TimelineEntry = {
    time: finding.activityDateTime,
    kind: 'tap-issued',
    summary: `TAP issued to ${quoted(target)}${by ? ` by ${quoted(by)}` : ''}`,
  };
  const auditId = finding.audit.ids[0];
  if (auditId) entry.auditId = auditId;
  return [entry];
}
