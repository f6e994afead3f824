/**
 * Case-insensitive `*` wildcard matching for SYNC_ACCOUNT_PATTERNS. Patterns come from
 * configuration, so they are never turned into regular expressions: no metacharacter injection,
 * and matching is a left-to-right scan of the literal pieces (O(text × pattern), no backtracking).
 */
export interface WildcardPattern {
  /** The pattern as configured (for evidence and reasons). */
  source: string;
  /** Lower-cased literal pieces between the `*`s. */
  pieces: string[];
}

/** Splits a pattern once so matching many names does not re-parse it. */
export function compileWildcard(pattern: string): WildcardPattern {
  return { source: pattern, pieces: pattern.toLowerCase().split('*') };
}

/** True when `text` matches the whole pattern, ignoring case; `*` matches any run of characters. */
export function matchesWildcard(pattern: WildcardPattern, text: string): boolean {
  const value = text.toLowerCase();
  const { pieces } = pattern;
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1] ?? '';
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  // Leftmost placement of each middle piece is optimal: it leaves the most room for the rest.
  let position = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? '';
    const at = value.indexOf(piece, position);
    if (at < 0 || at + piece.length > end) return false;
    position = at + piece.length;
  }
  return true;
}
