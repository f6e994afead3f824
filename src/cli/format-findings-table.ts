import type { Finding } from '../rules/finding';
import { SEVERITIES, type Severity } from '../severity';
import { formatColumns } from './format-columns';
import { terminalAuditText, terminalText } from './format-terminal-text';
import { shortReason } from './short-reason';

const HEADER = ['SEVERITY', 'TIME (UTC)', 'TARGET', 'INITIATOR', 'REASON'];
/** Widest a name column may grow, in characters: long names are cut, not wrapped. */
const MAX_NAME = 44;
/** Widest the reason may grow: two rule phrases fit; the JSON output has every rule in full. */
const MAX_REASON = 64;

/**
 * Findings as a terminal table, one row per finding in the given order, then a one-line count by
 * severity and `context` (what was scanned). The REASON column names the finding's most severe
 * rules in a few words (`shortReason`). Every audit-derived cell goes through `terminalAuditText`.
 * `alertCells` (one per finding: stored alert state, or where the demo's alerts went) adds an ALERT column.
 */
export function formatFindingsTable(
  findings: readonly Finding[],
  context?: string,
  alertCells?: readonly string[],
): string {
  const suffix = context ? ` (${context})` : '';
  if (findings.length === 0) return `No TAP findings${suffix}.\n`;
  const header = alertCells ? [...HEADER, 'ALERT'] : HEADER;
  const rows = findings.map((f, i) => [
    f.severity,
    formatTime(f.activityDateTime),
    terminalAuditText(f.target.userPrincipalName || f.target.displayName || f.target.id, MAX_NAME),
    terminalAuditText(initiatorName(f), MAX_NAME),
    terminalAuditText(shortReason(f), MAX_REASON),
    ...(alertCells ? [terminalText(alertCells[i] ?? '')] : []),
  ]);
  return `${formatColumns(header, rows)}\n\n${countLine(findings)}${suffix}\n`;
}

function initiatorName(f: Finding): string {
  const i = f.initiator;
  if (i.type === 'user') return i.userPrincipalName || i.displayName || i.id || 'unknown user';
  if (i.type === 'app') return `app ${i.displayName || i.appId || i.servicePrincipalId || 'unknown'}`;
  return 'unknown';
}

/** `2026-11-20 08:14`; the logged text (made safe) when it is not a date. */
function formatTime(logged: string): string {
  const ms = Date.parse(logged);
  if (Number.isNaN(ms)) return terminalAuditText(logged, 20);
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

function countLine(findings: readonly Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`);
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
