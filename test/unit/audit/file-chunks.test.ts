import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainCandidates } from '../../../src/audit/chain-candidates';
import { fileChunks } from '../../../src/audit/file-chunks';
import { type AuditRecordItem, readAuditRecords } from '../../../src/audit/read-records';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const INPUTS = [
  ...readdirSync(join(FIXTURES, 'audit'))
    .filter((name) => /\.(json|jsonl)$/.test(name))
    .map((name) => join(FIXTURES, 'audit', name)),
  ...readdirSync(join(FIXTURES, 'chain')).map((name) => join(FIXTURES, 'chain', name)),
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tapwatch-chunks-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function concat(path: string, chunkBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of fileChunks(path, chunkBytes)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/**
 * Chunks of `bytes` in one buffer that is overwritten with `{` as soon as the next chunk is asked for:
 * the harshest source the readers' contract allows.
 */
async function* reusing(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  const scratch = Buffer.alloc(size);
  for (let at = 0; at < bytes.length; at += size) {
    const length = bytes.copy(scratch, 0, at, at + size);
    yield scratch.subarray(0, length);
    scratch.fill(0x7b);
  }
}

async function* fresh(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield Buffer.from(bytes.subarray(at, at + size));
}

async function read(source: AsyncIterable<Buffer>, name: string) {
  const stats = { records: 0 };
  const chain = new ChainCandidates();
  const items: AuditRecordItem[] = [];
  try {
    for await (const item of readAuditRecords(source, name, stats, { chain })) items.push(item);
  } catch (error) {
    return { error: String(error) };
  }
  return { items: JSON.stringify(items), records: stats.records, kept: [...chain.wanted('all')] };
}

describe('fileChunks()', () => {
  it.each([1, 7, 4096, 1024 * 1024])('yields the whole file, in order, with %i-byte chunks', async (size) => {
    // Prepare: a few kilobytes (a read each byte is slow) or every fixture.
    const all = Buffer.concat(INPUTS.map((path) => readFileSync(path)));
    const bytes = size < 4096 ? all.subarray(0, 5000) : all;
    const path = join(dir, `all-${size}.bin`);
    writeFileSync(path, bytes);

    // Act
    const got = await concat(path, size);

    // Assess
    expect(got.equals(bytes)).toBe(true);
  });

  it('yields nothing for an empty file and a file of exactly one chunk once', async () => {
    // Prepare
    const empty = join(dir, 'empty');
    const one = join(dir, 'one');
    writeFileSync(empty, '');
    writeFileSync(one, 'x'.repeat(64));

    // Act
    const none = await concat(empty, 64);
    const single: number[] = [];
    for await (const chunk of fileChunks(one, 64)) single.push(chunk.length);

    // Assess
    expect(none.length).toBe(0);
    expect(single).toEqual([64]);
  });

  it('reads only the range asked for, from its start to its end', async () => {
    // Prepare
    const path = join(dir, 'range.bin');
    const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, k) => k % 251));
    writeFileSync(path, bytes);

    // Act
    const parts: Buffer[] = [];
    for await (const chunk of fileChunks(path, 1000, { start: 1234, end: 8765 }))
      parts.push(Buffer.from(chunk));

    // Assess
    expect(Buffer.concat(parts).equals(bytes.subarray(1234, 8765))).toBe(true);
    expect(parts.map((p) => p.length)).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000, 531]);
  });

  it('fails with the file system error for a missing file', async () => {
    await expect(concat(join(dir, 'missing'), 64)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('readAuditRecords() over a source that reuses its chunk buffer', () => {
  it.each(
    INPUTS.flatMap((path) =>
      [3, 64, 1000].map((size) => [path.split('/').slice(-2).join('/'), size] as const),
    ),
  )('reads %s in %i-byte chunks exactly as from fresh buffers', async (name, size) => {
    // Prepare
    const bytes = readFileSync(join(FIXTURES, name));

    // Act
    const reused = await read(reusing(bytes, size), name);
    const copied = await read(fresh(bytes, size), name);

    // Assess
    expect(reused).toEqual(copied);
  });
});
