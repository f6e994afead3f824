/** Severities in ascending order; rule ids and severities are part of the public contract. */
export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Numeric rank of a severity (informational = 0). */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/** True when `severity` is at or above `minimum`. */
export function atLeast(severity: Severity, minimum: Severity): boolean {
  return severityRank(severity) >= severityRank(minimum);
}

/** The highest of the given severities (informational for none). */
export function highest(severities: Iterable<Severity>): Severity {
  let best: Severity = 'informational';
  for (const s of severities) if (severityRank(s) > severityRank(best)) best = s;
  return best;
}
