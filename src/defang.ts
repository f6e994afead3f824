import { isIP } from 'node:net';

/**
 * Defanging attacker-controlled audit text (display names, UPNs, app names) for people to read: in Teams
 * cards and terminal tables alike, nothing in it may turn into a link, a mail address or a disguise.
 *
 * Why visible brackets rather than invisible joiners: Teams, mail clients and terminals autolink
 * `https://…`, bare hosts (`evil-example.com/reset`, `.evil-example.com/reset`) and addresses
 * (`user@evil-example.com`), and how each client's linkifier treats a zero-width character is not
 * documented. `[.]`, `[@]` and `[:]` are the convention SOC analysts already read in threat reports (a
 * "defanged" indicator): no linkifier takes `contoso[.]com` for a host, and the text never looks like a
 * value it is not. A UPN stays readable — `grace.admin@contoso.com` shows as
 * `grace[.]admin[@]contoso[.]com` — and the exact value is one step away (drop the brackets) and is
 * carried as is in the webhook JSON, the query API and `--format json`. Invisible format characters
 * (zero-width space/joiners, BOM, bidi marks and overrides, U+061C: Unicode category Cf) are removed
 * outright: they only disguise names (`admin\u202Egnp.exe`) or hide a dot from the defanging.
 */

/** Zero-width and bidirectional formatting characters, soft hyphen, word joiner, tags: category Cf. */
export const INVISIBLE = /\p{Cf}/gu;

/** A URI scheme directly followed by something (`http://`, `javascript:alert`); `Note: …` (a space) is prose. */
const SCHEME = /\b([A-Za-z][A-Za-z0-9+.-]{1,31}):(?=\S)/g;

/** Full stops that hostnames accept besides `.` (IDNA maps them to `.`). */
const DOTS = '.\u3002\uff0e\uff61';

/**
 * A domain-like run: labels joined by dots (a leading dot too, as in `.evil-example.com`) whose last label
 * starts with a letter, so IP addresses and version numbers stay as they are.
 */
const DOMAIN = new RegExp(`(?:[\\p{L}\\p{N}_-]*[${DOTS}])+\\p{L}[\\p{L}\\p{N}_-]*`, 'gu');
const DOT = new RegExp(`[${DOTS}]`, 'gu');

/** An address-like `@`: between a non-space character and a host character. */
const ADDRESS_AT = /(?<=\S)@(?=[\p{L}\p{N}])/gu;

/** Adaptive Card renderers expand `{{DATE(…)}}`/`{{TIME(…)}}` even in a TextRun; a space keeps it literal. */
const DATE_FUNCTION = /\{\{(?=(?:DATE|TIME)\()/gi;

/**
 * `text` with invisible format characters removed and every scheme, domain-like and address-like run
 * broken visibly (`[:]`, `[.]`, `[@]`) and date functions opened up. A value that is exactly an IP address
 * is returned as it is: it is no link, and its colons and dots must survive copying.
 */
export function defang(text: string): string {
  const visible = text.replace(INVISIBLE, '');
  if (isIP(visible) !== 0) return visible;
  return visible
    .replace(SCHEME, '$1[:]')
    .replace(DOMAIN, (run) => run.replace(DOT, '[.]'))
    .replace(ADDRESS_AT, '[@]')
    .replace(DATE_FUNCTION, '{ {');
}
