import type { ChainEvent } from '../audit/chain-event';
import type { Severity } from '../severity';
import type { TimelineEntry } from './timeline';
import type { RuleMetadata, RuleResult, RulesConfig } from './types';

/**
 * What chain rules know of a TAP finding: enough to link later records to it without the whole
 * finding. The store's open-TAP index keeps exactly this per open TAP, so a later cycle can correlate
 * without reading the finding.
 */
export interface TapRef {
  findingId: string;
  /** The TAP creation time (ISO); it fixes the finding's day partition. */
  activityDateTime: string;
  severity: Severity;
  target: { id: string; name: string };
  /** `user:<object id>`, `app:<app id>` or `unknown:`; lower-cased. Bulk issuance groups by it. */
  initiatorKey: string;
  initiatorType: 'user' | 'app' | 'unknown';
  /** Display name or UPN of the initiator, for reasons. */
  initiatorName: string;
  /** App id for app initiators (allow-listed apps are never bulk). */
  initiatorAppId?: string;
  /** TAP validity (ISO). `endKnown` is false when the record gave neither end nor lifetime. */
  tap: { start: string; end: string; endKnown: boolean };
  /** The rules the finding already carries. */
  rules: { id: string; severity: Severity }[];
  /** `entryKey`s of the timeline entries it already carries. */
  timelineKeys: string[];
}

/** One TAP issuance seen by the cycle, for bulk issuance. */
export interface TapIssuance {
  findingId: string;
  targetId: string;
  initiatorKey: string;
  /** Creation time (ISO). */
  time: string;
  /** The same instant in epoch milliseconds (parsed once: a flood of thousands is compared pairwise). */
  timeMs: number;
}

/** What a chain rule judges: one TAP finding, the chain records about its target, and every issuance known. */
export interface ChainSubject {
  tap: TapRef;
  /** Chain records whose target is the TAP's target, any time. */
  events: readonly ChainEvent[];
  /**
   * TAP issuances known to the cycle (its own and the store's open TAPs), the subject's own included;
   * `correlate` passes only those of the subject's initiator, which is all bulk issuance needs.
   */
  peers: readonly TapIssuance[];
}

/** A chain rule's verdict: reason and evidence, plus the records that link it (they join the timeline). */
export interface ChainRuleResult extends RuleResult {
  records: TimelineEntry[];
}

/**
 * A rule of docs/rules.md. Same public metadata as a TAP rule (ids are a contract); `evaluate` is pure over
 * the subject. `kind: 'chain'` tells the catalog and the tests it judges a subject, not a TapEvent.
 */
export interface ChainRule extends RuleMetadata {
  kind: 'chain';
  /** Chain rules read records, never role data. */
  needsDirectory: false;
  evaluate(subject: ChainSubject, ctx: { config: RulesConfig }): ChainRuleResult | undefined;
}

/** A chain rule example kept beside the rule, run by the same table-driven test as TAP rule cases. */
export interface ChainRuleCase {
  name: string;
  fires: boolean;
  subject: ChainSubject;
  config?: Partial<RulesConfig>;
  reason?: RegExp;
}
