import type { FaultController } from './faults';
import { graphErrorBody, ODataError } from './odata-error';

/** One simulated HTTP answer. */
export interface SimResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Serves one GET by its path under the host (`/v1.0/...`) and its query. */
export type SimRoute = (method: string, fullPath: string, params: URLSearchParams) => SimResponse;

/** Graph's limit; more is a 400 for the whole batch. */
const MAX_REQUESTS = 20;

/**
 * POST /$batch (JSON batching). Inner requests go through the same routes and may be hit by status
 * faults, which is how Graph behaves: a throttled inner request is a 429 inside a 200 batch.
 */
export function handleBatch(
  body: unknown,
  route: SimRoute,
  faults: FaultController,
  version: 'v1.0' | 'beta',
  onInner: (path: string) => void,
): SimResponse {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new ODataError('Invalid batch payload: a non-empty "requests" array is required.');
  }
  if (requests.length > MAX_REQUESTS) {
    throw new ODataError(`Number of requests in a batch must not exceed ${MAX_REQUESTS}.`);
  }
  const responses = requests.map((request: unknown) => {
    const { id, method, url } = (request ?? {}) as { id?: unknown; method?: unknown; url?: unknown };
    if (typeof id !== 'string' || typeof url !== 'string' || typeof method !== 'string') {
      throw new ODataError('Invalid batch payload: every request needs string id, method and url.');
    }
    // Inner URLs are relative to the version the batch was posted to (JSON batching).
    const target = new URL(
      url.startsWith('/') ? `/${version}${url}` : `/${version}/${url}`,
      'https://batch.invalid',
    );
    const path = target.pathname.slice(version.length + 1);
    onInner(path);
    const fault = faults.take(path, true);
    const answer =
      fault !== undefined
        ? faultResponse(fault.kind, fault.retryAfterSeconds)
        : method.toUpperCase() === 'GET' && path !== '/$batch'
          ? route('GET', target.pathname, target.searchParams)
          : { status: 405, body: graphErrorBody('BadRequest', 'Only GET is supported inside a batch.') };
    return {
      id,
      status: answer.status,
      headers: { 'Content-Type': 'application/json', ...answer.headers },
      body: answer.body,
    };
  });
  return { status: 200, body: { responses } };
}

const FAULT_ERRORS: Record<string, [number, string, string]> = {
  '429': [429, 'TooManyRequests', 'Too many requests.'],
  '503': [503, 'ServiceUnavailable', 'Service unavailable.'],
  '504': [504, 'GatewayTimeout', 'Gateway timeout.'],
  '500': [500, 'InternalServerError', 'Internal server error.'],
  '403': [403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'],
};

/** The answer of a status fault, with `Retry-After` when one was asked for. */
export function faultResponse(kind: string, retryAfterSeconds: number | undefined): SimResponse {
  const [status, code, message] = FAULT_ERRORS[kind] ?? [
    500,
    'InternalServerError',
    'Internal server error.',
  ];
  return {
    status,
    body: graphErrorBody(code, message),
    ...(retryAfterSeconds !== undefined ? { headers: { 'Retry-After': String(retryAfterSeconds) } } : {}),
  };
}
