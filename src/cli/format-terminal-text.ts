/** ANSI/VT escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), and two-byte escapes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing escape sequences is the point
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-_])?/g;
/** C0 and C1 controls, line/paragraph separators and bidirectional overrides (Trojan Source). */
const UNSAFE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]/gu;
/** What JSON leaves raw inside strings but terminals and editors act on: C1, DEL, separators, bidi. */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]/g;

/**
 * Audit text (names, UPNs) is attacker-controlled: before it reaches a terminal, escape sequences
 * are removed and other control characters shown as `�`, so a display name cannot move the cursor,
 * recolour, retitle or reorder the screen. Cut to `max` characters with an ellipsis.
 */
export function terminalText(text: string, max = Number.POSITIVE_INFINITY): string {
  const clean = text.replace(ANSI, '').replace(UNSAFE, '\ufffd');
  const chars = [...clean];
  return chars.length <= max ? clean : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * JSON for output, with the characters JSON leaves raw but terminals or editors act on written as
 * `\u` escapes. Still valid, equal JSON: those characters can only occur inside strings.
 */
export function inertJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    RAW_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
