import { setTimeout as delay } from 'node:timers/promises';
import { DeliveryError, errorMessage } from '../errors';
import { redactSecrets } from '../logging/redact';
import type { Finding } from '../rules/finding';
import { type ChannelDelivery, channelTook } from '../store/store';
import type { AlertChannel } from './channel';
import { HttpDeliveryError } from './post-json';
import { receiptState } from './receipt';

export interface DeliveryOptions {
  /** Attempts per channel in this call (ALERT_MAX_ATTEMPTS); what is left over waits for the next cycle. */
  maxAttempts: number;
  /** Timeout of one request, in milliseconds (ALERT_TIMEOUT_MS). */
  timeoutMs: number;
  now: () => Date;
  /** Waits between attempts; injectable so tests assert the waits instead of sitting through them. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Longest wait a `Retry-After` may impose, in milliseconds (default 60 s). */
  retryAfterCapMs?: number;
  /** First backoff step, in milliseconds (default 500); doubles per attempt. */
  baseDelayMs?: number;
  /** Longest backoff step, in milliseconds (default 30 s). */
  maxDelayMs?: number;
  /**
   * Called with each channel's outcome as soon as that channel finished, before the others do, so the
   * caller can record a channel that took the alert at once (a crash later cannot make it send again).
   */
  onOutcome?: (channel: AlertChannel, delivery: ChannelDelivery) => Promise<void>;
  /**
   * Called before every attempt; `false` stops this channel without an outcome (the caller lost the
   * right to deliver, e.g. its alert lease could not be renewed).
   */
  beforeSend?: (channel: AlertChannel) => Promise<boolean>;
}

/** Default longest wait a `Retry-After` may impose between two attempts, in milliseconds. */
export const RETRY_AFTER_CAP_MS = 60_000;

const DEFAULTS = { retryAfterCapMs: RETRY_AFTER_CAP_MS, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Sends one finding to every channel that has not taken it yet (a channel `delivered` or `accepted` in
 * `previous` is never sent to again), in parallel, each with a per-request timeout and bounded retries on network errors,
 * timeouts, 408, 429 (waiting as `Retry-After` asks, capped) and 5xx. Other 4xx are configuration problems
 * and are not retried. A 2xx is `accepted` or `delivered` as the channel's protocol allows (see
 * `receiptState`). Returns `previous` merged with this call's outcomes; attempts accumulate across calls.
 */
export async function deliverFinding(
  finding: Finding,
  channels: readonly AlertChannel[],
  previous: Record<string, ChannelDelivery>,
  options: DeliveryOptions,
): Promise<Record<string, ChannelDelivery>> {
  const pending = channels.filter((c) => !channelTook(previous[c.id]));
  const outcomes = await Promise.all(
    pending.map(async (c) => {
      const outcome = await deliverToChannel(finding, c, previous[c.id], options);
      if (outcome && options.onOutcome) await options.onOutcome(c, outcome);
      return outcome;
    }),
  );
  const merged: Record<string, ChannelDelivery> = { ...previous };
  pending.forEach((channel, i) => {
    const outcome = outcomes[i];
    if (outcome) merged[channel.id] = outcome;
  });
  return merged;
}

async function deliverToChannel(
  finding: Finding,
  channel: AlertChannel,
  before: ChannelDelivery | undefined,
  options: DeliveryOptions,
): Promise<ChannelDelivery | undefined> {
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const maxAttempts = Math.max(1, options.maxAttempts);
  const priorAttempts = before?.attempts ?? 0;
  for (let attempt = 1; ; attempt += 1) {
    if (options.beforeSend && !(await options.beforeSend(channel))) return undefined;
    const lastAttemptAt = options.now().toISOString();
    const signal = AbortSignal.timeout(options.timeoutMs);
    const attempts = priorAttempts + attempt;
    try {
      await channel.send(finding, signal);
      const at = options.now().toISOString();
      return receiptState(channel) === 'accepted'
        ? { status: 'accepted', attempts, lastAttemptAt, acceptedAt: at }
        : { status: 'delivered', attempts, lastAttemptAt, deliveredAt: at };
    } catch (error) {
      const failure = classify(error, channel, signal, options.timeoutMs);
      if (!failure.retryable || attempt >= maxAttempts) {
        const reason = failure.retryable
          ? `${failure.message} (${attempt} attempt${attempt === 1 ? '' : 's'} this cycle; retried next cycle)`
          : failure.message;
        return { status: 'failed', attempts, lastAttemptAt, error: reason };
      }
      await sleep(waitBefore(attempt + 1, failure.retryAfterMs, options));
    }
  }
}

interface Failure {
  retryable: boolean;
  message: string;
  retryAfterMs?: number;
}

function classify(error: unknown, channel: AlertChannel, signal: AbortSignal, timeoutMs: number): Failure {
  if (signal.aborted) return { retryable: true, message: `${channel.id} timed out after ${timeoutMs} ms` };
  if (error instanceof DeliveryError) {
    if (!error.retryable) {
      const message =
        error.status !== undefined
          ? `${channel.id} rejected with ${error.status}: check the channel configuration`
          : safeMessage(error);
      return { retryable: false, message };
    }
    const retryAfterMs = error instanceof HttpDeliveryError ? error.retryAfterMs : undefined;
    return {
      retryable: true,
      message: safeMessage(error),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  // Not a delivery outcome but a fault in the channel itself: retrying would fail the same way.
  return { retryable: false, message: `${channel.id} failed: ${safeMessage(error)}` };
}

/** Channel messages are written to be safe; the scrub is a second line for anything that slipped through. */
function safeMessage(error: unknown): string {
  return redactSecrets(errorMessage(error)).slice(0, 300);
}

/**
 * Milliseconds to wait before attempt `next`: the receiver's `Retry-After` when it gave one (capped), else
 * exponential backoff with jitter in [50 %, 100 %] of the step so parallel channels do not retry in lockstep.
 */
function waitBefore(next: number, retryAfterMs: number | undefined, options: DeliveryOptions): number {
  if (retryAfterMs !== undefined)
    return Math.min(retryAfterMs, options.retryAfterCapMs ?? DEFAULTS.retryAfterCapMs);
  const base = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const step = Math.min(base * 2 ** (next - 2), options.maxDelayMs ?? DEFAULTS.maxDelayMs);
  const random = options.random ?? Math.random;
  return Math.round(step * (0.5 + 0.5 * random()));
}
