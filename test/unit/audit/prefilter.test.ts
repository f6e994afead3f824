import { readFileSync } from 'node:fs';
import { normalize } from '../../../src/audit/normalize';
import { CandidateScan, candidateKind, mayHoldTapCreation } from '../../../src/audit/prefilter';
import { auditFixture, fixtureRecords, SHAPES } from './fixture';

const TEXT_KEYS = new Set([
  'result',
  'resultreason',
  'resultdescription',
  'activitydisplayname',
  'operationname',
  'type',
]);

/**
 * The record with the letters of every text the TAP test reads (result, reason, activity, target
 * type, modified-property names) in a random case, deterministic per seed. Ids and values keep
 * their meaning. JSON-text columns are decoded, scrambled and encoded again.
 */
function scrambleCase(value: unknown, seed: { n: number }, inProperties = false): unknown {
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    return JSON.stringify(scrambleCase(JSON.parse(value), seed, inProperties));
  }
  if (Array.isArray(value)) return value.map((v) => scrambleCase(v, seed, inProperties));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      const k = key.toLowerCase();
      if (typeof v === 'string' && (TEXT_KEYS.has(k) || (inProperties && k === 'displayname'))) {
        return [key, scrambleText(v, seed)];
      }
      return [key, scrambleCase(v, seed, k === 'modifiedproperties')];
    }),
  );
}

function scrambleText(text: string, seed: { n: number }): string {
  return [...text]
    .map((ch) => {
      seed.n = (seed.n * 1103515245 + 12345) % 2 ** 31;
      return seed.n % 4 < 2 ? ch.toUpperCase() : ch.toLowerCase();
    })
    .join('');
}

/** Writes every non-ASCII character, and every letter of "temporary", as a `\u` escape. */
function escapeLetters(json: string): string {
  return json.replace(
    /[temporaryTEMPORARY]|[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

describe('mayHoldTapCreation()', () => {
  const variants = SHAPES.flatMap(({ file }) => fixtureRecords(`tap-variants.${file}.json`));

  it('lets every TAP variant through, compact or pretty-printed', () => {
    // Act
    const missed = variants.filter(
      (r) =>
        !mayHoldTapCreation(JSON.stringify(r)) ||
        !mayHoldTapCreation(Buffer.from(JSON.stringify(r, null, 2))),
    );

    // Assess
    expect(variants.length).toBe(24);
    expect(missed).toEqual([]);
  });

  it('lets through every TAP variant whose letters are in any case, and those still normalize to events', () => {
    // Prepare
    const seed = { n: 7 };
    const scrambled = variants.flatMap((r) => [1, 2, 3].map(() => scrambleCase(r, seed)));

    // Act
    const results = scrambled.map((r) => ({
      passes: mayHoldTapCreation(JSON.stringify(r)),
      events: normalize(r).length,
      text: JSON.stringify(r),
    }));

    // Assess
    expect(results.filter((r) => !r.passes || r.events === 0)).toEqual([]);
    expect(results.filter((r) => /Admin registered temporary/.test(r.text))).toEqual([]);
  });

  it('lets through a TAP record whose letters are all written as \\u escapes', () => {
    // Prepare
    const [real] = fixtureRecords('tap-variants.graph.json');
    const escaped = escapeLetters(JSON.stringify(real));

    // Act
    const passes = mayHoldTapCreation(escaped);
    const events = normalize(JSON.parse(escaped));

    // Assess
    expect(escaped).not.toMatch(/temporary/i);
    expect(passes).toBe(true);
    expect(events).toHaveLength(1);
  });

  it('rules out benign records that never mention a temporary access pass', () => {
    // Prepare
    const lines = readFileSync(auditFixture('quiet.jsonl'), 'utf8').trim().split('\n');

    // Act
    const passed = lines.filter((line) => mayHoldTapCreation(line));

    // Assess: only the TAP deletion, the failed TAP and the policy change mention it.
    expect(lines.length - passed.length).toBe(8);
    expect(passed.map((l) => JSON.parse(l).id.split('_').at(-2))).toEqual(['DEL01', 'FAIL1', 'POL01']);
  });

  it('relies on no character outside ASCII matching a letter of "temporary" case-insensitively', () => {
    // Prepare
    const folded = /[temporary]/i;
    const lowered = /[temporary]/;
    const offenders: string[] = [];

    // Act
    for (let code = 0x80; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      if (folded.test(ch) || lowered.test(ch.toLowerCase())) offenders.push(code.toString(16));
    }

    // Assess
    expect(offenders).toEqual([]);
  });
});

describe('CandidateScan over a large region', () => {
  it('answers every record as a search of that record alone does, across the whole region', () => {
    // Prepare: 300 KB of lines of many lengths, words (or an escape) at their very ends.
    const words = [
      'temporary',
      'security',
      'Credential',
      'REGISTER',
      'activation',
      'plain',
      'te\\u006dporary',
    ];
    const lines: string[] = [];
    for (let n = 0; lines.join('\n').length < 300 * 1024; n++)
      lines.push(`{"a":"${'x'.repeat((n * 977) % 3000)}${words[n % words.length]}"}`);
    const region = Buffer.from(lines.join('\n'));
    const scan = new CandidateScan(region);

    // Act
    const mismatches: number[] = [];
    let from = 0;
    lines.forEach((line, n) => {
      const alone = candidateKind(Buffer.from(line));
      if (scan.kind(from, from + line.length) !== alone) mismatches.push(n);
      from += line.length + 1;
    });

    // Assess
    expect(lines.length).toBeGreaterThan(150);
    expect(mismatches).toEqual([]);
  });
});
