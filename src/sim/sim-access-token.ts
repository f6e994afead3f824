import { randomBytes } from 'node:crypto';

/** Claims of a simulated Entra access token (the names Entra uses; see the access token claims reference). */
export interface SimTokenClaims {
  tid: string;
  /** Application (client) id of the caller. */
  appid: string;
  /** Object id of the caller (the service principal for app-only tokens). */
  oid: string;
  /** `app` for app-only tokens, `user` for delegated ones. */
  idtyp: 'app' | 'user';
  /** Application permissions (app-only tokens). */
  roles?: string[];
  /** Delegated scopes, space-separated (user tokens). */
  scp?: string;
  upn?: string;
  /** Expiry in Unix seconds; default one hour from now. */
  exp?: number;
}

/**
 * A JWT-shaped token for the local simulator (which compares bearer tokens as strings) and for tools that
 * read claims, like `tapwatch doctor`. The signature is random bytes: nothing can validate it, on purpose.
 */
export function simulatedAccessToken(claims: SimTokenClaims): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', kid: 'tapwatch-simulator' };
  const payload = {
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${claims.tid}/`,
    iat: now,
    nbf: now,
    ver: '1.0',
    ...claims,
    exp: claims.exp ?? now + 3600,
  };
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.${randomBytes(32).toString('base64url')}`;
}
