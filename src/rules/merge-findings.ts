import { highest, severityRank } from '../severity';
import type { Finding, RuleHit } from './finding';
import { findingTitle } from './finding-title';
import { mergeTimelines } from './timeline';

/**
 * Combines two findings with the same id (two audit records of one TAP for one target). `a` is the
 * one seen first and wins on every scalar; lists are unions, so merging is idempotent and the
 * result does not depend on which extra record arrives when. The store uses the same semantics.
 */
export function mergeFindings(a: Finding, b: Finding): Finding {
  const rules = sortRules([...a.rules, ...b.rules.filter((hit) => !a.rules.some((r) => r.id === hit.id))]);
  const merged: Finding = {
    ...a,
    severity: highest(rules.map((r) => r.severity)),
    rules,
    tap: { ...b.tap, ...a.tap },
    audit: { ...a.audit, ids: union(a.audit.ids, b.audit.ids).sort() },
    attack: union(a.attack, b.attack).sort(),
    triage: union(a.triage, b.triage),
  };
  const notes = union(a.notes ?? [], b.notes ?? []);
  if (notes.length > 0) merged.notes = notes;
  if (a.timeline || b.timeline) merged.timeline = mergeTimelines(a.timeline, b.timeline);
  merged.title = findingTitle(merged);
  return merged;
}

/** Highest severity first; ties keep catalog order (the order hits were produced in). */
export function sortRules(hits: RuleHit[]): RuleHit[] {
  return hits
    .map((hit, index) => ({ hit, index }))
    .sort((x, y) => severityRank(y.hit.severity) - severityRank(x.hit.severity) || x.index - y.index)
    .map((x) => x.hit);
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}
