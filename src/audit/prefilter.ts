/**
 * The readers' cheap test that lets them skip `JSON.parse` for almost every record.
 *
 * Why it is safe: each of the three TAP-creation criteria needs the decoded record to
 * contain "temporary" in some letter case — the result reason "… temporary access pass …", a
 * `TemporaryAccessPass*` property name, or the alias "Create Temporary Access Pass …". JSON text
 * decodes to itself except at escapes, and only a `\u` escape can produce a letter. No character
 * outside ASCII folds to a letter of "temporary" (the normalizer matches with ASCII-only folding),
 * and UTF-8 encodes every non-ASCII character with bytes ≥ 0x80. So a record whose raw bytes,
 * read as Latin-1, contain neither "temporary" (any case) nor `\u` cannot be a TAP creation.
 */
export const TAP_CANDIDATE_SOURCE = 'temporary|\\\\u';

/** A fresh global matcher for scanning a chunk (a new one each time: regexes with `g` carry state). */
export function tapCandidateMatcher(): RegExp {
  return new RegExp(TAP_CANDIDATE_SOURCE, 'gi');
}

/** True when the raw record text (or its bytes) might be a TAP creation and must be parsed. */
export function mayHoldTapCreation(raw: string | Buffer): boolean {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  return new RegExp(TAP_CANDIDATE_SOURCE, 'i').test(text);
}
