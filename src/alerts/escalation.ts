import { type Finding, ruleSetKey } from '../rules/finding';

/**
 * Escalations (docs/alerts.md): a stored finding whose severity rose after it was alerted (or suppressed) is
 * alerted again once per severity level, whatever the dedup window says.
 */

/** True when the finding waits to be alerted as the escalation to its current severity. */
export function isEscalation(finding: Pick<Finding, 'escalation' | 'severity'>): boolean {
  return finding.escalation !== undefined && finding.escalation.to === finding.severity;
}

/**
 * The alert-log rule-set key a finding claims under. An escalation claims a key of its own (finding +
 * severity): no other finding can suppress it, and the claim still keeps two concurrent runs from sending
 * it twice; each severity level has its own key, so each rise alerts once.
 */
export function alertRuleSetKey(finding: Finding): string {
  return isEscalation(finding) ? `escalation-${finding.severity}-${finding.id}` : ruleSetKey(finding);
}

/**
 * The `webhook-id` stem: receivers drop repeats of one id, so an escalation needs its own (Standard
 * Webhooks ids must not contain `.`, hence `-`).
 */
export function messageKey(finding: Finding): string {
  return isEscalation(finding) ? `${finding.id}-escalated-${finding.severity}` : finding.id;
}

/**
 * Which alert of a finding a delivery is for (docs/alerts.md, "Delivery state"): `first` for its first alert,
 * `escalation-<severity>` for the escalation to that severity. Each escalation resets the finding's
 * per-channel delivery records; a delivery record or status write only counts when its generation is the
 * finding's current one, so a write from an attempt still finishing the previous alert (a slow cycle, an
 * alert retry) can never mark a channel as having taken the escalation. Severity only rises and each
 * level escalates once, so the severity names a generation uniquely.
 */
export function alertGeneration(finding: Pick<Finding, 'escalation'>): string {
  return finding.escalation ? `escalation-${finding.escalation.to}` : 'first';
}
