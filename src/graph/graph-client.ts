import type { TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client } from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';
import { GRAPH_SCOPE } from './graph-credential';
import { TokenCredentialAuthProvider } from './token-auth-provider';
import { UndiciTransport } from './undici-transport';

/** Hosts the SDK already treats as Graph (it attaches tokens to them without `customHosts`). */
const GRAPH_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'graph.microsoft.de',
  'microsoftgraph.chinacloudapi.cn',
  'canary.graph.microsoft.com',
]);

export interface GraphClientOptions {
  /** `https://graph.microsoft.com`, a national cloud, or the local simulator; without `/v1.0`. */
  baseUrl: string;
  credential: TokenCredential;
  /** Extra CA (PEM) to trust for this client only, e.g. the simulator's self-signed certificate. */
  ca?: string | Buffer;
  /** Upper bound for one request, in milliseconds (default 60 000). */
  requestTimeoutMs?: number;
}

/**
 * The token scope for a Graph endpoint: national clouds issue tokens for their own Graph host; anything
 * else (the local simulator) takes the global scope.
 */
export function graphTokenScope(baseUrl: string): string {
  const url = new URL(baseUrl);
  return GRAPH_HOSTS.has(url.hostname) ? `${url.origin}/.default` : GRAPH_SCOPE;
}

/** A Graph SDK client bound to one endpoint, plus the connection pool it owns. */
export interface GraphClient {
  readonly sdk: Client;
  /** Normalised origin (and path prefix) the client talks to; nextLinks must stay on it. */
  readonly baseUrl: string;
  /** Closes pooled connections (tests and the CLI; a Functions worker keeps one client for its life). */
  close(): Promise<void>;
}

/**
 * Builds the SDK client with a minimal chain: authentication, then undici. The SDK's RetryHandler and
 * RedirectHandler are left out on purpose: retries need one throttle budget per cycle and an injectable
 * clock (see `createGraphHttp`), and Graph reads never need redirects.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const url = new URL(options.baseUrl);
  if (url.protocol !== 'https:') throw new TypeError('Graph base URL must use https://');
  const baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const customHosts = GRAPH_HOSTS.has(url.hostname) ? undefined : new Set([url.hostname]);
  const scope = graphTokenScope(options.baseUrl);
  const agent = new Agent({
    connect: options.ca ? { ca: options.ca } : {},
    keepAliveTimeout: 10_000,
  });
  const auth = new AuthenticationHandler(new TokenCredentialAuthProvider(options.credential, scope));
  const sdk = Client.initWithMiddleware({
    baseUrl,
    defaultVersion: 'v1.0',
    middleware: [auth, new UndiciTransport(agent, options.requestTimeoutMs ?? 60_000)],
    ...(customHosts ? { customHosts } : {}),
  });
  return { sdk, baseUrl, close: () => agent.close() };
}
