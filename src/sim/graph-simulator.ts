import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TenantSnapshot } from '../directory/snapshot';
import { createFaultController, type FaultController } from './faults';
import { permissionRefusal } from './graph-permission-table';
import { AuditIndex } from './graph-simulator-audits';
import { faultResponse, handleBatch, type SimResponse } from './graph-simulator-batch';
import { DirectoryIndex, type SimVersion } from './graph-simulator-directory';
import { extraRoute, SIGN_INS_PATH } from './graph-simulator-extra-routes';
import { SignInIndex } from './graph-simulator-signins';
import { auditRetentionDays, licenceOf, refuseUnlicensed } from './licence';
import { graphErrorBody, ODataError } from './odata-error';
import type { LatencyModel } from './publishing';
import { createLocalTls } from './tls';

export interface GraphSimulatorOptions {
  tenant: TenantSnapshot;
  host?: '127.0.0.1';
  /** 0 (default) picks a free port. */
  port?: number;
  /** Largest page served (`$top` is capped to it); default 1000. */
  maxPageSize?: number;
  /** Bearer token required; when absent any non-empty bearer token is accepted. */
  token?: string;
  /** Oldest audit time kept; filters reaching before it get Graph's retention 400. */
  retentionFloor?: Date;
  /**
   * Enforces the licence's audit retention (7 days Free, 30 P1/P2) against this clock when no
   * `retentionFloor` is set. Off by default: bundled tenants carry fixed past dates.
   */
  retentionClock?: () => Date;
  /**
   * The simulator's clock: an audit record is served only once its publish time (activity time plus its
   * `@sim.publishDelayMinutes`, else `latency`'s delay) has passed on it. Absent: every record is served.
   */
  clock?: () => Date;
  /** Publish delay of records without their own annotation (see `src/sim/publishing.ts`). */
  latency?: LatencyModel;
}

/** A request as the simulator received it: path without version, decoded query. */
export interface ReceivedRequest {
  method: string;
  path: string;
  /** `v1.0` or `beta`; absent for paths outside both. */
  version?: string;
  query: Record<string, string>;
}

export interface GraphSimulator {
  /** `https://127.0.0.1:<port>`; clients add `/v1.0`. */
  readonly baseUrl: string;
  /** PEM of the self-signed certificate; a client trusts it through its own dispatcher. */
  readonly ca: string;
  /** HTTP requests per path (without version), since start or the last reset. */
  counts(): Record<string, number>;
  /** Requests made inside `$batch` calls, per path. */
  batchedCounts(): Record<string, number>;
  /** The last (up to 1000) HTTP requests, oldest first. */
  received(): ReceivedRequest[];
  resetCounts(): void;
  readonly faults: FaultController;
  /** Serves another tenant; `latency` replaces the latency model given at start. */
  setTenant(tenant: TenantSnapshot, latency?: LatencyModel): void;
  setRetentionFloor(floor: Date | undefined): void;
  /** Replaces the clock that decides which records are published (undefined: all are). */
  setClock(clock: (() => Date) | undefined): void;
  /** The audit index now served: coverage and download counts for tests and the benchmark. */
  audits(): AuditIndex;
  close(): Promise<void>;
}

const RECEIVED_LIMIT = 1000;
const BODY_LIMIT = 1_048_576;
const JSON_TYPE =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/**
 * A local HTTPS Microsoft Graph serving one tenant snapshot at the real v1.0 paths, with the OData
 * subset tapwatch uses, Graph-shaped errors, paging, bearer-token checks and injectable faults.
 */
