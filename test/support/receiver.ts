import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path and query as sent. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Raw body text, exactly as received (signatures are verified over these bytes). */
  body: string;
  receivedAt: Date;
  /** The status answered; undefined when the request was left hanging. */
  status?: number;
}

/**
 * What to answer one request with: a status, a status with headers and body (e.g. `Retry-After`), or
 * `'hang'` (accept the request and never answer, until the client gives up or the receiver closes).
 */
export type ScriptedResponse =
  | number
  | 'hang'
  | { status: number; headers?: Record<string, string>; body?: string };

export interface Receiver {
  /** `http://127.0.0.1:<port>`; any path is accepted. */
  url: string;
  /** Every request so far, in arrival order. */
  requests: RecordedRequest[];
  /** Answers for the next requests, one each, in order; then `fallback` applies again. */
  script(...responses: ScriptedResponse[]): void;
  /** The answer once the script is used up (initially 200, or the `fallback` option). */
  setFallback(response: ScriptedResponse): void;
  /** Resolves once at least `count` requests arrived; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Stops listening and drops every open connection (hanging ones included). */
  close(): Promise<void>;
}

/**
 * A local HTTP receiver on 127.0.0.1 (free port) standing in for Teams Workflows and webhook consumers:
 * records each request with headers, body and arrival time, and answers from a script.
 */
export async function startReceiver(
  options: { fallback?: ScriptedResponse; script?: ScriptedResponse[] } = {},
): Promise<Receiver> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedResponse[] = [...(options.script ?? [])];
  let fallback: ScriptedResponse = options.fallback ?? 200;
  const waiters = new Set<() => void>();

  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        const response = queue.shift() ?? fallback;
        const record: RecordedRequest = {
          method: req.method ?? 'GET',
          path: (req.url ?? '/').split('?')[0] ?? '/',
          url: req.url ?? '/',
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
          body,
          receivedAt: new Date(),
        };
        requests.push(record);
        if (response !== 'hang') record.status = answer(res, response);
        for (const wake of waiters) wake();
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...responses) => {
      queue.push(...responses);
    },
    setFallback: (response) => {
      fallback = response;
    },
    waitForRequests: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(requests.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver got ${requests.length} of ${count} requests within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function answer(res: ServerResponse, response: Exclude<ScriptedResponse, 'hang'>): number {
  const { status, headers = {}, body = '' } = typeof response === 'number' ? { status: response } : response;
  res.writeHead(status, headers);
  res.end(body);
  return status;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
