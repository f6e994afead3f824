import { ResponseType } from '@microsoft/microsoft-graph-client';
import { GraphRequestError } from '../errors';
import type { GraphClient } from './graph-client';
import { clip, GraphServiceError, readGraphError } from './graph-errors';
import { pathLabel } from './graph-paths';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  type RetryPolicy,
  retryAfterMs,
  retryDelayMs,
} from './retry-policy';
import type { GraphStats } from './tenant-source';
import type { ThrottleBudget } from './throttle-budget';
import { GraphTokenError } from './token-auth-provider';

export type JsonObject = Record<string, unknown>;

/** Graph API version of a request; v1.0 unless a call needs what only beta documents. */
export type GraphVersion = 'v1.0' | 'beta';

/**
 * Graph requests for one cycle: JSON in and out, retries charged to one throttle budget, and the
 * request accounting the cycle summary reports.
 */
export interface GraphHttp {
  /** GET a path under the version root (`/groups/{id}`) or an absolute nextLink on the same host. */
  get(pathOrUrl: string, version?: GraphVersion): Promise<JsonObject>;
  /** POST JSON to a path under the version root (used for `$batch`). */
  post(path: string, body: unknown, version?: GraphVersion): Promise<JsonObject>;
  readonly budget: ThrottleBudget;
  readonly retry: RetryPolicy;
  /** Records one collection page received (pages are a figure of the cycle summary). */
  countPage(): void;
  stats(): GraphStats;
}

type Attempt =
  | { done: true; body: JsonObject }
  | { done: false; status: number; serverMs?: number; reason: string; cause?: unknown };

export function createGraphHttp(options: {
  client: GraphClient;
  budget: ThrottleBudget;
  retry?: RetryPolicy;
}): GraphHttp {
  const { client, budget } = options;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const origin = new URL(client.baseUrl).origin;
  const byPath: Record<string, number> = {};
  let requests = 0;
  let pages = 0;

  async function attempt(
    method: 'GET' | 'POST',
    target: string,
    label: string,
    version: GraphVersion,
    body?: unknown,
  ): Promise<Attempt> {
    requests += 1;
    const path = pathLabel(target);
    byPath[path] = (byPath[path] ?? 0) + 1;
    let response: Response;
    try {
      // An absolute nextLink carries its own version; only relative paths take the requested one.
      const api = client.sdk.api(target);
      const request = (/^https:\/\//i.test(target) ? api : api.version(version)).responseType(
        ResponseType.RAW,
      );
      response = method === 'GET' ? await request.get() : await request.post(body);
    } catch (error) {
      if (error instanceof GraphTokenError) {
        throw new GraphRequestError(`${label} failed: ${error.message}`, 0, { cause: error });
      }
      return { done: false, status: 0, reason: 'a network error', cause: error };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return { done: false, status: response.status, reason: 'a cut-off body', cause: error };
    }
    const parsed = parseJson(text);
    if (response.ok) {
      if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
        return { done: true, body: parsed.value as JsonObject };
      }
      return {
        done: false,
        status: response.status,
        reason: 'a body that is not a JSON object (truncated?)',
      };
    }
    if (isRetryableStatus(response.status)) {
      const serverMs = retryAfterMs(response.headers.get('retry-after'));
      return {
        done: false,
        status: response.status,
        reason: String(response.status),
        ...(serverMs === undefined ? {} : { serverMs }),
      };
    }
    const { code, message } = readGraphError(parsed.ok ? parsed.value : undefined);
    const detail = `${code ? ` ${clip(code, 60)}` : ''}${message ? `: ${clip(message)}` : ''}`;
    throw new GraphServiceError(
      `${label} failed with ${response.status}${detail}`,
      response.status,
      code,
      message,
    );
  }

  async function send(
    method: 'GET' | 'POST',
    target: string,
    version: GraphVersion,
    body?: unknown,
  ): Promise<JsonObject> {
    if (/^https:\/\//i.test(target) && new URL(target).origin !== origin) {
      // A nextLink pointing elsewhere is never followed: the token would go with it.
      throw new GraphRequestError(`${method} ${pathLabel(target)}: refusing a link to another host`, 0);
    }
    const label = `${method} ${pathLabel(target)}`;
    for (let retries = 0; ; retries += 1) {
      const outcome = await attempt(method, target, label, version, body);
      if (outcome.done) return outcome.body;
      if (retries >= retry.maxRetries) {
        const what = outcome.status === 0 ? 'a network error' : `${outcome.status}`;
        const extra =
          outcome.status !== 0 && outcome.reason !== String(outcome.status) ? ` (${outcome.reason})` : '';
        throw new GraphRequestError(
          `${label} failed with ${what}${extra} after ${retries} retries`,
          outcome.status,
          {
            cause: outcome.cause,
          },
        );
      }
      await budget.wait(retryDelayMs(retries, outcome.serverMs, retry), label, outcome.status);
    }
  }

  // Errors say which Graph they came from (global, a national cloud, the simulator) for the CLI to show.
  const named =
    (version: string) =>
    (error: unknown): never => {
      if (error instanceof GraphRequestError) error.endpoint ??= `${client.baseUrl}/${version}`;
      throw error;
    };
  return {
    get: (pathOrUrl, version = 'v1.0') => send('GET', pathOrUrl, version).catch(named(version)),
    post: (path, body, version = 'v1.0') => send('POST', path, version, body).catch(named(version)),
    budget,
    retry,
    countPage: () => {
      pages += 1;
    },
    stats: () => ({
      requests,
      requestsByPath: { ...byPath },
      throttleWaits: budget.waits,
      throttleWaitMs: budget.waitedMs,
      pages,
    }),
  };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
