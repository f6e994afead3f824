import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { AuditFileError } from '../../../src/audit/audit-errors';
import { ChainCandidates } from '../../../src/audit/chain-candidates';
import { type ReadStats, readAuditRecords } from '../../../src/audit/read-records';
import { auditFixture, fixtureRecords } from './fixture';

interface Collected {
  records: { id: string; line: number; byte: number }[];
  malformed: { line: number; reason: string }[];
  stats: ReadStats;
  /** Records holding only chain words, kept unparsed as the scan keeps them for files. */
  chain: ChainCandidates;
}

function* chunksOf(buffer: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

async function collect(
  input: Buffer | Readable,
  chunkSize = 64 * 1024,
  name = 'input.json',
): Promise<Collected> {
  const stream = Buffer.isBuffer(input) ? Readable.from(chunksOf(input, chunkSize)) : input;
  const out: Collected = { records: [], malformed: [], stats: { records: 0 }, chain: new ChainCandidates() };
  for await (const item of readAuditRecords(stream, name, out.stats, { chain: out.chain })) {
    if (item.kind === 'record') {
      const record = item.record as { id?: string; Id?: string; properties?: { id: string } };
      out.records.push({ id: record.id ?? record.Id ?? record.properties?.id ?? '?', ...item.position });
    } else if (item.kind === 'malformed')
      out.malformed.push({ line: item.position.line, reason: item.error.reason });
    else throw new Error(`unexpected too-large record at line ${item.position.line}`);
  }
  return out;
}

const file = (name: string): Buffer => readFileSync(auditFixture(name));
const ids = (c: Collected): string[] => c.records.map((r) => r.id.split('_').at(-2) ?? r.id);

describe('readAuditRecords() container shapes', () => {
  it('reads every element of a JSON array', async () => {
    // Act
    const got = await collect(file('tap-variants.graph.json'));

    // Assess
    expect(ids(got)).toEqual(['1ZG16', 'X4K2P', 'Q7M1Z', 'L9W3F', 'C0A1S', 'P1R0P', 'T2W0X', 'S3LF1']);
    expect(got.stats.records).toBe(8);
    expect(got.malformed).toEqual([]);
  });

  it('reads a saved Graph page, yielding only records the prefilter cannot rule out', async () => {
    // Act
    const got = await collect(file('page.value.json'));

    // Assess
    expect(ids(got)).toEqual(['X4K2P', 'Q7M1Z', 'DEL01']);
    expect(got.stats.records).toBe(5);
  });

  it('reads an Azure Monitor {records:[…]} export', async () => {
    // Act
    const got = await collect(file('tap-variants.azure-monitor.json'));

    // Assess
    expect(got.records).toHaveLength(8);
    expect(got.stats.records).toBe(8);
  });

  it('reads JSON Lines, with the line and byte offset of each record', async () => {
    // Prepare
    const input = file('mixed.jsonl');
    const lineStarts = [0, ...[...input.toString('latin1').matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];

    // Act
    const got = await collect(input, 100);

    // Assess
    expect(ids(got)).toEqual(['1ZG16', 'L9W3F', 'FAIL1', 'S3LF1', 'POL01']);
    expect(got.records.map((r) => r.line)).toEqual([2, 4, 5, 6, 7]);
    expect(got.records.map((r) => r.byte)).toEqual([2, 4, 5, 6, 7].map((line) => lineStarts[line - 1]));
    expect(got.stats.records).toBe(7);
  });

  it('unwraps Event Hubs lines that each hold a {records:[…]} envelope', async () => {
    // Act
    const got = await collect(file('eventhub.jsonl'));

    // Assess
    // The first document's elements are split one by one: its security-info registration is kept
    // unparsed for later. A later envelope line is parsed at once, so its records are counted exactly
    // (its registration is handed on with the TAP). All three are counted.
    expect(ids(got)).toEqual(['T2W0X', 'DPHN1']);
    expect(got.stats.records).toBe(3);
    expect(got.chain.count).toBe(1);
  });

  it('reads pretty-printed documents that follow one another, and a lone record', async () => {
    // Prepare
    const records = fixtureRecords('tap-variants.graph.json');
    const concatenated = Buffer.from(records.map((r) => JSON.stringify(r, null, 2)).join('\n'));
    const single = Buffer.from(JSON.stringify(records[0], null, 4));

    // Act
    const fromConcatenated = await collect(concatenated);
    const fromSingle = await collect(single);

    // Assess
    expect(fromConcatenated.records).toHaveLength(8);
    expect(ids(fromSingle)).toEqual(['1ZG16']);
  });

  it('skips a UTF-8 byte-order mark and reads CRLF line endings', async () => {
    // Prepare
    const crlf = file('mixed.jsonl').toString('utf8').replaceAll('\n', '\r\n');
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]);

    // Act
    const got = await collect(input);

    // Assess
    expect(ids(got)).toEqual(['1ZG16', 'L9W3F', 'FAIL1', 'S3LF1', 'POL01']);
    expect(got.records[0]?.byte).toBe(3 + crlf.indexOf('\n') + 1);
  });

  it.each([
    'tap-variants.graph.json',
    'tap-variants.log-analytics.json',
    'quiet.azure-monitor.json',
    'page.value.json',
    'mixed.jsonl',
    'eventhub.jsonl',
    'malformed-line.jsonl',
  ])('yields the same records and positions from %s whatever the chunk size', async (name) => {
    // Prepare
    const input = file(name);

    // Act
    const whole = await collect(input, input.length);
    const bytes = await collect(input, 1);
    const odd = await collect(input, 777);

    // Assess
    expect(whole.records.length + whole.malformed.length).toBeGreaterThan(0);
    expect(bytes).toEqual(whole);
    expect(odd).toEqual(whole);
  });

  it('splits big JSON Lines chunks in segments without losing or moving a line, even one longer than a segment', async () => {
    // Prepare
    const [real] = fixtureRecords('tap-variants.graph.json');
    const long = JSON.stringify({
      ...real,
      id: 'long',
      additionalDetails: [{ key: 'k', value: 'x'.repeat(150_000) }],
    });
    const lines = Array.from({ length: 400 }, (_, i) =>
      i === 250 ? long : JSON.stringify({ ...real, id: `r${i}` }),
    );
    const input = Buffer.from(`${lines.join('\n')}\n`);

    // Act
    const whole = await collect(input, input.length);
    const pieces = await collect(input, 70_001);
    const small = await collect(input, 4096);

    // Assess
    expect(whole.records).toHaveLength(400);
    expect(whole.records[250]).toMatchObject({ id: 'long', line: 251 });
    expect(pieces).toEqual(whole);
    expect(small).toEqual(whole);
  });

  it('keeps strings with escaped quotes, backslashes, brackets and non-ASCII text intact', async () => {
    // Prepare
    const [real] = fixtureRecords('tap-variants.graph.json') as [
      { targetResources: { displayName: string }[] },
    ];
    const tricky = 'Zoë "}]\\" \\\\ [{ 東京 🙂';
    (real.targetResources[0] as { displayName: string }).displayName = tricky;
    const input = Buffer.from(JSON.stringify({ value: [real, real] }));

    // Act
    const records: unknown[] = [];
    for await (const item of readAuditRecords(Readable.from(chunksOf(input, 3)), 'x')) records.push(item);

    // Assess
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({
      kind: 'record',
      record: { targetResources: [{ displayName: tricky }] },
    });
  });
});

