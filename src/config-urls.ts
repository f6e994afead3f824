import { ConfigError } from './errors';

/**
 * URL settings. A URL carrying `user:password@` would put a credential where logs and errors quote
 * endpoints, and none of tapwatch's services takes one that way (Graph and Tables use the managed
 * identity, Teams and webhook URLs carry their own token in the query), so such URLs are refused.
 * Secret URLs are checked without ever echoing them.
 */

/** An endpoint (not secret): http(s) as allowed, no credentials; the value may be quoted in the error. */
export function endpointUrl(
  value: string,
  name: string,
  options: { httpsOnly: boolean; rootOnly?: string },
): string {
  const scheme = options.httpsOnly ? 'an https:// URL' : 'an http(s):// URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `expected ${scheme}, got ${JSON.stringify(value.slice(0, 80))}`);
  }
  const allowed = options.httpsOnly ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) throw new ConfigError(name, `expected ${scheme}, got ${url.protocol}`);
  if (url.username || url.password) {
    throw new ConfigError(
      name,
      `expected ${scheme} without user:password@ (value not shown: it holds a credential)`,
    );
  }
  if (options.rootOnly && (url.pathname.replace(/\/+$/, '') !== '' || url.search || url.hash)) {
    throw new ConfigError(name, options.rootOnly);
  }
  return value.replace(/\/+$/, '');
}

/** A secret URL (webhook, Teams workflow): http(s), no credentials; errors name only the variable. */
export function secretUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'is not a valid URL (value not shown: it is a secret)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(name, 'must be an http(s) URL (value not shown: it is a secret)');
  }
  if (url.username || url.password) {
    throw new ConfigError(name, 'must not carry user:password@ (value not shown: it is a secret)');
  }
  return value;
}

/**
 * The identity of a URL for duplicate checks: scheme, host (lowercased by URL), port (a default port
 * dropped by URL), path without trailing slashes, and query. `https://Hooks.example:443/a/` and
 * `https://hooks.example/a` are one endpoint: listing both would send every alert there twice.
 */
export function urlIdentity(value: string): string {
  const url = new URL(value);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}
