import { type CheckResult, type CheckStatus, STATUS_MARK } from '../doctor/check';
import type { DoctorReport } from '../doctor/run-doctor';
import { terminalText } from './format-terminal-text';

/**
 * The doctor's text output: a heading, one line per check (`✓ title  detail — fix: …`), and a tally
 * with the exit code. Every field passes `terminalText`: details quote Graph error text and token claims.
 */
export function formatDoctorText(report: DoctorReport, graphBaseUrl: string): string {
  const width = Math.max(...report.checks.map((c) => c.title.length));
  const lines = report.checks.map((check) => line(check, width));
  const count = (status: CheckStatus) => report.checks.filter((c) => c.status === status).length;
  const tally = `${count('pass')} passed, ${count('degraded')} degraded, ${count('fail')} failed, ${count('skipped')} skipped: exit ${report.exitCode}`;
  return [
    `tapwatch doctor: tenant ${report.tenantId}, Graph ${terminalText(graphBaseUrl)}`,
    ...lines,
    tally,
    '',
  ].join('\n');
}

function line(check: CheckResult, width: number): string {
  const fix = check.fix ? ` — fix: ${terminalText(check.fix)}` : '';
  return `${STATUS_MARK[check.status]} ${terminalText(check.title).padEnd(width)}  ${terminalText(check.detail)}${fix}`;
}
