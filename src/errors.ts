/**
 * Named errors. Messages say what failed on what, and never carry secrets (webhook URLs, tokens,
 * connection strings): callers pass redacted descriptions, not raw URLs.
 */
export class TapwatchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One bad setting: the variable and what was expected of it (never the value of a secret). */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/**
 * Settings are missing or malformed. `problems` lists every bad setting found (one line each in the
 * message, `VARIABLE: what was expected`), so a user fixes them all in one go; `variable` names the first.
 */
export class ConfigError extends TapwatchError {
  readonly variable: string;
  readonly problems: readonly ConfigProblem[];

  constructor(variable: string | readonly ConfigProblem[], message = '') {
    const problems = typeof variable === 'string' ? [{ variable, message }] : variable;
    super(problems.map((p) => `${p.variable}: ${p.message}`).join('\n'));
    this.problems = problems;
    this.variable = problems[0]?.variable ?? '';
  }
}

/** A Graph request failed after retries; `status` is the last HTTP status (0 for network errors). */
export class GraphRequestError extends TapwatchError {
  /** The Graph endpoint asked (`https://graph.microsoft.com/v1.0`): no credential is ever part of it. */
  endpoint?: string;

  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The per-cycle throttling budget ran out; the cycle stops before moving state. */
export class ThrottleBudgetExceededError extends GraphRequestError {}

/** A Table Storage operation failed; `code` is the service's error code when it sent a well-formed one. */
export class StoreError extends TapwatchError {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * One finding cannot be stored however often it is retried (a property over 64 KiB, an entity over
 * 1 MiB): the cycle quarantines it (counted, logged with its audit ids) and goes on with the others.
 */
export class UnstorableFindingError extends StoreError {
  constructor(
    readonly findingId: string,
    readonly auditIds: readonly string[],
    readonly reason: string,
  ) {
    super(`finding ${findingId} cannot be stored: ${reason}`);
  }
}

/** An alert channel refused or could not take a delivery. */
export class DeliveryError extends TapwatchError {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Input a user gave (file, record, CLI argument) cannot be read. */
export class InputError extends TapwatchError {}

/** The message of anything thrown: an Error's message, else the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
