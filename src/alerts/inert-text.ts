/**
 * Makes attacker-controlled text (display names, UPNs, app names, reasons quoting them) inert in a Teams
 * Adaptive Card. Teams renders a Markdown subset in TextBlock and Fact values, and its clients disagree on
 * backslash escapes (desktop honours them, mobile has shown the backslashes or ignored them), so escaping
 * here does not rely on the renderer: Markdown and HTML metacharacters become their fullwidth twins
 * (visually the same, never syntax), scheme colons become fullwidth colons and dots in bare domain names get
 * a word joiner, so no client turns the text into a link, a mention or formatting.
 */

/** ANSI/VT escape sequences (colours, cursor moves) that a terminal-minded attacker might plant. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

/** Line and paragraph breaks: collapsed to one space so no text can start a heading, list or quote. */
const LINE_BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/g;

/** Remaining C0/C1 controls and bidirectional overrides (used to disguise names); removed outright. */
const CONTROLS = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** Markdown, HTML, mention and templating metacharacters. */
const META = /[\\`*_[\]()#<>~|&{}$]/g;

/** A URI scheme (`http:`, `javascript:`, `mailto:` …): its colon is what autolinkers key on. */
const SCHEME = /\b([A-Za-z][A-Za-z0-9+.-]{1,31}):/g;

/**
 * A bare domain name (last label starts with a letter, so IPs and version numbers are left alone) that is
 * not part of an e-mail address: UPN domains are verified tenant domains and stay copyable.
 */
const DOMAIN = /(^|[^@\w.-])([\w-]+(?:\.[\w-]+)*\.[A-Za-z][\w-]*)(?![\w.-]*@)/g;

/** A leading list marker (`- `, `+ `, `1. `, `2) `) would still format the first line of a TextBlock. */
const LEADING_MARKER = /^(?:[-+]|\d{1,9}[.)])(?:\s|$)/;

const WORD_JOINER = '\u2060';
const FULLWIDTH_COLON = '\uff1a';
const FULLWIDTH_OFFSET = 0xfee0;

/** The default longest text kept from one attacker-controlled value, in characters. */
export const DEFAULT_MAX_CHARS = 256;

/**
 * Returns `value` as text that renders literally in every Teams client: no Markdown, no HTML, no `<at>`
 * mention, no link, no control characters, at most `maxChars` characters (an ellipsis marks a cut).
 */
export function inertText(value: string | undefined, maxChars = DEFAULT_MAX_CHARS): string {
  if (!value) return '';
  const flat = value.replace(ANSI, '').replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(/ {2,}/g, ' ');
  const cut = truncate(flat.trim(), maxChars);
  const escaped = cut
    .replace(META, (c) => String.fromCharCode(c.charCodeAt(0) + FULLWIDTH_OFFSET))
    .replace(SCHEME, `$1${FULLWIDTH_COLON}`)
    .replace(DOMAIN, (_m, before: string, host: string) => before + host.replace(/\./g, `.${WORD_JOINER}`));
  return LEADING_MARKER.test(escaped) ? WORD_JOINER + escaped : escaped;
}

/** Cuts to `maxChars` code points (never half a surrogate pair), marking the cut with an ellipsis. */
export function truncate(value: string, maxChars: number): string {
  const chars = Array.from(value);
  if (chars.length <= maxChars) return value;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}
