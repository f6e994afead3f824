import type { TapEvent } from '../audit/tap-event';
import type { Config } from '../config';
import type { Directory } from '../directory/model';
import type { DirectorySnapshot } from '../directory/snapshot';
import type { Severity } from '../severity';

/** The settings rules read; a subset so tests and the CLI need not build a whole `Config`. */
export type RulesConfig = Pick<
  Config,
  | 'privilegedRoleIds'
  | 'syncAccountPatterns'
  | 'allowedTapAppIds'
  | 'maxTapLifetimeMinutes'
  | 'bulkTapThreshold'
  | 'bulkTapWindowMinutes'
>;

/** What a rule may consult besides the event. `directory` is absent on an offline scan without `--directory`. */
export interface RuleContext {
  directory?: Directory | undefined;
  config: RulesConfig;
}

/** A rule's verdict when it fires: one readable sentence and structured evidence. */
export interface RuleResult {
  reason: string;
  evidence: Record<string, unknown>;
}

/**
 * What every rule publishes, TAP rule or chain rule. Metadata is public: ids are stable because
 * suppressions and dashboards are written against them, and the catalog in docs/rules.md is generated
 * from these fields.
 */
export interface RuleMetadata {
  /** Stable kebab-case id, equal to the file name. */
  id: string;
  title: string;
  severity: Severity;
  /** MITRE ATT&CK technique ids (`T1078.004`). */
  attack: readonly string[];
  description: string;
  /** What an analyst checks first, in order. */
  triage: readonly string[];
  /** Benign situations that make the rule fire. */
  falsePositives: readonly string[];
}

/** A detection rule over one TAP event (docs/rules.md). */
export interface Rule extends RuleMetadata {
  /** True when the rule cannot fire at all without directory role data. */
  needsDirectory: boolean;
  /** Pure: evidence when the rule fires, undefined when it does not. */
  evaluate(event: TapEvent, ctx: RuleContext): RuleResult | undefined;
}

/**
 * One example of a rule's behaviour, kept beside the rule. The table-driven test builds a
 * `Directory` from `directory` (when given) at `now` and checks `fires`.
 */
export interface RuleCase {
  name: string;
  fires: boolean;
  event: TapEvent;
  directory?: DirectorySnapshot;
  config?: Partial<RulesConfig>;
  /** Clock for eligibility windows; defaults to the builders' `NOW`. */
  now?: Date;
  /** When it fires, the reason must match this. */
  reason?: RegExp;
}