describe('readAuditRecords() on broken input', () => {
  it('reports cut-off and stray lines in JSON Lines as malformed records with their line, and reads the rest', async () => {
    // Act
    const got = await collect(file('malformed-line.jsonl'));

    // Assess
    expect(got.malformed).toEqual([
      { line: 4, reason: 'not a complete JSON object' },
      { line: 6, reason: 'not a complete JSON object' },
    ]);
    expect(got.records.map((r) => [r.id.split('_').at(-2), r.line])).toEqual([
      ['1ZG16', 3],
      ['S3LF1', 5],
    ]);
    expect(got.stats.records).toBe(6);
  });

  it('reports a line that looks complete but is not JSON as invalid JSON', async () => {
    // Prepare
    const input = Buffer.from('{"id": "a", "resultReason": "temporary access pass", }\n');

    // Act
    const got = await collect(input);

    // Assess
    expect(got.malformed).toEqual([{ line: 1, reason: 'invalid JSON' }]);
  });

  it('fails a truncated JSON file with its name, line and byte, after the records before the cut', async () => {
    // Prepare
    const input = file('truncated-array.txt');
    const seen: string[] = [];
    const lines = input.toString('utf8').split('\n');
    const cutRecordLine = lines.lastIndexOf('  {') + 1;

    // Act
    const act = async () => {
      for await (const item of readAuditRecords(
        Readable.from(chunksOf(input, 500)),
        'exports/truncated-array.txt',
      )) {
        if (item.kind === 'record') seen.push((item.record as { id: string }).id);
      }
    };

    // Assess
    await expect(act()).rejects.toThrow(AuditFileError);
    await expect(act()).rejects.toThrow(
      `exports/truncated-array.txt: truncated JSON at line ${lines.length} (byte ${input.length}): input ends inside the record that starts at line ${cutRecordLine}`,
    );
    expect(seen[0]).toBe('Authentication Methods_a412fc4e-c5e5-4f37-a928-896c34deb7ee_1ZG16_116958925');
  });

  it.each([
    ['a mismatched bracket', 'mismatched-brackets.txt', "m.json: unexpected '}' at line 2 (byte 36)"],
    [
      'a top-level number',
      Buffer.from('\n 42'),
      'm.json: expected a JSON array or object at line 2 (byte 2)',
    ],
    ['UTF-16 text', Buffer.from([0xff, 0xfe, 0x5b, 0x00]), 'm.json: UTF-16 input is not supported'],
  ])('fails %s with a one-line error naming the position', async (_name, source, message) => {
    // Prepare
    const input = typeof source === 'string' ? file(source) : source;

    // Act
    const act = () => collect(input, 64, 'm.json');

    // Assess
    await expect(act()).rejects.toThrow(message);
  });

  it('reports array elements that are not objects as malformed records', async () => {
    // Prepare
    const input = Buffer.from('[1, "temporary", null, [], {"id": "a"}]');

    // Act
    const got = await collect(input, 4);

    // Assess
    expect(got.malformed.map((m) => m.reason)).toEqual(Array(4).fill('not a JSON object'));
    expect(got.stats.records).toBe(5);
  });
});
