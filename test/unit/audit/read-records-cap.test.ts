import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_MAX_RECORD_BYTES } from '../../../src/audit/raw-item';
import { type AuditRecordItem, readAuditRecords } from '../../../src/audit/read-records';
import { fixtureRecords } from './fixture';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const CHUNK = 256 * 1024;
/** The record cap used here: small, so a line many times larger is quick to generate. */
const CAP = 1 * MB;
const HUGE = 64 * MB;

const tap = (id: string) => JSON.stringify({ ...fixtureRecords('tap-variants.graph.json')[0], id });

/** Bytes the process holds that a reader could keep: JS heap plus Buffers. */
function held(): number {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

interface HugeInput {
  /** Text before the huge value, the huge value's opening (e.g. `{"id":"big","pad":"`), its close, the rest. */
  before: string;
  open: string;
  close: string;
  after: string;
  /** Filled in while streaming: bytes held in the second half of the huge value above the baseline (median). */
  midwayGrowth?: number;
}

/**
 * Streams `before`, then a value of `HUGE` bytes generated a chunk at a time (never held whole), then
 * `after`. Through the second half of the value it measures what the process holds, after a full GC.
 */
function hugeInput(spec: HugeInput): Readable {
  return Readable.from(
    (function* () {
      const baseline = held();
      const samples: number[] = [];
      yield Buffer.from(spec.before + spec.open);
      const chunks = Math.ceil((HUGE - spec.open.length - spec.close.length) / CHUNK);
      for (let i = 0; i < chunks; i++) {
        yield Buffer.alloc(CHUNK, 0x61);
        if (i >= chunks / 2 && i % 16 === 0) samples.push(held() - baseline);
      }
      // The median: another part of the process may hold a transient buffer at any one sample.
      spec.midwayGrowth = samples.sort((a, b) => a - b)[samples.length >> 1] ?? Number.NaN;
      yield Buffer.from(spec.close + spec.after);
    })(),
    { objectMode: false },
  );
}

async function collect(input: Readable, maxRecordBytes?: number) {
  const items: AuditRecordItem[] = [];
  const stats = { records: 0 };
  const options = maxRecordBytes === undefined ? {} : { maxRecordBytes };
  for await (const item of readAuditRecords(input, 'huge.json', stats, options)) items.push(item);
  const ids = items.flatMap((i) => (i.kind === 'record' ? [(i.record as { id: string }).id] : []));
  const tooLarge = items.flatMap((i) => (i.kind === 'too-large' ? [i] : []));
  return { items, ids, tooLarge, stats };
}

describe('readAuditRecords() with a record cap', () => {
  it('defaults to a 16 MB cap', () => {
    expect(DEFAULT_MAX_RECORD_BYTES).toBe(16 * MB);
  });

  it('skips a JSON Lines line far over the cap, counts it with its position, reads the lines after it, and holds no more than about the cap', async () => {
    // Prepare
    const first = `${tap('before')}\n`;
    const spec: HugeInput = {
      before: first,
      open: '{"id":"big","pad":"',
      close: '"}\n',
      after: `${tap('after-1')}\n${tap('after-2')}\n`,
    };

    // Act
    const got = await collect(hugeInput(spec), CAP);

    // Assess
    expect(got.ids).toEqual(['before', 'after-1', 'after-2']);
    expect(got.tooLarge).toEqual([
      { kind: 'too-large', position: { line: 2, byte: first.length }, bytes: expect.any(Number) },
    ]);
    expect(got.tooLarge[0]?.bytes).toBeGreaterThanOrEqual(HUGE - CHUNK);
    expect(got.stats.records).toBe(4);
    expect(spec.midwayGrowth).toBeLessThan(4 * CAP + 2 * CHUNK);
  });

  it('skips an array element far over the cap inside a {value:[…]} page, reads the elements after it, and holds no more than about the cap', async () => {
    // Prepare
    const before = `{"value":[\n${tap('before')},\n`;
    const spec: HugeInput = {
      before,
      open: '{"id":"big","pad":"',
      close: '"}',
      after: `,\n${tap('after-1')},\n${tap('after-2')}\n]}\n`,
    };

    // Act
    const got = await collect(hugeInput(spec), CAP);

    // Assess
    expect(got.ids).toEqual(['before', 'after-1', 'after-2']);
    expect(got.tooLarge).toEqual([
      { kind: 'too-large', position: { line: 3, byte: before.length }, bytes: expect.any(Number) },
    ]);
    expect(got.tooLarge[0]?.bytes).toBeGreaterThanOrEqual(HUGE - CHUNK);
    expect(got.stats.records).toBe(4);
    expect(spec.midwayGrowth).toBeLessThan(4 * CAP + 2 * CHUNK);
  });

  it('skips a pretty-printed top-level record over the cap and reads the document after it', async () => {
    // Prepare
    const spec: HugeInput = {
      before: '{\n  "id": "big",\n',
      open: '  "pad": "',
      close: '"\n}\n',
      after: JSON.stringify(JSON.parse(tap('after')), null, 2),
    };

    // Act
    const got = await collect(hugeInput(spec), CAP);

    // Assess
    expect(got.ids).toEqual(['after']);
    expect(got.tooLarge.map((t) => t.position)).toEqual([{ line: 1, byte: 0 }]);
    expect(got.stats.records).toBe(2);
  });

  it.each([
    ['JSON Lines', (a: string, b: string, c: string) => `${a}\n${b}\n${c}\n`],
    ['a JSON array', (a: string, b: string, c: string) => `[${a},\n${b},\n${c}]`],
  ])('skips a record over the cap even when it arrives inside one chunk (%s)', async (_shape, build) => {
    // Prepare
    const big = JSON.stringify({ ...JSON.parse(tap('big')), pad: 'x'.repeat(5000) });
    const input = Buffer.from(build(tap('a'), big, tap('b')));
    const cap = Buffer.byteLength(big) - 1;

    // Act
    const skipped = await collect(Readable.from([input]), cap);
    const kept = await collect(Readable.from([input]), cap + 1);

    // Assess
    expect(skipped.ids).toEqual(['a', 'b']);
    expect(skipped.tooLarge).toEqual([
      { kind: 'too-large', position: { line: 2, byte: input.indexOf('\n') + 1 }, bytes: cap + 1 },
    ]);
    expect(kept.ids).toEqual(['a', 'big', 'b']);
  });

  it('gives the same items whatever the chunk size', async () => {
    // Prepare
    const big = JSON.stringify({ id: 'big', pad: 'y'.repeat(20_000) });
    const text = `${tap('a')}\n${big}\n${tap('b')}\n${big}`;
    const input = Buffer.from(text);
    const chunked = (size: number) =>
      Readable.from(
        (function* () {
          for (let i = 0; i < input.length; i += size) yield input.subarray(i, i + size);
        })(),
      );

    // Act
    const whole = await collect(chunked(input.length), 10_000);
    const small = await collect(chunked(333), 10_000);
    const bytes = await collect(chunked(1), 10_000);

    // Assess
    expect(whole.tooLarge.map((t) => [t.position.line, t.bytes])).toEqual([
      [2, big.length],
      [4, big.length],
    ]);
    expect(small.items).toEqual(whole.items);
    expect(bytes.items).toEqual(whole.items);
  });
});
