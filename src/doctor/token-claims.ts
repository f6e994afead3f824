/**
 * Who a token speaks for, read from its claims without validating it. Microsoft says clients should not
 * depend on reading access tokens for its APIs (they may change format or be encrypted), so every claim is
 * optional and an unreadable token is a normal answer, not an error:
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
 * The token itself is never kept or returned.
 */
export interface TokenIdentity {
  /** `app` for app-only tokens (application permissions), `user` for delegated ones. */
  kind: 'app' | 'user' | 'unknown';
  /** `appid` (v1 tokens) or `azp` (v2): the client the token was issued to. */
  appId?: string;
  /** `oid`: the service principal (app-only) or user object id. */
  objectId?: string;
  tenantId?: string;
  /** `roles`: application permissions of an app-only token. */
  roles?: string[];
  /** `scp`: delegated scopes of a user token. */
  scopes?: string[];
  /** `upn`, `unique_name` or `preferred_username` of a user token. */
  userName?: string;
  /** `exp` as a date. */
  expiresOn?: Date;
}

/** Claims from a JWT's payload, or undefined when the token is not a readable JWT. */
export function readTokenIdentity(token: string): TokenIdentity | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return undefined;
  const c = claims as Record<string, unknown>;
  const roles = Array.isArray(c.roles)
    ? c.roles.filter((r): r is string => typeof r === 'string')
    : undefined;
  const scopes = typeof c.scp === 'string' ? c.scp.split(' ').filter(Boolean) : undefined;
  const identity: TokenIdentity = { kind: kindOf(c.idtyp, roles, scopes) };
  const appId = text(c.appid) ?? text(c.azp);
  if (appId) identity.appId = appId;
  const objectId = text(c.oid);
  if (objectId) identity.objectId = objectId;
  const tenantId = text(c.tid);
  if (tenantId) identity.tenantId = tenantId;
  if (roles) identity.roles = roles.map((r) => r.slice(0, 100));
  if (scopes) identity.scopes = scopes.map((s) => s.slice(0, 100));
  const userName = text(c.upn) ?? text(c.unique_name) ?? text(c.preferred_username);
  if (userName) identity.userName = userName;
  if (typeof c.exp === 'number') identity.expiresOn = new Date(c.exp * 1000);
  return identity;
}

/** `idtyp` when present (an optional claim Graph tokens carry); otherwise `scp` means delegated. */
function kindOf(idtyp: unknown, roles: unknown, scopes: unknown): TokenIdentity['kind'] {
  if (idtyp === 'app' || idtyp === 'user') return idtyp;
  if (scopes) return 'user';
  if (roles) return 'app';
  return 'unknown';
}

/** A claim shown to people: a string, one line, bounded. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return value.replace(/\p{Cc}/gu, '?').slice(0, 120);
}
