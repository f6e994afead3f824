import { createHash, createHmac } from 'node:crypto';

/**
 * The key bytes of a Standard Webhooks secret: the base64 after `whsec_` (a bare base64 secret is accepted
 * too, as the reference libraries do).
 */
export function webhookKey(secret: string): Buffer {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  return Buffer.from(encoded, 'base64');
}

/**
 * `v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>` as Standard Webhooks defines it; receivers
 * recompute it over the exact bytes they got, so `body` must be the string that is sent.
 * `timestampSeconds` is Unix time in whole seconds.
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', webhookKey(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** First 8 hex digits of sha256(url): a stable, loggable name for a secret URL. */
export function urlHash(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 8);
}
