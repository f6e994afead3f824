import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ChainCandidates, targetHashes } from '../../../src/audit/chain-candidates';
import { CandidateScan, candidateKind } from '../../../src/audit/prefilter';
import { readAuditRecords, readChainCandidates } from '../../../src/audit/read-records';

const CHAIN = join(__dirname, '..', '..', 'fixtures', 'chain');
const GRACE = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
const IVY = '7c3e1a9b-2d4f-4e6a-8b1c-3d5e7f9a1b2c';

/** Reads a chain fixture as the scan reads a file: TAP candidates parsed, chain-only records kept. */
async function firstPass(name: string, chunkBytes = Number.POSITIVE_INFINITY) {
  const chain = new ChainCandidates();
  const stats = { records: 0 };
  const parsed: string[] = [];
  const buffer = readFileSync(join(CHAIN, name));
  const chunks: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += Math.min(chunkBytes, buffer.length))
    chunks.push(buffer.subarray(at, at + Math.min(chunkBytes, buffer.length)));
  for await (const item of readAuditRecords(Readable.from(chunks), name, stats, { chain }))
    if (item.kind === 'record') parsed.push((item.record as { id: string }).id.split('_').at(-2) ?? '');
  return { chain, stats, parsed };
}

async function reread(name: string, chain: ChainCandidates, ids: ReturnType<typeof targetHashes>) {
  const stats = { records: 0 };
  const got: string[] = [];
  for await (const item of readChainCandidates(join(CHAIN, name), chain, ids, stats))
    if (item.kind === 'record') got.push((item.record as { id: string }).id.split('_').at(-2) ?? '');
  return got;
}

describe('chain records kept unparsed until the TAPs are known', () => {
  it.each(['audits.graph.json', 'audits.jsonl'])(
    'keeps the security-info registrations of %s unparsed and reads back only those naming a TAP target',
    async (name) => {
      // Act
      const { chain, stats, parsed } = await firstPass(name);
      const grace = await reread(name, chain, targetHashes([GRACE.toUpperCase()]));
      const both = await reread(name, chain, targetHashes([GRACE, IVY]));
      const nobody = await reread(name, chain, targetHashes(['00000000-0000-4000-8000-000000000000']));

      // Assess
      expect(parsed.sort()).toEqual(['TAPGR', 'TAPIV']);
      expect(stats.records).toBe(5);
      expect(chain.count).toBe(3);
      expect(grace).toEqual(['PASSK']);
      expect(both).toEqual(['LATE1', 'PASSK']);
      expect(nobody).toEqual([]);
    },
  );

  it.each(['audits.graph.json', 'audits.jsonl'])(
    'keeps the same records of %s, at the same places, whatever the chunks it arrives in',
    async (name) => {
      // Act
      const wanted = async (size: number) => {
        const { chain } = await firstPass(name, size);
        return chain.wanted(targetHashes([GRACE, IVY]));
      };
      const whole = await wanted(Number.POSITIVE_INFINITY);

      // Assess
      expect(whole).toHaveLength(2);
      expect(await wanted(1)).toEqual(whole);
      expect(await wanted(97)).toEqual(whole);
    },
  );

  it('reads back every kept record when a TAP target id is not a GUID (the hash test could not find it)', async () => {
    // Act
    const { chain } = await firstPass('audits.jsonl');
    const all = await reread('audits.jsonl', chain, targetHashes([GRACE, 'alice@contoso.com']));

    // Assess
    expect(all).toEqual(['LATE1', 'NOISE', 'PASSK']);
  });
});

