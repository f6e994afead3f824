import { ENVELOPE_KEYS_LOWER } from './raw-item';
import { WordHits, WordSearch } from './word-search';

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
 * A TAP sign-in names the pass ("Temporary Access Pass"), so it is a TAP candidate too.
 */
export const TAP_WORDS = ['temporary'] as const;

/**
 * The same test for the chain records that follow a TAP (chain-activities.ts, normalize-chain.ts):
 * every activity the normalizer accepts holds one of these words unbroken — `(user|admin) (registered|
 * updated|deleted|removed) security info`, `Add FIDO2 security key`, `Add … credential`, `Register
 * device`, `Add member to role … (PIM activation)` — matched with ASCII-only case folding, so the same
 * argument holds (none of the words has a letter that a non-ASCII character lower-cases to; the test
 * checks it).
 */
export const CHAIN_WORDS = ['security', 'credential', 'register', 'activation'] as const;

/** One search for every word: hits with `word < TAP_WORDS.length` are TAP words. */
const WORDS = new WordSearch([...TAP_WORDS, ...CHAIN_WORDS]);
/** The JSON escape that can spell a letter (`\U` is not JSON and spells nothing). */
const ESCAPE = '\\u';
/** What a record's text may be: `tap` (parse it), `chain` (only chain words), or undefined (skip it). */
export type CandidateKind = 'tap' | 'chain' | undefined;

/**
 * Classifies the records of one region of bytes, left to right: the region is searched once for escapes,
 * and once for every word (on the first call, from its `from` to the region's end); each record is then
 * answered from the hits that start inside it. A record with a TAP word anywhere is `tap`, else one with a
 * chain word is `chain`.
 */
export class CandidateScan {
  private readonly hits = new WordHits();
  private searched = false;
  /** First hit not before the last record asked about. */
  private next = 0;
  private escapeAt = -1;
  private escapesDone = false;

  constructor(private readonly bytes: Buffer) {}

  /** The kind of the record in `bytes[from, to)`; each call's `from` is at or after the last call's `to`. */
  kind(from: number, to: number): CandidateKind {
    if (!this.escapesDone && this.escapeAt < from) {
      this.escapeAt = this.bytes.indexOf(ESCAPE, from, 'latin1');
      this.escapesDone = this.escapeAt < 0;
    }
    if (!this.escapesDone && this.escapeAt + 1 < to) return 'tap';
    const hits = this.hits;
    if (!this.searched) {
      WORDS.findAll(this.bytes, from, this.bytes.length, hits);
      this.searched = true;
    }
    let h = this.next;
    while (h < hits.count && (hits.at[h] as number) < from) h++;
    this.next = h;
    if (h === hits.count || (hits.at[h] as number) >= to) return undefined;
    for (; h < hits.count && (hits.at[h] as number) < to; h++)
      if ((hits.word[h] as number) < TAP_WORDS.length) return 'tap';
    return 'chain';
  }
}

/** The kind of the record `bytes` (all of it). */
export function candidateKind(bytes: Buffer): CandidateKind {
  return new CandidateScan(bytes).kind(0, bytes.length);
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * True when the JSON Lines line at `bytes[from]` may be an array or envelope of records (it starts with
 * `[`, or with an envelope key in any case): such a line is parsed at once, so its records are counted
 * exactly.
 */
export function mayBeEnvelope(bytes: Buffer, from: number): boolean {
  let i = from;
  while (SPACE.has(bytes[i] as number)) i++;
  if (bytes[i] === 0x5b) return true;
  if (bytes[i] !== 0x7b) return false;
  i++;
  while (SPACE.has(bytes[i] as number)) i++;
  if (bytes[i] !== 0x22) return false;
  i++;
  return ENVELOPE_KEYS_LOWER.some((key) => {
    for (let j = 0; j < key.length; j++)
      if (((bytes[i + j] as number) | 0x20) !== key.charCodeAt(j)) return false;
    return bytes[i + key.length] === 0x22;
  });
}

/**
 * The same search over one record given as text (a CSV cell, a test's record) or bytes: text is read as
 * the UTF-8 bytes the file readers see.
 */
function kindOf(raw: string | Buffer): CandidateKind {
  return candidateKind(typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw);
}

/** True when the raw record text (or its bytes) might be a TAP creation or TAP sign-in and must be parsed. */
export function mayHoldTapCreation(raw: string | Buffer): boolean {
  return kindOf(raw) === 'tap';
}

/** True when the raw record might be a TAP creation, a TAP sign-in or a chain record: parse it. */
export function mayMatter(raw: string | Buffer): boolean {
  return kindOf(raw) !== undefined;
}
