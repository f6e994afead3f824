import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver took (accepted or not). */
export interface ReceivedAlert {
  /** First path segment: `teams` or `webhook`. */
  channel: string;
  path: string;
  status: number;
  receivedAt: string;
  headers: Record<string, string>;
  body: unknown;
  /** For webhook requests: whether the Standard Webhooks signature verified with the receiver's secret. */
  signatureValid?: boolean;
}

/** What the receiver answers next: a status (with optional Retry-After), or a hang until the client gives up. */
export type ScriptedResponse = { status: number; retryAfterSeconds?: number } | { hang: true };

export interface AlertReceiver {
  /** Base URL, e.g. http://127.0.0.1:port; channels post to `${url}/teams?sig=…` and `${url}/webhook/<n>`. */
  url: string;
  received(): ReceivedAlert[];
  /** Queue responses for the next requests to paths starting with `pathPrefix` (default every path). */
  script(responses: ScriptedResponse[], pathPrefix?: string): void;
  /** Answer every request with a failure, with probability `rate`, drawn from `random`. */
  failRandomly(rate: number, random: () => number): void;
  /** Answer every request to paths starting with `pathPrefix` with `status` until called with undefined. */
  failPath(pathPrefix: string, status: number | undefined): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for a Teams Workflows endpoint and webhook consumers: accepts POSTs on 127.0.0.1,
 * verifies webhook signatures like a real consumer would, and can be told to fail or hang.
 */
export async function startAlertReceiver(options: { webhookSecret?: string } = {}): Promise<AlertReceiver> {
  const log: ReceivedAlert[] = [];
  const queue: Array<{ prefix: string; response: ScriptedResponse }> = [];
  const hanging = new Set<ServerResponse>();
  let random: { rate: number; next: () => number } | undefined;
  const failing = new Map<string, number>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const index = queue.findIndex((q) => path.startsWith(q.prefix));
    let response: ScriptedResponse = { status: path.startsWith('/teams') ? 202 : 200 };
    const down = [...failing].find(([prefix]) => path.startsWith(prefix));
    if (index >= 0) response = queue.splice(index, 1)[0]?.response ?? response;
    else if (down) response = { status: down[1] };
    else if (random && random.next() < random.rate) response = { status: 503 };
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const entry: ReceivedAlert = {
      channel: path.split('/')[1] ?? '',
      path,
      status: 'hang' in response ? 0 : response.status,
      receivedAt: new Date().toISOString(),
      headers,
      body: parse(raw),
    };
    if (options.webhookSecret && headers['webhook-id']) {
      entry.signatureValid = verifySignature(options.webhookSecret, headers, raw);
    }
    log.push(entry);
    if ('hang' in response) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (response.retryAfterSeconds !== undefined)
      res.setHeader('retry-after', String(response.retryAfterSeconds));
    res.statusCode = response.status;
    res.end();
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => [...log],
    script: (responses, pathPrefix = '/') => {
      for (const response of responses) queue.push({ prefix: pathPrefix, response });
    },
    failRandomly: (rate, next) => {
      random = { rate, next };
    },
    failPath: (pathPrefix, status) => {
      if (status === undefined) failing.delete(pathPrefix);
      else failing.set(pathPrefix, status);
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Standard Webhooks verification: HMAC-SHA256 over "{id}.{timestamp}.{body}", constant-time compare. */
export function verifySignature(secret: string, headers: Record<string, string>, body: string): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((sig) => {
    const [version, value] = sig.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parse(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return raw;
  }
}
