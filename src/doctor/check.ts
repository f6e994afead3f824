/**
 * One line of `tapwatch doctor`. `degraded` means it works with less (a licence tier, a delegated token,
 * no alert channel): reported, but the exit code stays 0. `skipped` means an earlier failure made the check
 * impossible; that failure already sets the exit code.
 */
export type CheckStatus = 'pass' | 'degraded' | 'fail' | 'skipped';

export interface CheckResult {
  /** Stable id for scripts (`identity`, `graph:AuditLog.Read.All`, `tables`, `channel:teams`, …). */
  id: string;
  /** Short label shown before the detail. */
  title: string;
  status: CheckStatus;
  /** What was checked and what came back; never a secret. */
  detail: string;
  /** What to do about a failure or degradation. */
  fix?: string;
}

/** The mark printed before each line. */
export const STATUS_MARK: Readonly<Record<CheckStatus, string>> = {
  pass: '✓',
  degraded: '!',
  fail: '✗',
  skipped: '-',
};

/** 1 when any check failed, else 0. */
export function doctorExitCode(results: readonly CheckResult[]): 0 | 1 {
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

/** A check result with `fix` only when given (exactOptionalPropertyTypes). */
export function result(
  id: string,
  title: string,
  status: CheckStatus,
  detail: string,
  fix?: string,
): CheckResult {
  return fix === undefined ? { id, title, status, detail } : { id, title, status, detail, fix };
}
