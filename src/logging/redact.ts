/**
 * Secret scrubbing for log lines and error messages. Works on plain text and on serialized JSON alike:
 * every replacement is JSON-safe, so a scrubbed log line still parses.
 */

/** What a scrubbed secret is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Hosts whose URLs are credentials in themselves (Teams Workflows / Power Automate / Logic Apps triggers,
 * retired Office 365 connectors, chat webhooks): the whole URL goes, not only its query.
 */
const CREDENTIAL_URL =
  /\bhttps?:\/\/[^\s"'<>\\]*(?:logic\.azure\.com|api\.powerplatform\.com|powerautomate\.com|webhook\.office\.com|hooks\.slack\.com|discord(?:app)?\.com\/api\/webhooks)[^\s"'<>\\]*/gi;

/** Query parameters that carry credentials (SAS `sig`/`sv`, Functions `code`, OAuth tokens, API keys). */
const SECRET_QUERY =
  /([?&](?:sig|sv|code|token|access_token|refresh_token|id_token|client_secret|api[-_]?key|apikey|key|secret|signature|password)=)[^&#\s"'<>\\]*/gi;

/** Standard Webhooks signing secrets. */
const WHSEC = /\bwhsec_[A-Za-z0-9+/=_-]+/g;

/** OAuth bearer tokens in headers or messages. */
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;

/** Storage connection-string credentials. */
const CONNECTION_KEY = /\b(AccountKey|SharedAccessSignature|SharedAccessKey)=[^;"'\s\\]*/gi;

/** JSON Web Tokens wherever they appear (three base64url segments, header starting `eyJ`). */
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** Registered secrets shorter than this are ignored: scrubbing "abc" everywhere would mangle logs. */
const MIN_SECRET_LENGTH = 6;

/**
 * Removes secrets from `text`: credential-bearing URLs, `sig=`/`sv=`/`code=`-style query values, `whsec_`
 * secrets, bearer tokens, JWTs, `AccountKey=`/`SharedAccessSignature=` values, and every value in `secrets`
 * (also in its JSON-escaped form, so serialized log lines are covered).
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const variant of secretVariants(secrets)) out = out.split(variant).join(REDACTED);
  return out
    .replace(CREDENTIAL_URL, `${REDACTED}-url`)
    .replace(SECRET_QUERY, `$1${REDACTED}`)
    .replace(WHSEC, `whsec_${REDACTED}`)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(CONNECTION_KEY, `$1=${REDACTED}`)
    .replace(JWT, REDACTED);
}

/**
 * Every form in which a registered secret may show up: as given, JSON-escaped, URL-normalized (`new URL`
 * may add a trailing slash or lower-case the host), and the key material of a `whsec_` secret. Longest
 * first, so a URL is replaced before a shorter secret inside it.
 */
export function secretVariants(secrets: readonly string[]): string[] {
  const variants = new Set<string>();
  const add = (value: string): void => {
    if (value.length < MIN_SECRET_LENGTH) return;
    variants.add(value);
    variants.add(JSON.stringify(value).slice(1, -1));
  };
  for (const raw of secrets) {
    const secret = raw.trim();
    add(secret);
    if (secret.startsWith('whsec_')) add(secret.slice('whsec_'.length));
    if (/^https?:\/\//i.test(secret)) {
      try {
        const url = new URL(secret);
        add(url.href);
        // The path and query alone are what an HTTP library tends to echo in its errors.
        if (`${url.pathname}${url.search}`.length > 1) add(`${url.pathname}${url.search}`);
      } catch {
        // Not a URL after all: the literal value is still scrubbed.
      }
    }
  }
  return [...variants].sort((a, b) => b.length - a.length);
}
