import type { Finding, FindingRole, RuleHit } from '../rules/finding';
import { rules as catalog } from '../rules/index';
import { severityRank } from '../severity';

/** How many of a finding's rules a short reason names, most severe first. */
const MAX_PARTS = 2;

/**
 * A few words saying why a finding matters, for one table row: the phrases of its most severe rules,
 * most severe first (`directory sync account; issuer not allowed`). Built from tapwatch's own
 * words plus role names and lifetimes; the caller makes it terminal-safe (role names come from the
 * directory). A finding carrying only `tap-issued` reads as routine.
 */
export function shortReason(finding: Finding): string {
  const telling = finding.rules.filter((r) => r.id !== 'tap-issued');
  if (telling.length === 0) return 'routine (no risk rule fired)';
  const ranked = [...telling].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const parts = ranked.slice(0, MAX_PARTS).map((rule) => phrase(rule, finding));
  const more = ranked.length - parts.length;
  return `${parts.join('; ')}${more > 0 ? ` (+${more})` : ''}`;
}

function phrase(rule: RuleHit, finding: Finding): string {
  switch (rule.id) {
    case 'tap-sync-account':
      return 'directory sync account';
    case 'tap-privileged-target':
      return privilegedPhrase(privilegedRoles(rule) ?? finding.target.roles);
    case 'tap-initiator-not-authorized':
      return rule.evidence.selfIssued === true ? 'self-issued' : 'issuer not allowed';
    case 'tap-app-initiator':
      return 'app not in ALLOWED_TAP_APP_IDS';
    case 'tap-long-lifetime':
      return `valid ${duration(finding.tap.lifetimeMinutes)}`;
    default:
      return catalogTitle(rule.id) ?? rule.id;
  }
}

/** The privileged roles the rule recorded (the target may hold other, harmless roles too). */
function privilegedRoles(rule: RuleHit): FindingRole[] | undefined {
  const roles = rule.evidence.roles;
  if (!Array.isArray(roles)) return undefined;
  const valid = roles.filter(
    (r): r is FindingRole =>
      typeof r === 'object' && r !== null && typeof r.name === 'string' && typeof r.via === 'string',
  );
  return valid.length > 0 ? valid : undefined;
}

/** `holds Global Administrator`, with how it is held when that is not a direct assignment. */
function privilegedPhrase(roles: readonly FindingRole[]): string {
  const [first] = roles;
  if (!first) return 'privileged target';
  const how = first.via === 'eligible' ? ' (eligible)' : first.via.startsWith('group:') ? ' (via group)' : '';
  const more = roles.length > 1 ? ` +${roles.length - 1} role${roles.length > 2 ? 's' : ''}` : '';
  return `holds ${first.name}${how}${more}`;
}

/** `90 min`, `20 h`, `7 days`: the unit a person reads fastest at that size. */
function duration(minutes: number | undefined): string {
  if (minutes === undefined || !Number.isFinite(minutes)) return 'longer than allowed';
  if (minutes < 120) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} days`;
}

/** Rules without a phrase here (chain rules, rules added later) read as their catalog title. */
function catalogTitle(id: string): string | undefined {
  return catalog.find((r) => r.id === id)?.title;
}
