import type { Finding } from '../rules/finding';

/**
 * One alert destination. `id` is stable across runs and safe to log (`teams`, `webhook:<8 hex of sha256(url)>`);
 * the URL itself is a secret and never leaves the channel.
 */
export interface AlertChannel {
  readonly id: string;
  readonly kind: 'teams' | 'webhook';
  /** Sends once (no retry); throws `DeliveryError` with `retryable` set. */
  send(finding: Finding, signal: AbortSignal): Promise<void>;
}
