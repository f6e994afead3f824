import { ConfigError } from '../errors';

/*
 * Standard Webhooks, "Signature scheme" (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * a symmetric signing secret is "Random. At least 24 bytes (192 bits, 512 maximum)", serialized as base64
 * "prefixed with `whsec_`", and "Signing keys should be unique per endpoint".
 */

/** Fewest decoded key bytes the spec allows. */
export const MIN_SECRET_BYTES = 24;
/** Most decoded key bytes the spec allows (512 bits). */
export const MAX_SECRET_BYTES = 64;

const EXPECTED = `expected whsec_<base64 of ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} random bytes>, e.g. "whsec_$(openssl rand -base64 32)"`;
const HIDDEN = '(value not shown: it is a secret)';

/**
 * Checks one `whsec_<base64>` secret and returns it unchanged. The error names `variable` and, when the
 * value decodes, how many bytes it has; never the value. Padding must be complete, as the reference
 * verifiers decode strictly.
 */
export function parseWebhookSecret(value: string, variable: string): string {
  const body = value.startsWith('whsec_') ? value.slice('whsec_'.length) : '';
  if (!body || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new ConfigError(variable, `${EXPECTED} ${HIDDEN}`);
  }
  const bytes = Buffer.from(body, 'base64').length;
  if (bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
    throw new ConfigError(variable, `${EXPECTED}, got ${bytes} bytes ${HIDDEN}`);
  }
  return value;
}

/**
 * The signing secret of each webhook URL, in `urls` order. `perUrl` is WEBHOOK_SECRETS as given: one entry
 * per URL, same order, separated by commas or semicolons (whitespace around them is ignored); an empty
 * entry, or no WEBHOOK_SECRETS at all, means `fallback` (WEBHOOK_SECRET). Every URL must end up with a
 * secret. A count that does not match is refused rather than guessed: a secret shifted onto the wrong
 * endpoint would sign for a receiver that cannot verify it.
 */
export function endpointSecrets(
  urls: readonly string[],
  perUrl: string,
  fallback: string | undefined,
): string[] {
  const text = perUrl.trim();
  if (!text) {
    if (urls.length > 0 && !fallback) {
      throw new ConfigError(
        'WEBHOOK_SECRET',
        'is required when WEBHOOK_URLS is set and WEBHOOK_SECRETS does not give each URL its own (whsec_<base64>)',
      );
    }
    return urls.map(() => fallback ?? '');
  }
  const entries = text.replace(/\s*([,;])\s*/g, '$1').split(/[,;]|\s+/);
  if (entries.length !== urls.length) {
    throw new ConfigError(
      'WEBHOOK_SECRETS',
      `lists ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} for ${urls.length} WEBHOOK_URLS: give one per URL, in the same order (an empty entry uses WEBHOOK_SECRET)`,
    );
  }
  return entries.map((entry, i) => {
    if (entry) return parseWebhookSecret(entry, `WEBHOOK_SECRETS[${i}]`);
    if (!fallback) {
      throw new ConfigError(
        `WEBHOOK_SECRETS[${i}]`,
        'is empty and WEBHOOK_SECRET is not set: every webhook URL needs a secret',
      );
    }
    return fallback;
  });
}