export async function startGraphSimulator(options: GraphSimulatorOptions): Promise<GraphSimulator> {
  const tls = await createLocalTls();
  const maxPageSize = options.maxPageSize ?? 1000;
  const faults = createFaultController();
  let tenant = options.tenant;
  let audits = new AuditIndex(options.tenant.directoryAudits, options.latency);
  let clock = options.clock;
  let licence = licenceOf(options.tenant);
  let directory = new DirectoryIndex(options.tenant, licence);
  let signIns = new SignInIndex(options.tenant);
  let retentionFloor = options.retentionFloor;
  const currentFloor = (): Date | undefined => {
    if (retentionFloor || !options.retentionClock) return retentionFloor;
    return new Date(options.retentionClock().getTime() - auditRetentionDays(licence) * 86_400_000);
  };
  let counts: Record<string, number> = {};
  let inner: Record<string, number> = {};
  let received: ReceivedRequest[] = [];
  let baseUrl = '';

  const route = (method: string, fullPath: string, params: URLSearchParams, body?: unknown): SimResponse => {
    try {
      const version = /^\/(v1\.0|beta)\//.exec(fullPath)?.[1] as SimVersion | undefined;
      if (!version) throw new ODataError('Invalid version: only v1.0 and beta are served here.');
      const path = fullPath.slice(version.length + 1);
      if (path === '/$batch' && method === 'POST') {
        return handleBatch(body, route, faults, version, (p) => {
          inner[p] = (inner[p] ?? 0) + 1;
        });
      }
      if (method !== 'GET') throw new ODataError(`Method ${method} is not allowed here.`, 405);
      // Authorization comes before the licence check (a guess: no document orders the two).
      const refusal = permissionRefusal(path, tenant.grantedPermissions);
      if (refusal) throw refusal;
      if (path === SIGN_INS_PATH && version === 'beta') refuseUnlicensed(licence, 'signIns');
      const extra = extraRoute(tenant, signIns, version, path, fullPath, params, baseUrl);
      if (extra) return { status: 200, body: extra };
      const floor = currentFloor();
      const context = {
        baseUrl,
        maxPageSize,
        version,
        ...(floor ? { retentionFloor: floor } : {}),
        ...(clock ? { nowMs: clock().getTime() } : {}),
      };
      // Only group reads are served under beta (what the loader uses it for); the rest is v1.0.
      if (path === '/auditLogs/directoryAudits' && version === 'v1.0')
        return { status: 200, body: audits.page(fullPath, params, context) };
      const answer = directory.handle(path, fullPath, params, context);
      if (answer) return { status: 200, body: answer };
      throw new ODataError(`Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
    } catch (error) {
      if (!(error instanceof ODataError)) throw error;
      return { status: error.status, body: graphErrorBody(error.code, error.message) };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = req.method ?? 'GET';
    const version = /^\/(v1\.0|beta)(?=\/)/.exec(url.pathname)?.[1];
    const path = version ? url.pathname.slice(version.length + 1) : url.pathname;
    counts[path] = (counts[path] ?? 0) + 1;
    received.push({
      method,
      path,
      ...(version ? { version } : {}),
      query: Object.fromEntries(url.searchParams),
    });
    if (received.length > RECEIVED_LIMIT) received = received.slice(-RECEIVED_LIMIT);
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!auth || (options.token !== undefined && auth !== options.token)) {
      const message = auth ? 'Access token validation failure.' : 'Access token is empty.';
      return send(res, { status: 401, body: graphErrorBody('InvalidAuthenticationToken', message) });
    }
    const fault = faults.take(path);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 1000);
    else if (fault && fault.kind !== 'truncated')
      return send(res, faultResponse(fault.kind, fault.retryAfterSeconds));
    let body: unknown;
    if (method === 'POST') {
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return send(res, {
          status: 400,
          body: graphErrorBody('BadRequest', 'Invalid JSON in the request body.'),
        });
      }
    }
    send(res, route(method, url.pathname, url.searchParams, body), fault?.kind === 'truncated');
  };

  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, { status: 500, body: graphErrorBody('InternalServerError', String(error)) });
      else res.destroy();
    });
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    ca: tls.cert,
    counts: () => ({ ...counts }),
    batchedCounts: () => ({ ...inner }),
    received: () => [...received],
    resetCounts: () => {
      counts = {};
      inner = {};
      received = [];
    },
    faults,
    setTenant: (next, latency = options.latency) => {
      tenant = next;
      audits = new AuditIndex(next.directoryAudits, latency);
      licence = licenceOf(next);
      directory = new DirectoryIndex(next, licence);
      signIns = new SignInIndex(next);
    },
    setRetentionFloor: (floor) => {
      retentionFloor = floor;
    },
    setClock: (next) => {
      clock = next;
    },
    audits: () => audits,
    close: async () => {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Writes JSON; `truncate` sends only the first half of the body with a matching length, like a cut proxy. */
function send(res: ServerResponse, response: SimResponse, truncate = false): void {
  const full = Buffer.from(JSON.stringify(response.body));
  const body = truncate ? full.subarray(0, Math.floor(full.length / 2)) : full;
  res.writeHead(response.status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': body.length,
    ...response.headers,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new ODataError('Request body too large.', 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
