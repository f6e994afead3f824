/**
 * When to retry a Graph read and how long to wait. Reads are idempotent, so transient server errors
 * are retried like throttling; every wait is charged to the cycle's throttle budget.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff when the server gives no Retry-After, in milliseconds; doubles per retry. */
  baseDelayMs: number;
  /** Longest single wait, in milliseconds (Graph's own SDK caps Retry-After at 180 s). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 180_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** 429 and 503/504 are Graph's throttling answers; 500/502 are transient gateway failures. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status);
}

/** `Retry-After` (delta-seconds or HTTP-date) in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(
  header: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Wait before retry number `retry` (0-based): the server's Retry-After, else exponential backoff. */
export function retryDelayMs(retry: number, serverMs: number | undefined, policy: RetryPolicy): number {
  const delay = serverMs ?? policy.baseDelayMs * 2 ** retry;
  return Math.min(delay, policy.maxDelayMs);
}
