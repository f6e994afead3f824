import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of tenant read tokens, so a leaked one is recognisable (and scrubbed from logs by its shape). */
export const API_TOKEN_PREFIX = 'twt_';

/** A new read token for one tenant (256 random bits) and the hash the tenants table keeps instead of it. */
export function newApiToken(): { token: string; sha256: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, sha256: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with a stored hash; false for any malformed input. */
export function tokenMatches(presented: string, storedSha256: string | undefined): boolean {
  if (!storedSha256 || !/^[0-9a-f]{64}$/.test(storedSha256)) return false;
  if (presented.length === 0 || presented.length > 200) return false;
  const a = Buffer.from(hashToken(presented), 'hex');
  const b = Buffer.from(storedSha256, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
