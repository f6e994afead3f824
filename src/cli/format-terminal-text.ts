import { defang, INVISIBLE } from '../defang';

/** ANSI/VT escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), and two-byte escapes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing escape sequences is the point
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])?/g;
/** C0 and C1 controls and line/paragraph separators: shown as `�` so their presence stays visible. */
const UNSAFE = /[\p{Cc}\u2028\u2029]/gu;
/** What JSON leaves raw inside strings but terminals and editors act on: C1, DEL, separators, invisible format characters. */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/**
 * Text (file names, messages) before it reaches a terminal: escape sequences are removed, other control
 * characters shown as `�`, and zero-width and bidirectional characters removed, so a value cannot move
 * the cursor, recolour, retitle or reorder the screen. Cut to `max` characters with an ellipsis.
 */
export function terminalText(text: string, max = Number.POSITIVE_INFINITY): string {
  const clean = text.replace(ANSI, '').replace(UNSAFE, '\ufffd').replace(INVISIBLE, '');
  return cut(clean, max);
}

/**
 * Audit-log text (names, UPNs, app names) for a terminal table: `terminalText`, then defanged like the
 * Teams card (`[.]`, `[@]`, `[:]`; see `src/defang.ts`), because terminals autolink hosts and mail
 * addresses too. Cut to `max` characters before defanging, so columns stay comparable.
 */
export function terminalAuditText(text: string, max = Number.POSITIVE_INFINITY): string {
  return defang(terminalText(text, max));
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * JSON for output, with the characters JSON leaves raw but terminals or editors act on written as
 * `\u` escapes. Still valid, equal JSON: those characters can only occur inside strings.
 */
export function inertJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, (c) => {
    const code = c.codePointAt(0) ?? 0;
    // Tag characters (U+E0000…) are astral: written as their surrogate pair.
    return code > 0xffff
      ? [...c.split('')].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
