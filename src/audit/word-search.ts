/**
 * Finds any of a few words in raw bytes, ignoring ASCII letter case: the prefilter's search, which
 * looks at every byte of an audit export. A regular expression of alternatives (`a|b|c`, flag `i`)
 * cannot skip ahead when several words of common letters compete, so this is Wu and Manber's
 * multi-pattern search ("A fast algorithm for multi-pattern searching", 1994): a table of how far the
 * window of the shortest word's length may move for each pair of bytes that ends it. Over audit JSON
 * the window moves about six bytes a step, and only windows ending in a pair some word has at that
 * place are compared with the words.
 *
 * Letters fold with ASCII rules only (`A`–`Z` to `a`–`z`), as the normalizer matches; bytes ≥ 0x80
 * never match a letter.
 */
export class WordSearch {
  /** Length of the shortest word: the window. */
  private readonly span: number;
  /** Shift for the window whose last two bytes are `(b1 << 8) | b2`, over raw bytes (case folded in). */
  private readonly shift = new Uint8Array(65536);
  private readonly words: Uint8Array[];
  /** @param words lower-case ASCII letters only, each at least 2 long and at most 255. */
  constructor(words: readonly string[]) {
    if (words.length === 0) throw new Error('WordSearch needs at least one word');
    for (const word of words)
      if (!/^[a-z]{2,255}$/.test(word))
        throw new Error(`WordSearch words are 2–255 lower-case letters: ${word}`);
    this.words = words.map((word) => Uint8Array.from(word, (c) => c.charCodeAt(0)));
    this.span = Math.min(...words.map((word) => word.length));
    // Every pair defaults to the longest shift; each pair a word holds (in all four letter cases) to
    // the distance from where it sits to the window's end.
    this.shift.fill(this.span - 1);
    for (const word of this.words)
      for (let j = 0; j + 1 < this.span; j++) {
        const distance = this.span - 2 - j;
        for (const a of cases(word[j] as number))
          for (const b of cases(word[j + 1] as number)) {
            const pair = (a << 8) | b;
            this.shift[pair] = Math.min(this.shift[pair] as number, distance);
          }
      }
  }

  /**
   * Every word that starts at or after `from` and ends by `to`, in order of position, into `out` (cleared
   * first). The range is searched in two halves at once, one step of each per turn of the loop: a step
   * waits on two dependent loads (a byte pair, then its shift), and two independent searches let the
   * processor overlap them, which measured about 1.7 times as fast as one search over JSON. A word that
   * starts in the first half is found by the first search even when it ends in the second.
   */
  findAll(bytes: Uint8Array, from: number, to: number, out: WordHits): void {
    out.clear();
    const later = this.later;
    later.clear();
    const span = this.span;
    const shift = this.shift;
    const mid = from + ((to - from) >> 1);
    // Window ends: the first search takes those of words starting before `mid`, the second the rest.
    const firstEnd = Math.min(mid + span - 1, to);
    let i = from + span - 1;
    let j = mid + span - 1;
    while (i < firstEnd && j < to) {
      const s = shift[((bytes[i - 1] as number) << 8) | (bytes[i] as number)] as number;
      const t = shift[((bytes[j - 1] as number) << 8) | (bytes[j] as number)] as number;
      if (s !== 0 && t !== 0) {
        i += s;
        j += t;
        continue;
      }
      if (s === 0) this.check(bytes, i++ - span + 1, to, out);
      else i += s;
      if (t === 0) this.check(bytes, j++ - span + 1, to, later);
      else j += t;
    }
    this.rest(bytes, i, firstEnd, to, out);
    this.rest(bytes, j, to, to, later);
    out.append(later);
  }

  /** Hits collected by the second half's search, appended to the first's at the end. */
  private readonly later = new WordHits();

  /** One search alone: window ends from `i` up to `end`, words ending by `to`. */
  private rest(bytes: Uint8Array, i: number, end: number, to: number, out: WordHits): void {
    const span = this.span;
    const shift = this.shift;
    while (i < end) {
      const s = shift[((bytes[i - 1] as number) << 8) | (bytes[i] as number)] as number;
      if (s === 0) this.check(bytes, i++ - span + 1, to, out);
      else i += s;
    }
  }

  /** Adds the word `bytes` hold at `start` (ending by `to`), if any, to `out`. */
  private check(bytes: Uint8Array, start: number, to: number, out: WordHits): void {
    const k = this.wordAt(bytes, start, to);
    if (k >= 0) out.push(start, k);
  }

  /** Which word `bytes` hold at `start` (ending by `to`), or -1. */
  private wordAt(bytes: Uint8Array, start: number, to: number): number {
    const words = this.words;
    for (let k = 0; k < words.length; k++) {
      const word = words[k] as Uint8Array;
      const length = word.length;
      if (start + length > to) continue;
      let j = 0;
      // `| 0x20` lower-cases exactly the bytes that can equal a lower-case letter: A–Z and a–z.
      while (j < length && ((bytes[start + j] as number) | 0x20) === word[j]) j++;
      if (j === length) return k;
    }
    return -1;
  }
}

/** A lower-case letter and its upper case. */
function cases(letter: number): [number, number] {
  return [letter, letter - 0x20];
}

/** Word hits in order of position: `at[k]` is where hit k starts, `word[k]` its index in the word list. */
export class WordHits {
  count = 0;
  readonly at: number[] = [];
  readonly word: number[] = [];

  clear(): void {
    this.count = 0;
    this.at.length = 0;
    this.word.length = 0;
  }

  push(at: number, word: number): void {
    this.at.push(at);
    this.word.push(word);
    this.count++;
  }

  /** Appends `other`'s hits (which all lie after this list's). */
  append(other: WordHits): void {
    for (let k = 0; k < other.count; k++) this.push(other.at[k] as number, other.word[k] as number);
  }
}
