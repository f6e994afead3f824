import { StoreError } from '../errors';

/** A Table request failed; `status` is its HTTP status (0: no answer), so callers can say what to fix. */
export class TableRequestError extends StoreError {
  constructor(
    message: string,
    readonly status: number,
    code: string | undefined,
  ) {
    super(message, code);
  }
}

/** HTTP status of a failed Table request, 0 when the request never got an answer (network). */
export function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : 0;
}

/** The service's error code (`EntityAlreadyExists`, `UpdateConditionNotSatisfied`, …) when it sent one. */
export function errorCodeOf(error: unknown): string | undefined {
  const details = (error as { details?: { errorCode?: unknown } } | null)?.details;
  const code = details?.errorCode ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs one Table operation and turns a failure into a StoreError naming the table and the operation.
 * The SDK error is not attached as `cause`: it carries the request (URL, signed headers), and a log line
 * that serializes causes must not receive those. The status and the service's error code are enough.
 */
export async function tableCall<T>(table: string, operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asStoreError(table, operation, error);
  }
}

export function asStoreError(table: string, operation: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const status = statusOf(error);
  const code = errorCodeOf(error);
  const what = status === 0 ? 'failed without a response (network or timeout)' : `failed with ${status}`;
  // Only well-formed service codes are echoed: anything else might be text we should not repeat.
  const safeCode = code && /^[A-Za-z]{1,64}$/.test(code) ? code : undefined;
  return new TableRequestError(
    `${table}: ${operation} ${what}${safeCode ? ` (${safeCode})` : ''}`,
    status,
    safeCode,
  );
}

/**
 * How errors name a table: `https://account.table.core.windows.net/findings`. Only the origin and path of
 * the client's URL are kept: a SAS connection string puts its `sig=` token in the URL's query, and that
 * never reaches a message.
 */
export function tableLabel(url: string, table: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}/${table}`;
  } catch {
    return table;
  }
}

/** Runs `run`; a 404 becomes undefined (the row or table is absent), anything else a StoreError. */
export async function readOrUndefined<T>(
  table: string,
  operation: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw asStoreError(table, operation, error);
  }
}

/** Runs a conditional write; a 409 or 412 (lost a race) returns false, other failures throw StoreError. */
export async function conditionalWrite(
  table: string,
  operation: string,
  run: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 409 || status === 412) return false;
    throw asStoreError(table, operation, error);
  }
}
