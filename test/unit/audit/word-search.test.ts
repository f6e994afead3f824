import { WordHits, WordSearch } from '../../../src/audit/word-search';

const WORDS = ['temporary', 'security', 'credential', 'register', 'activation'];

/** Deterministic bytes rich in the words' letters, their pieces and case variants, with some non-ASCII. */
function randomText(seed: { n: number }, length: number): Buffer {
  const rand = (k: number): number => {
    seed.n = (seed.n * 1103515245 + 12345) % 2 ** 31;
    return seed.n % k;
  };
  const pieces = [
    ...WORDS,
    'secur',
    'regist',
    'activ',
    'tempor',
    'ary',
    'ity',
    '"',
    ':',
    '-',
    ' ',
    '\n',
    'é',
    '\u212a',
    'ſ',
  ];
  let text = '';
  while (text.length < length) {
    const piece = pieces[rand(pieces.length)] as string;
    text += [...piece].map((c) => (rand(3) === 0 ? c.toUpperCase() : c)).join('');
  }
  return Buffer.from(text, 'utf8');
}

/** Every hit the reference (a case-insensitive regular expression over Latin-1 text) finds, in order. */
function expected(bytes: Buffer, from: number, to: number): { at: number; word: string }[] {
  const text = bytes.toString('latin1');
  const hits: { at: number; word: string }[] = [];
  for (let at = from; at < to; at++)
    for (const word of WORDS)
      if (at + word.length <= to && text.slice(at, at + word.length).toLowerCase() === word) {
        hits.push({ at, word });
        break;
      }
  return hits;
}

function found(
  search: WordSearch,
  bytes: Buffer,
  from: number,
  to: number,
  words: readonly string[] = WORDS,
): { at: number; word: string }[] {
  const hits = new WordHits();
  search.findAll(bytes, from, to, hits);
  return hits.at.map((at, k) => ({ at, word: words[hits.word[k] as number] as string }));
}

describe('WordSearch', () => {
  it('finds every word in any ASCII letter case, where a case-insensitive comparison finds it', () => {
    // Prepare
    const search = new WordSearch(WORDS);
    const seed = { n: 11 };

    // Act
    const mismatches: number[] = [];
    for (let round = 0; round < 200; round++) {
      const bytes = randomText(seed, 50 + (round % 7) * 40);
      const from = round % 5;
      const to = bytes.length - (round % 3);
      if (JSON.stringify(found(search, bytes, from, to)) !== JSON.stringify(expected(bytes, from, to)))
        mismatches.push(round);
    }

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('finds words at the very start and end of the range and none that cross its bounds', () => {
    // Prepare
    const search = new WordSearch(WORDS);
    const bytes = Buffer.from('SECURITYxxREGISTER');

    // Act & Assess
    expect(found(search, bytes, 0, bytes.length)).toEqual([
      { at: 0, word: 'security' },
      { at: 10, word: 'register' },
    ]);
    expect(found(search, bytes, 1, bytes.length - 1)).toEqual([]);
    expect(found(search, bytes, 0, 7)).toEqual([]);
  });

  it('finds every word around the places where the range is cut into parts searched apart', () => {
    // Prepare: the range is searched as three parts at once; put a word at every place across the cuts.
    const search = new WordSearch(WORDS);
    const mismatches: string[] = [];

    // Act
    for (const size of [17, 18, 40, 41, 1000, 1001])
      for (const word of WORDS)
        for (let at = 0; at + word.length <= size; at++) {
          const bytes = Buffer.alloc(size, 'x');
          bytes.write(word.toUpperCase(), at, 'latin1');
          const got = found(search, bytes, 0, size);
          if (JSON.stringify(got) !== JSON.stringify([{ at, word }]))
            mismatches.push(`${size} ${word} ${at}`);
        }

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('finds every word in long mixed text as a case-insensitive comparison does', () => {
    // Prepare
    const search = new WordSearch(WORDS);
    const seed = { n: 5 };

    // Act
    const mismatches: number[] = [];
    for (let round = 0; round < 20; round++) {
      const bytes = randomText(seed, 3000 + round * 97);
      const from = round % 11;
      const to = bytes.length - (round % 13);
      if (JSON.stringify(found(search, bytes, from, to)) !== JSON.stringify(expected(bytes, from, to)))
        mismatches.push(round);
    }

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('finds short words (windows under four bytes) as a case-insensitive comparison does', () => {
    // Prepare
    const words = ['ity', 'se', 'temporary'];
    const search = new WordSearch(words);
    const seed = { n: 3 };

    // Act
    const mismatches: number[] = [];
    for (let round = 0; round < 50; round++) {
      const bytes = randomText(seed, 200 + round * 13);
      const text = bytes.toString('latin1').toLowerCase();
      const want: { at: number; word: string }[] = [];
      for (let at = 0; at < bytes.length; at++) {
        const word = words.find((w) => text.startsWith(w, at));
        if (word) want.push({ at, word });
      }
      if (JSON.stringify(found(search, bytes, 0, bytes.length, words)) !== JSON.stringify(want))
        mismatches.push(round);
    }

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('does not fold characters outside ASCII onto letters (the Kelvin sign is not a k, ſ is not an s)', () => {
    // Prepare
    const search = new WordSearch(['kelvin', 'security']);
    const bytes = Buffer.from('\u212aelvin ſecurity', 'utf8');

    // Act & Assess
    expect(found(search, bytes, 0, bytes.length, ['kelvin', 'security'])).toEqual([]);
  });

  it('refuses words it cannot search for', () => {
    expect(() => new WordSearch([])).toThrow('1 to 32 words');
    expect(() => new WordSearch(Array.from({ length: 33 }, (_, k) => `w${'x'.repeat(k + 1)}`))).toThrow(
      '1 to 32 words',
    );
    expect(() => new WordSearch(['Security'])).toThrow('lower-case letters');
    expect(() => new WordSearch(['a'])).toThrow('lower-case letters');
    expect(() => new WordSearch(['pim activation'])).toThrow('lower-case letters');
  });
});
