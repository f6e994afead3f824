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

/** A setting is missing or malformed; `variable` names it. */
export class ConfigError extends TapwatchError {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/** A Graph request failed after retries; `status` is the last HTTP status (0 for network errors). */
export class GraphRequestError extends TapwatchError {
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