describe('ChainCandidates.add()', () => {
  /** Whether the record `text` (kept alone) is read back for the target `id`. */
  function keptFor(text: string, id: string): boolean {
    const chain = new ChainCandidates();
    const bytes = Buffer.from(text, 'latin1');
    chain.add(bytes, 0, bytes.length, 0, 1, true);
    return chain.wanted(targetHashes([id])).length === 1;
  }

  it('finds a GUID at every place in a record, in any letter case, whatever surrounds it', () => {
    // Prepare: the record is looked at every 36 bytes, so every offset modulo 36 must work.
    const misses: string[] = [];

    // Act
    for (const [left, right] of [
      ['"id":"', '"'],
      ['\\"id\\":\\"', '\\"'],
      ['UserId: ', ' '],
      ['', ''],
      ['x-y-', '-z'],
    ] as const)
      for (let pad = 0; pad < 80; pad++) {
        const id = pad % 2 === 0 ? GRACE : GRACE.toUpperCase();
        const text = `${'a'.repeat(pad)}${left}${id}${right}${'b'.repeat(pad % 7)}`;
        if (!keptFor(text, GRACE)) misses.push(`${pad} ${left}`);
      }

    // Assess
    expect(misses).toEqual([]);
  });

  it('finds every one of many GUIDs side by side, and none that only part of the record holds', () => {
    // Prepare
    const ids = Array.from(
      { length: 40 },
      (_, k) => `${String(k).padStart(8, '0')}-6e5f-4a3b-8c2d-1e0f9a8b7c6d`,
    );
    const text = ids.map((id) => `"${id}"`).join(',');
    const bytes = Buffer.from(`${text},"${GRACE}"`, 'latin1');
    const chain = new ChainCandidates();

    // Act: the record stops one byte into GRACE's closing part.
    chain.add(bytes, 0, bytes.length - 2, 0, 1, true);

    // Assess
    expect(ids.every((id) => chain.wanted(targetHashes([id])).length === 1)).toBe(true);
    expect(chain.wanted(targetHashes([GRACE]))).toEqual([]);
  });

  it('does not take dashes alone, dates or hex words for a GUID', () => {
    expect(keptFor(`"d":"2026-11-20T00:00:00Z","x":"----------------------------------------"`, GRACE)).toBe(
      false,
    );
    expect(keptFor('"face-bead-cafe-dead-beef-0123-4567-89ab"', GRACE)).toBe(false);
  });
});

describe('candidateKind()', () => {
  it.each([
    ['{"activityDisplayName":"User registered security info"}', 'chain'],
    ['{"activityDisplayName":"USER DELETED SECURITY INFO"}', 'chain'],
    ['{"activityDisplayName":"Add Windows Hello for Business credential"}', 'chain'],
    ['{"activityDisplayName":"Register device"}', 'chain'],
    ['{"activityDisplayName":"Add member to role completed (PIM activation)"}', 'chain'],
    [
      '{"activityDisplayName":"Admin registered security info","resultReason":"… Temporary Access Pass …"}',
      'tap',
    ],
    ['{"authenticationDetails":[{"authenticationMethod":"Temporary Access Pass"}]}', 'tap'],
    ['{"activityDisplayName":"Update user"}', undefined],
  ])('classes %s as %s', (text, kind) => {
    expect(candidateKind(Buffer.from(text))).toBe(kind);
  });

  it.each([
    ['{"activityDisplayName":"User registered security info","note":"\\u0054emporary"}', 'tap'],
    ['{"activityDisplayName":"Update user","note":"\\u0041"}', 'tap'],
    ['{"activityDisplayName":"Update user","note":"\\U0041"}', undefined],
    ['{"activityDisplayName":"User registered security info","reason":"… TEMPORARY access pass"}', 'tap'],
  ])('classes %s as %s (escapes and a TAP word after a chain word)', (text, kind) => {
    expect(candidateKind(Buffer.from(text))).toBe(kind);
  });

  it('classes each record of a region by the hits inside it alone, keeping the text of chain records', () => {
    // Prepare: hits before, inside and after each record; the escape and words of one record must not
    // leak into its neighbours.
    const lines = [
      '{"a":"Update user"}',
      '{"a":"User deleted security info","id":"x"}',
      '{"a":"nothing here"}',
      '{"a":"Register device"} ',
      '{"a":"\\u0041"}',
      '{"a":"Update group"}',
      '{"a":"Add member to role completed (PIM activation)","r":"temporary"}',
      '{"a":"Add FIDO2 security key"}',
    ];
    const bytes = Buffer.from(lines.join('\n'));
    const scan = new CandidateScan(bytes);

    // Act
    const kinds: (string | undefined)[] = [];
    let from = 0;
    for (const line of lines) {
      kinds.push(scan.kind(from, from + line.length));
      from += line.length + 1;
    }

    // Assess
    expect(kinds).toEqual([undefined, 'chain', undefined, 'chain', 'tap', undefined, 'tap', 'chain']);
  });

  it('relies on no character outside ASCII lower-casing to a letter of the chain words', () => {
    // Prepare: deviceCredentialActivity() lower-cases with Unicode rules.
    const letters = new Set('securitycredentialregisteractivation');
    const offenders: string[] = [];

    // Act
    for (let code = 0x80; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const lower = String.fromCodePoint(code).toLowerCase();
      if (lower.length === 1 && letters.has(lower)) offenders.push(code.toString(16));
    }

    // Assess
    expect(offenders).toEqual([]);
  });
});
