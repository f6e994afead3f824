import { defang, INVISIBLE } from '../defang';

/**
 * Prepares attacker-controlled text (display names, UPNs, app names, reasons quoting them) for an Adaptive
 * Card `TextRun`. A TextRun's `text` is not Markdown (the schema says so, and the reference renderer sets it
 * as `innerText`), so `_ * [ ] ( ) # < > ~ | & { } $ \` are shown as typed. What a TextRun still does is
 * left to the client: Teams may autolink URLs, bare domains and mail addresses, and renderers expand
 * `{{DATE(…)}}`/`{{TIME(…)}}`. So this removes what disguises text (controls, ANSI, zero-width and bidi
 * characters), keeps one value on one line, and defangs link, address and date-function patterns visibly
 * (`[.]`, `[@]`, `[:]`; see `src/defang.ts` for why brackets and not invisible joiners), changing nothing else.
 *
 * This text is for TextRuns only: in a TextBlock or a Fact (Markdown in Teams) it would be live syntax.
 */

/** ANSI/VT escape sequences (colours, cursor moves) that a terminal-minded attacker might plant. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

/** Line and paragraph breaks: collapsed to one space so a value reads as one line after its label. */
const LINE_BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/g;

/** Remaining C0/C1 controls; removed outright (zero-width and bidi characters go in `defang`). */
const CONTROLS = /\p{Cc}/gu;

/** The default longest text kept from one attacker-controlled value, in characters. */
export const DEFAULT_MAX_CHARS = 256;

/**
 * Returns `value` as TextRun text that shows literally in every Teams client: no link, no address, no
 * mention (a TextRun has no `msteams.entities`), no date function, no control or invisible characters, one
 * line, at most `maxChars` characters before defanging (an ellipsis marks a cut). Every other character is
 * kept, so an analyst reads the value the audit log holds, with `[.]`, `[@]` and `[:]` marking the
 * defanged dots, at signs and scheme colons.
 */
export function literalText(value: string | undefined, maxChars = DEFAULT_MAX_CHARS): string {
  if (!value) return '';
  const flat = value.replace(ANSI, '').replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(INVISIBLE, '');
  return defang(truncate(flat.replace(/ {2,}/g, ' ').trim(), maxChars));
}

/** Cuts to `maxChars` code points (never half a surrogate pair), marking the cut with an ellipsis. */
export function truncate(value: string, maxChars: number): string {
  const chars = Array.from(value);
  if (chars.length <= maxChars) return value;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}
