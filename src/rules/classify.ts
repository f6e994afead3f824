import type { TapEvent } from '../audit/tap-event';
import type { Directory } from '../directory/model';
import { errorMessage } from '../errors';
import { highest } from '../severity';
import { toFindingRole } from './describe';
import type { Finding, RuleHit } from './finding';
import { findingTitle } from './finding-title';
import { fingerprint } from './fingerprint';
import { rules as catalog } from './index';
import { mergeFindings, sortRules } from './merge-findings';
import type { Rule, RulesConfig } from './types';

export { mergeFindings } from './merge-findings';

/** A rule that threw on one event: counted and skipped, never fatal to the cycle. */
export interface RuleError {
  ruleId: string;
  auditId: string;
  message: string;
}

export interface ClassifyOptions {
  tenantId: string;
  /** Becomes `detectedAt`. */
  now: Date;
  /** Absent on an offline scan without `--directory`: directory rules then stay quiet. */
  directory?: Directory | undefined;
  config: RulesConfig;
  /** The catalog to run; defaults to every rule in `index.ts`. */
  rules?: readonly Rule[];
}

export const NO_DIRECTORY_NOTE =
  'Directory data was unavailable: target privilege and initiator authorization were not checked (only self-issue was), and sync accounts were matched by name only.';
export const NO_ELIGIBILITY_NOTE =
  'PIM eligibility data was unavailable (no Entra ID P2 or no permission): only active roles were considered.';

/**
 * Turns TAP events into findings: exactly one per TAP per target (docs/rules.md). Pure over its
 * inputs. Records of the same TAP merge into one finding listing every audit id.
 */
export function classify(
  events: readonly TapEvent[],
  options: ClassifyOptions,
): { findings: Finding[]; errors: RuleError[] } {
  const ruleSet = options.rules ?? catalog;
  const errors: RuleError[] = [];
  const byId = new Map<string, Finding>();
  const tapIdOf = tapIdsByCorrelation(events);

  for (const event of events) {
    const hits: RuleHit[] = [];
    for (const rule of ruleSet) {
      try {
        const result = rule.evaluate(event, { directory: options.directory, config: options.config });
        if (result) hits.push({ id: rule.id, severity: rule.severity, ...result });
      } catch (error) {
        const message = errorMessage(error);
        errors.push({ ruleId: rule.id, auditId: event.auditId, message: message.slice(0, 300) });
      }
    }
    if (hits.length === 0) continue;
    const tapKey = event.tap.id || tapIdOf.get(sameTapKey(event)) || event.correlationId;
    const id = fingerprint(options.tenantId, tapKey, event.target.id);
    const finding = buildFinding(id, event, hits, ruleSet, options);
    const existing = byId.get(id);
    byId.set(id, existing ? mergeFindings(existing, finding) : finding);
  }
  return { findings: [...byId.values()], errors };
}

/**
 * One admin action can log two records for one TAP, and only one may carry the TAP id. A record
 * without it borrows the id from its twin (same correlation id and target) so both land in one
 * finding; when the twins disagree the id is ambiguous and nothing is borrowed.
 */
function tapIdsByCorrelation(events: readonly TapEvent[]): Map<string, string> {
  const found = new Map<string, string | null>();
  for (const event of events) {
    if (!event.tap.id) continue;
    const key = sameTapKey(event);
    const seen = found.get(key);
    if (seen === undefined) found.set(key, event.tap.id);
    else if (seen !== null && seen.toLowerCase() !== event.tap.id.toLowerCase()) found.set(key, null);
  }
  const result = new Map<string, string>();
  for (const [key, tapId] of found) if (tapId) result.set(key, tapId);
  return result;
}

/** A user's roles by object id; an app's by its service principal (direct or through a group). */
function initiatorRolesOf(initiator: TapEvent['initiator'], directory: Directory) {
  if (initiator.type === 'user') return initiator.id ? directory.rolesOf(initiator.id) : [];
  if (initiator.type !== 'app') return [];
  const principalId = directory.appPrincipalId(initiator);
  return principalId ? directory.rolesOf(principalId) : [];
}

function sameTapKey(event: TapEvent): string {
  return `${event.correlationId.toLowerCase()}\n${event.target.id.toLowerCase()}`;
}

function buildFinding(
  id: string,
  event: TapEvent,
  hits: RuleHit[],
  ruleSet: readonly Rule[],
  options: ClassifyOptions,
): Finding {
  const { directory } = options;
  const sorted = sortRules(hits);
  // Most severe rule first, so the first triage steps are the most urgent ones.
  const fired = sorted.flatMap((hit) => ruleSet.filter((rule) => rule.id === hit.id));
  const known = directory?.user(event.target.id);
  const target: Finding['target'] = {
    id: event.target.id,
    roles: directory ? directory.rolesOf(event.target.id).map(toFindingRole) : [],
  };
  const upn = event.target.userPrincipalName || known?.userPrincipalName;
  const displayName = event.target.displayName || known?.displayName;
  if (upn) target.userPrincipalName = upn;
  if (displayName) target.displayName = displayName;

  const initiatorRoles = directory ? initiatorRolesOf(event.initiator, directory) : [];
  const finding: Finding = {
    id,
    tenantId: options.tenantId,
    severity: highest(sorted.map((hit) => hit.severity)),
    title: '',
    activityDateTime: event.activityDateTime,
    detectedAt: options.now.toISOString(),
    rules: sorted,
    target,
    initiator: { ...event.initiator, roles: initiatorRoles.map(toFindingRole) },
    tap: { ...event.tap },
    audit: {
      ids: [event.auditId],
      correlationId: event.correlationId,
      activity: event.activity,
      resultReason: event.resultReason,
      source: event.source,
    },
    attack: [...new Set(fired.flatMap((rule) => rule.attack))].sort(),
    triage: [...new Set(fired.flatMap((rule) => rule.triage))],
  };
  const notes: string[] = [];
  if (!directory) {
    finding.directoryAvailable = false;
    notes.push(NO_DIRECTORY_NOTE);
  } else if (!directory.eligibilityAvailable) {
    notes.push(NO_ELIGIBILITY_NOTE);
    finding.directoryContext = {
      eligibility: 'unavailable',
      eligibilityReason: directory.eligibilityUnavailableReason ?? 'PIM eligibility data was not provided',
    };
  }
  if (notes.length > 0) finding.notes = notes;
  finding.title = findingTitle(finding);
  return finding;
}
