import { DeliveryError } from '../errors';

/**
 * A delivery refused over HTTP. `retryAfterMs` carries the receiver's `Retry-After` (seconds or HTTP-date),
 * so the dispatcher can wait as long as it was asked to instead of guessing.
 */
export class HttpDeliveryError extends DeliveryError {
  constructor(
    message: string,
    retryable: boolean,
    status: number | undefined,
    readonly retryAfterMs?: number,
  ) {
    super(message, retryable, status);
  }
}

export interface PostJsonRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Safe name of the destination for messages (`Teams workflow`, `webhook:1a2b3c4d`); never the URL. */
  label: string;
  now?: () => Date;
}

/** 408, 429 and 5xx are the receiver saying "not now"; other statuses will not change on their own. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * POSTs one JSON body. Resolves on 2xx; otherwise throws `HttpDeliveryError` whose message names `label`
 * and the status or network error code, never the URL (it is a credential) nor the response body.
 * Redirects are not followed: a signed alert must not be replayed to a host nobody configured.
 */
export async function postJson(request: PostJsonRequest): Promise<void> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      body: request.body,
      headers: { 'content-type': 'application/json', ...request.headers },
      signal: request.signal,
      redirect: 'manual',
    });
  } catch (error) {
    if (request.signal.aborted) {
      throw new HttpDeliveryError(
        `${request.label} request was aborted (${abortReason(request.signal)})`,
        true,
        undefined,
      );
    }
    throw new HttpDeliveryError(
      `${request.label} could not be reached (${networkCode(error)})`,
      true,
      undefined,
    );
  }
  // The body is never shown (it may echo the request) but is drained so the connection can be reused.
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return;
  const retryable = isRetryableStatus(response.status);
  const retryAfterMs = parseRetryAfter(
    response.headers.get('retry-after'),
    (request.now ?? (() => new Date()))(),
  );
  throw new HttpDeliveryError(
    `${request.label} ${retryable ? 'answered' : 'rejected the alert with'} ${response.status}`,
    retryable,
    response.status,
    ...(retryAfterMs === undefined ? [] : [retryAfterMs]),
  );
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP-date; undefined when absent or malformed. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a weekday and month; bare numbers like "-5" are not dates here.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

function abortReason(signal: AbortSignal): string {
  return nameOf(signal.reason) === 'TimeoutError' ? 'timeout' : 'cancelled';
}

/**
 * Only the error code (ECONNREFUSED, UND_ERR_SOCKET …) is kept: undici messages can carry addresses.
 * Checked by shape, not `instanceof`: fetch errors come from Node's own realm.
 */
function networkCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isObject(current); depth += 1) {
    const code = current.code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
    const inner = Array.isArray(current.errors) ? current.errors[0] : undefined;
    current = current.cause ?? inner;
  }
  return 'network error';
}

function nameOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.name === 'string' ? value.name : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
