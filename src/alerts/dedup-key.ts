import { createHash } from 'node:crypto';
import type { Finding } from '../rules/finding';

/** Longest initiator text kept as is in a key; longer (attacker-sized) text is hashed to stay under 1 KiB. */
const MAX_KEY_CHARS = 128;

/**
 * Who issued the TAP, as the alert dedup key's initiator part (docs/architecture.md): the user's object id,
 * the app's id, else the UPN or service principal id, lower-cased; `unknown` when the log names nobody.
 * A self-issued TAP after a help-desk one therefore has a different key and always alerts.
 */
export function initiatorKey(finding: Pick<Finding, 'initiator'>): string {
  const i = finding.initiator;
  const id =
    i.type === 'app'
      ? (i.appId ?? i.servicePrincipalId ?? i.id ?? i.displayName)
      : (i.id ?? i.userPrincipalName ?? i.displayName);
  if (!id) return 'unknown';
  const key = `${i.type}:${id.toLowerCase()}`;
  return key.length <= MAX_KEY_CHARS ? key : `${i.type}:sha256:${sha256(id.toLowerCase())}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
