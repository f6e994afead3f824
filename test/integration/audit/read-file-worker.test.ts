import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as ChainModule from '../../../src/audit/chain-candidates';
import type * as ReadFileModule from '../../../src/audit/read-file';
import type { AuditRecordItem } from '../../../src/audit/read-records';
import { ROOT } from '../cli/built-cli';

// The reading threads run compiled code: these tests drive the built modules, as the CLI does.
const { readFileRecords } = require(
  join(ROOT, 'dist', 'src', 'audit', 'read-file.js'),
) as typeof ReadFileModule;
const { ChainCandidates } = require(
  join(ROOT, 'dist', 'src', 'audit', 'chain-candidates.js'),
) as typeof ChainModule;

const FIXTURES = join(ROOT, 'test', 'fixtures');
const [TAP] = JSON.parse(
  readFileSync(join(FIXTURES, 'audit', 'tap-variants.graph.json'), 'utf8'),
) as object[];
const CHAIN = readFileSync(join(FIXTURES, 'chain', 'audits.jsonl'), 'utf8')
  .trim()
  .split('\n');
const QUIET = readFileSync(join(FIXTURES, 'audit', 'quiet.jsonl'), 'utf8')
  .trim()
  .split('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tapwatch-read-worker-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A few MB of JSON Lines: TAPs, chain records, quiet records, broken lines, envelopes and one huge line. */
function generated(): string {
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++) {
    if (i % 50 === 0) lines.push(JSON.stringify({ ...TAP, id: `TAP_${i}` }));
    else if (i % 7 === 0) lines.push((CHAIN[i % CHAIN.length] as string).replace('"id":"', `"id":"C${i}_`));
    else if (i === 999) lines.push('{"id":"broken", "activityDisplayName":"User registered security info"');
    else if (i === 1999)
      lines.push(
        JSON.stringify({
          records: [
            { ...TAP, id: 'ENV_1' },
            { ...TAP, id: 'ENV_2' },
          ],
        }),
      );
    else if (i === 2999) lines.push(JSON.stringify({ id: 'HUGE', note: 'temporary '.repeat(30_000) }));
    else lines.push(QUIET[i % QUIET.length] as string);
  }
  return `${lines.join('\n')}\n`;
}

async function read(path: string, ranges: number, maxRecordBytes = 200_000) {
  const stats = { records: 0 };
  const chain = new ChainCandidates();
  const items: AuditRecordItem[] = [];
  try {
    for await (const item of readFileRecords(path, 'input', stats, { chain, ranges, maxRecordBytes }))
      items.push(item);
  } catch (error) {
    return { error: String(error) };
  }
  return { items: JSON.stringify(items), count: items.length, records: stats.records, chain: chain.state() };
}

describe('readFileRecords() reading a file in ranges side by side', () => {
  const inputs = [
    ...readdirSync(join(FIXTURES, 'audit')).map((name) => join('audit', name)),
    ...readdirSync(join(FIXTURES, 'chain')).map((name) => join('chain', name)),
  ].filter((name) => !name.endsWith('directory.json'));

  it.each(inputs)(
    'reads %s in 2, 3 and 4 ranges side by side exactly as the inline reader does',
    async (name) => {
      // Act
      const inline = await read(join(FIXTURES, name), 1);
      const threads = [
        await read(join(FIXTURES, name), 2),
        await read(join(FIXTURES, name), 3),
        await read(join(FIXTURES, name), 4),
      ];

      // Assess
      expect(threads).toEqual([inline, inline, inline]);
    },
  );

  it('reads a generated multi-megabyte file (chain records kept, envelopes, a broken and a huge line) as inline', async () => {
    // Prepare
    const path = join(dir, 'generated.jsonl');
    writeFileSync(path, generated());

    // Act
    const inline = await read(path, 1);
    const threads = [await read(path, 2), await read(path, 3), await read(path, 4)];

    // Assess
    expect(threads).toEqual([inline, inline, inline]);
    const worker = threads[2] as { records: number; chain: { count: number }; items: string };
    expect(worker).toMatchObject({ records: 6001 });
    expect((worker as { chain: { count: number } }).chain.count).toBeGreaterThan(500);
    expect((worker as { items: string }).items).toContain('"too-large"');
  });

  it('fails a truncated file with the same one-line error as the inline reader', async () => {
    // Prepare
    const path = join(dir, 'truncated.json');
    writeFileSync(path, `[${JSON.stringify({ ...TAP, id: 'A' })},\n{"id":"B","resultReason":"temporary`);

    // Act
    const worker = await read(path, 2);
    const inline = await read(path, 1);

    // Assess
    expect(worker).toEqual(inline);
    expect(worker).toMatchObject({
      error: expect.stringMatching(/^AuditFileError: input: truncated JSON at line 2/),
    });
  });

  it('stops the reading threads when the caller breaks off early, and reads the same file again afterwards', async () => {
    // Prepare
    const path = join(dir, 'early.jsonl');
    writeFileSync(path, generated());

    // Act
    let taken = 0;
    for await (const _item of readFileRecords(path, 'input', { records: 0 }, { ranges: 3 })) {
      if (++taken === 3) break;
    }
    const again = await read(path, 3);

    // Assess
    expect(taken).toBe(3);
    expect(again).toMatchObject({ records: 6001 });
  });

  it('delivers every record to a consumer slower than the readers', async () => {
    // Prepare
    const path = join(dir, 'slow.jsonl');
    writeFileSync(path, generated());
    const expected = await read(path, 1);

    // Act
    let count = 0;
    const options = { ranges: 3, maxRecordBytes: 200_000, chain: new ChainCandidates() } as const;
    for await (const _item of readFileRecords(path, 'input', { records: 0 }, options)) {
      if (count++ % 40 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }

    // Assess
    expect(count).toBe((expected as { count: number }).count);
  });
});
