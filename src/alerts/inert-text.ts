import { isIP } from 'node:net';

/**
 * Prepares attacker-controlled text (display names, UPNs, app names, reasons quoting them) for an Adaptive
 * Card `TextRun`. A TextRun's `text` is not Markdown (the schema says so, and the reference renderer sets it
 * as `innerText`), so `_ * [ ] ( ) # < > ~ | & { } $ \` are shown as typed and a value can be copied exactly:
 * `Sync_CONTOSO-DC01_…@contoso.onmicrosoft.com` stays that string. What a TextRun still does is left to the
 * client: Teams may autolink URLs and bare domains, and renderers expand `{{DATE(…)}}`/`{{TIME(…)}}`. So
 * this removes what disguises text (controls, ANSI, bidi overrides), keeps one value on one line, and breaks
 * only those link and date-function patterns, changing nothing else.
 *
 * This text is for TextRuns only: in a TextBlock or a Fact (Markdown in Teams) it would be live syntax.
 */

/** ANSI/VT escape sequences (colours, cursor moves) that a terminal-minded attacker might plant. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

/** Line and paragraph breaks: collapsed to one space so a value reads as one line after its label. */
const LINE_BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/g;

/** Remaining C0/C1 controls and bidirectional overrides (used to disguise names); removed outright. */
const CONTROLS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A URI scheme directly followed by something (`http://`, `javascript:alert`, `mailto:x`): its colon is what
 * autolinkers key on. A colon followed by a space (`Note: …`) is prose and stays as it is.
 */
const SCHEME = /\b([A-Za-z][A-Za-z0-9+.-]{1,31}):(?=\S)/g;

/**
 * A bare domain name (last label starts with a letter, so IPs and version numbers are left alone) that is
 * not part of an e-mail address: UPN domains (also guest `#EXT#@` ones) are verified tenant domains and stay
 * copyable.
 */
const DOMAIN = /(^|[^@\w.-])([\w-]+(?:\.[\w-]+)*\.[A-Za-z][\w-]*)(?![\w.#+-]*@)/g;

/** The date/time functions Adaptive Card renderers replace even in a TextRun; the value must show as typed. */
const DATE_FUNCTION = /\{\{(?=(?:DATE|TIME)\()/gi;

const WORD_JOINER = '\u2060';
const FULLWIDTH_COLON = '\uff1a';

/** The default longest text kept from one attacker-controlled value, in characters. */
export const DEFAULT_MAX_CHARS = 256;

/**
 * Returns `value` as TextRun text that shows literally in every Teams client: no link, no mention (a TextRun
 * has no `msteams.entities`), no date function, no control characters, one line, at most `maxChars`
 * characters (an ellipsis marks a cut). Every other character is kept, so what an analyst copies is the
 * value the audit log holds, apart from a word joiner after dots of bare domain names and a fullwidth colon
 * after URI schemes.
 */
export function literalText(value: string | undefined, maxChars = DEFAULT_MAX_CHARS): string {
  if (!value) return '';
  const flat = value.replace(ANSI, '').replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(/ {2,}/g, ' ');
  const cut = truncate(flat.trim(), maxChars);
  // An IP address (IPv6 has colons) cannot be a link, and its colons must survive copying.
  if (isIP(cut) !== 0) return cut;
  return cut
    .replace(SCHEME, `$1${FULLWIDTH_COLON}`)
    .replace(DOMAIN, (_m, before: string, host: string) => before + host.replace(/\./g, `.${WORD_JOINER}`))
    .replace(DATE_FUNCTION, `{${WORD_JOINER}{`);
}

/** Cuts to `maxChars` code points (never half a surrogate pair), marking the cut with an ellipsis. */
export function truncate(value: string, maxChars: number): string {
  const chars = Array.from(value);
  if (chars.length <= maxChars) return value;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}
