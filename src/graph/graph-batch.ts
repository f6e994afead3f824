import { GraphRequestError } from '../errors';
import type { GraphHttp, GraphVersion } from './graph-http';
import { pathLabel } from './graph-paths';
import { isRetryableStatus, retryAfterMs, retryDelayMs } from './retry-policy';

/** Graph accepts at most 20 requests in one `$batch`. */
export const MAX_BATCH_SIZE = 20;

/** One GET inside a batch; `url` is relative to the version root (`/groups/{id}?$select=…`). */
export interface BatchGet {
  id: string;
  url: string;
}

export interface BatchAnswer {
  status: number;
  body: unknown;
}

interface InnerResponse {
  id?: unknown;
  status?: unknown;
  headers?: unknown;
  body?: unknown;
}

/**
 * Runs GETs through `$batch`, 20 at a time, so loading N groups costs N/10 requests, not 2N. Graph
 * does not retry throttled inner requests, so those are resent here, waiting on the same cycle
 * budget as top-level requests. Non-retryable inner statuses are returned for the caller to judge.
 */
export async function batchGet(
  http: GraphHttp,
  requests: readonly BatchGet[],
  version: GraphVersion = 'v1.0',
): Promise<Map<string, BatchAnswer>> {
  const answers = new Map<string, BatchAnswer>();
  for (let start = 0; start < requests.length; start += MAX_BATCH_SIZE) {
    let pending = requests.slice(start, start + MAX_BATCH_SIZE);
    for (let retries = 0; pending.length > 0; retries += 1) {
      // Inner URLs are relative to the version of the `$batch` endpoint they are posted to.
      const body = await http.post(
        '/$batch',
        { requests: pending.map((r) => ({ id: r.id, method: 'GET', url: r.url })) },
        version,
      );
      const responses = Array.isArray(body.responses) ? (body.responses as InnerResponse[]) : [];
      const again: BatchGet[] = [];
      let serverMs: number | undefined;
      let lastStatus = 0;
      for (const request of pending) {
        const inner = responses.find((r) => r.id === request.id);
        const status = typeof inner?.status === 'number' ? inner.status : 0;
        if (inner && !isRetryableStatus(status)) {
          answers.set(request.id, { status, body: inner.body });
          continue;
        }
        again.push(request);
        lastStatus = status;
        const wait = retryAfterMs(headerValue(inner?.headers, 'retry-after'));
        if (wait !== undefined) serverMs = Math.max(serverMs ?? 0, wait);
      }
      if (again.length === 0) break;
      const label = `GET ${pathLabel(again[0]?.url ?? '')} (in $batch)`;
      if (retries >= http.retry.maxRetries) {
        throw new GraphRequestError(
          `${label} failed with ${lastStatus} after ${retries} retries`,
          lastStatus,
        );
      }
      await http.budget.wait(retryDelayMs(retries, serverMs, http.retry), label, lastStatus);
      pending = again;
    }
  }
  return answers;
}

/** Inner response headers are a plain object; names are case-insensitive. */
function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && (typeof value === 'string' || typeof value === 'number'))
      return String(value);
  }
  return undefined;
}
