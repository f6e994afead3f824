import { boundText, TEXT_LIMITS } from '../audit/bound-text';
import type { ChainEvent } from '../audit/chain-event';
import { errorMessage } from '../errors';
import type { ChainRule, TapIssuance, TapRef } from './chain-types';
import type { RuleError } from './classify';
import type { RuleHit } from './finding';
import { chainRules } from './index';
import { boundSummary, entryKey, MAX_SUMMARY_CHARS, type TimelineEntry } from './timeline';
import type { RulesConfig } from './types';

/** What the chain rules add to one finding: rules it did not carry yet and records its timeline lacks. */
export interface ChainUpdate {
  findingId: string;
  hits: RuleHit[];
  entries: TimelineEntry[];
}

export interface CorrelateInput {
  /** The TAP findings to judge: this cycle's and the store's open ones. */
  taps: readonly TapRef[];
  /** Chain records read by this cycle or scan. */
  events: readonly ChainEvent[];
  /** Every TAP issuance known (bulk issuance counts them). */
  peers: readonly TapIssuance[];
  config: RulesConfig;
  rules?: readonly ChainRule[];
}

/**
 * Runs the chain rules over each TAP (docs/rules.md). Pure. Returns only real changes, so a cycle that
 * re-reads the same records writes nothing: a rule already on the finding adds only records its
 * timeline lacks. A rule that throws is counted and skipped.
 */
export function correlate(input: CorrelateInput): { updates: ChainUpdate[]; errors: RuleError[] } {
  const ruleSet = input.rules ?? chainRules;
  // Only the TAPs' targets are ever looked up, so only their events are indexed: a cycle reads one event
  // per security-info record of the tenant, nearly all about accounts that got no TAP.
  const targets = new Set(input.taps.map((tap) => tap.target.id.toLowerCase()));
  const byTarget = new Map<string, ChainEvent[]>();
  for (const event of input.events) {
    const key = event.target.id.toLowerCase();
    if (!targets.has(key)) continue;
    const list = byTarget.get(key);
    if (list) list.push(event);
    else byTarget.set(key, [event]);
  }
  // Each TAP is judged against the issuances of its own initiator only: a flood stays linear per initiator.
  const peersOf = new Map<string, TapIssuance[]>();
  for (const peer of dedupePeers(input.peers)) {
    const list = peersOf.get(peer.initiatorKey);
    if (list) list.push(peer);
    else peersOf.set(peer.initiatorKey, [peer]);
  }
  for (const list of peersOf.values()) list.sort((a, b) => a.timeMs - b.timeMs);
  const updates: ChainUpdate[] = [];
  const errors: RuleError[] = [];
  for (const tap of input.taps) {
    const events = byTarget.get(tap.target.id.toLowerCase()) ?? [];
    const peers = peersOf.get(tap.initiatorKey) ?? [];
    // Copied on the first rule added (later rules see it): most TAPs gain none, and the copy is a spread.
    let working: TapRef = tap;
    let known: Set<string> | undefined;
    const hits: RuleHit[] = [];
    const entries: TimelineEntry[] = [];
    for (const rule of ruleSet) {
      try {
        const result = rule.evaluate({ tap: working, events, peers }, { config: input.config });
        if (!result) continue;
        const { records, reason, evidence } = result;
        if (!working.rules.some((r) => r.id === rule.id)) {
          // Reasons join names from many records (every method registered); each is bounded, their list is not.
          hits.push({
            id: rule.id,
            severity: rule.severity,
            reason: boundText(reason, TEXT_LIMITS.reason),
            evidence,
          });
          if (working === tap) working = { ...tap, rules: [...tap.rules] };
          working.rules.push({ id: rule.id, severity: rule.severity });
        }
        for (const entry of records) {
          known ??= new Set(tap.timelineKeys);
          const key = entryKey(entry);
          if (known.has(key)) continue;
          known.add(key);
          entries.push(
            entry.summary.length > MAX_SUMMARY_CHARS
              ? { ...entry, summary: boundSummary(entry.summary) }
              : entry,
          );
        }
      } catch (error) {
        const message = errorMessage(error);
        errors.push({ ruleId: rule.id, auditId: tap.findingId, message: message.slice(0, 300) });
      }
    }
    if (hits.length > 0 || entries.length > 0) updates.push({ findingId: tap.findingId, hits, entries });
  }
  return { updates, errors };
}

/** One issuance per finding: the cycle's copy and the store's copy of the same TAP are one TAP. */
function dedupePeers(peers: readonly TapIssuance[]): TapIssuance[] {
  const byId = new Map<string, TapIssuance>();
  for (const peer of peers) if (!byId.has(peer.findingId)) byId.set(peer.findingId, peer);
  return [...byId.values()];
}
