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

/**
 * The same test for the chain records that follow a TAP (chain-activities.ts, normalize-chain.ts):
 * every activity the normalizer accepts holds one of these words unbroken — `(user|admin) (registered|
 * updated|deleted|removed) security info`, `Add FIDO2 security key`, `Add … credential`, `Register
 * device`, `Add member to role … (PIM activation)` — matched with ASCII-only case folding, so the same
 * argument holds (none of the words has a letter that a non-ASCII character lower-cases to; the test
 * checks it). A TAP sign-in names the pass and is already a TAP candidate ("temporary").
 */
export const CHAIN_CANDIDATE_SOURCE = 'security|credential|register|activation';

/**
 * Records the scan must look at: TAP creations and TAP sign-ins (group 1 matched: parse now) and the
 * chain records that may follow a TAP (only a chain word: see chain-candidates.ts).
 */
export const RECORD_CANDIDATE_SOURCE = `(${TAP_CANDIDATE_SOURCE})|${CHAIN_CANDIDATE_SOURCE}`;

/** A fresh global matcher for scanning a chunk (a new one each time: regexes with `g` carry state). */
export function candidateMatcher(): RegExp {
  return new RegExp(RECORD_CANDIDATE_SOURCE, 'gi');
}

/** What a record's text may be: `tap` (parse it), `chain` (only chain words), or undefined (skip it). */
export type CandidateKind = 'tap' | 'chain' | undefined;

/** The kind of the record in `text[from, to)`, by the hits of `matcher` (global) from `from` on. */
export function candidateKind(matcher: RegExp, text: string, from = 0, to = text.length): CandidateKind {
  matcher.lastIndex = from;
  let kind: CandidateKind;
  for (let hit = matcher.exec(text); hit && hit.index < to; hit = matcher.exec(text)) {
    if (hit[1] !== undefined) return 'tap';
    kind = 'chain';
  }
  return kind;
}

const ENVELOPE_START = /\s*(\[|\{\s*"(records|value|directoryaudits)")/iy;

/**
 * True when the JSON Lines line at `from` may be an array or envelope of records (it starts with `[`, or
 * with an envelope key): such a line is parsed at once, so its records are counted exactly.
 */
export function mayBeEnvelope(text: string, from: number): boolean {
  ENVELOPE_START.lastIndex = from;
  return ENVELOPE_START.test(text);
}

/** True when the raw record text (or its bytes) might be a TAP creation and must be parsed. */
export function mayHoldTapCreation(raw: string | Buffer): boolean {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  return new RegExp(TAP_CANDIDATE_SOURCE, 'i').test(text);
}

const CANDIDATE = new RegExp(RECORD_CANDIDATE_SOURCE, 'i');

/** True when the raw record might be a TAP creation, a TAP sign-in or a chain record: parse it. */
export function mayMatter(raw: string | Buffer): boolean {
  return CANDIDATE.test(typeof raw === 'string' ? raw : raw.toString('latin1'));
}
