import { createHash } from 'node:crypto';

/**
 * Longest text kept per field of a normalized event, in UTF-16 code units (what Table Storage counts).
 * Audit text is attacker-controlled and unbounded (a 160,000-character app name, a 100 KB UPN), while a
 * stored finding is not: Table Storage caps a string property at 32K characters (64 KiB) and an entity at
 * 1 MiB, and the target UPN and initiator are indexed columns of their own
 * (https://learn.microsoft.com/en-us/rest/api/storageservices/understanding-the-table-service-data-model#property-types).
 * A finding holds about twenty such fields and every non-ASCII character is stored as a six-character
 * `\uXXXX` escape, so these limits keep the worst case far inside an entity.
 */
export const TEXT_LIMITS = {
  /** Object, app, role template, audit, sign-in and correlation ids: GUIDs or ~80-character audit ids in every real record. */
  id: 256,
  /** Activity and result reason: fixed service wording, longer than names in a few locales. */
  reason: 2048,
  /** Everything else: names, UPNs, IP addresses, times, usage. */
  text: 1024,
} as const;

/** The shortest limit: a string no longer than this fits under any key, so its key need not be looked at. */
export const SHORTEST_LIMIT = Math.min(TEXT_LIMITS.id, TEXT_LIMITS.reason, TEXT_LIMITS.text);

const ID_KEYS = new Set([
  'id',
  'auditid',
  'recordid',
  'signinid',
  'correlationid',
  'appid',
  'serviceprincipalid',
  'principalid',
  'templateid',
]);
const REASON_KEYS = new Set(['activity', 'resultreason', 'reason']);

/** The limit for a field named `key` (case-insensitive; array items take their array's key). */
export function textLimit(key: string): number {
  const name = key.toLowerCase();
  if (ID_KEYS.has(name)) return TEXT_LIMITS.id;
  if (REASON_KEYS.has(name)) return TEXT_LIMITS.reason;
  return TEXT_LIMITS.text;
}

/**
 * `value` cut to at most `maxChars` UTF-16 units, ending in a visible marker such as
 * `…[cut 159,000 chars, sha256:1a2b3c4d]`: an analyst sees that the log held more, and two long values
 * that share a beginning stay distinct (ids and UPNs key findings and alert claims). Never splits a
 * surrogate pair. Values within the limit are returned unchanged.
 */
export function boundText(value: string, maxChars: number): string {
  if (value.length <= maxChars) return value;
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 8);
  const marker = (cut: number) => `…[cut ${cut.toLocaleString('en-US')} chars, sha256:${hash}]`;
  // The marker for the whole length is at least as long as the final one, so this fits; then fill up.
  let keep = Math.max(0, maxChars - marker(value.length).length);
  while (keep + 1 + marker(value.length - keep - 1).length <= maxChars) keep++;
  const last = value.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep--;
  return value.slice(0, keep) + marker(value.length - keep);
}

/**
 * The normalized event (any kind: TAP events, method registrations and deletions, role activations,
 * TAP sign-ins) with every string bounded by `textLimit` of its field name, at any depth. Every
 * normalizer passes each event it builds through here (`normalize.ts` directly; `normalize-chain.ts` and
 * `normalize-signin.ts` through `boundChainEvent`, whose faster check falls back to this one), so a new
 * event kind is bounded by calling it on its result.
 *
 * Returns `event` itself when nothing is over its limit, the case of every real record: one walk that
 * allocates nothing and reads a key only for a string longer than the shortest limit. Only an event
 * holding an over-long string is copied, with those strings cut.
 */
export function boundEventText<T>(event: T): T {
  return fits(event, '') ? event : (boundValue(event, '') as T);
}

function fits(value: unknown, key: string): boolean {
  if (typeof value === 'string') return value.length <= SHORTEST_LIMIT || value.length <= textLimit(key);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!fits(item, key)) return false;
    return true;
  }
  const record = value as Record<string, unknown>;
  for (const name in record) if (!fits(record[name], name)) return false;
  return true;
}

function boundValue(value: unknown, key: string): unknown {
  if (typeof value === 'string') return boundText(value, textLimit(key));
  if (Array.isArray(value)) return value.map((item) => boundValue(item, key));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value)) out[name] = boundValue(inner, name);
  return out;
}
