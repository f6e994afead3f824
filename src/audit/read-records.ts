import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AuditFileError, MalformedRecordError, type RecordPosition } from './audit-errors';
import type { ChainCandidates } from './chain-candidates';
import { type CsvRow, CsvSplitter } from './csv-splitter';
import { field, isObject } from './fields';
import { JsonSplitter } from './json-splitter';
import { LineSplitter } from './line-splitter';
import { isPortalAuditHeader, notPortalAuditCsv, portalCsvRecord } from './portal-csv';
import { mayMatter } from './prefilter';
import { DEFAULT_MAX_RECORD_BYTES, ENVELOPE_KEYS, type RawItem } from './raw-item';

/** One record of an audit file, or one that could not be read (count it, skip it, go on). */
export type AuditRecordItem =
  | { kind: 'record'; record: unknown; position: RecordPosition }
  | { kind: 'malformed'; error: MalformedRecordError; position: RecordPosition }
  /** A record over the cap, skipped unread: `bytes` is its size. */
  | { kind: 'too-large'; position: RecordPosition; bytes: number };

/** How to read. */
export interface ReadOptions {
  /** Largest record kept and parsed, in bytes (default 16 MB); a larger one is skipped and reported. */
  maxRecordBytes?: number;
  /**
   * Where JSON records holding only chain words go unparsed (position and GUID hashes), to be read again
   * with `readChainCandidates` once the TAPs are known; without it they are parsed at once. Only for
   * inputs that can be read again (files).
   */
  chain?: ChainCandidates;
}

/** Filled in while reading: how many records the input held (parsed or ruled out by the prefilter). */
export interface ReadStats {
  records: number;
}

/**
 * Streams the records of one audit export, detecting its shape: a JSON array, a saved Graph page
 * `{value:[…]}`, an Azure Monitor export `{records:[…]}`, a tenant file `{directoryAudits:[…]}`,
 * JSON Lines (of records or of such envelopes), concatenated documents, or the audit log CSV that
 * the Entra admin center downloads (see `portal-csv.ts`). Memory stays bounded by the record cap,
 * whatever the input size: a JSON record over it is yielded as `too-large` (position and size) and the
 * reading goes on. Records that can be neither TAP creations nor chain records (sign-ins with a TAP,
 * method registrations and deletions, PIM activations) are counted but not parsed (see `prefilter.ts`),
 * so only candidates are yielded. Nothing keeps a reference to a chunk of `input` once the next chunk is
 * asked for, so a source may reuse its buffers (see `fileChunks`).
 * @param name how errors name the input (file path, or `stdin`).
 * @throws AuditFileError when the input cannot be split into records (truncated, broken structure).
 */
export async function* readAuditRecords(
  input: Readable | AsyncIterable<Buffer | string>,
  name: string,
  stats: ReadStats = { records: 0 },
  options: ReadOptions = {},
): AsyncGenerator<AuditRecordItem, void, undefined> {
  const cap = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let json: RecordSplitter | undefined;
  let csv: PortalCsv | undefined;
  const counter = { expanded: 0 };
  const out: RawItem[] = [];
  for await (const raw of input) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    if (json === undefined && csv === undefined) {
      const start = encodingCheck(chunk, name);
      chunk = chunk.subarray(start);
      if (looksLikeCsv(chunk)) csv = new PortalCsv(name);
      else json = new RecordSplitter(name, start, cap, options.chain);
    }
    if (csv) {
      yield* csv.push(chunk);
      continue;
    }
    json?.push(chunk, out);
    for (const item of out) yield* parseItem(item, counter);
    out.length = 0;
  }
  if (csv) yield* csv.end();
  json?.end(out);
  for (const item of out) yield* parseItem(item, counter);
  stats.records = (json?.records ?? 0) + counter.expanded + (csv?.records ?? 0);
}

/**
 * The JSON side of `readAuditRecords` without the parsing: splits JSON documents (and, once the first
 * one proves to be a line, JSON Lines) into the raw items the prefilter lets through. Synchronous, so
 * a reading thread can run it apart from the one that parses.
 */
export class RecordSplitter {
  private readonly json: JsonSplitter;
  private lines: LineSplitter | undefined;

  /** `startByte` is the offset of the first byte pushed (3 after a stripped UTF-8 BOM). */
  constructor(
    name: string,
    startByte: number,
    private readonly cap: number,
    private readonly chain?: ChainCandidates,
  ) {
    this.json = new JsonSplitter(name, startByte, cap, chain);
  }

  /** 1-based number of the line the splitting has reached (one past the last line after `end`). */
  get nextLine(): number {
    return this.lines?.nextLine ?? this.json.nextLine;
  }

  /** Records seen so far (parsed or ruled out), not counting those a line's envelope turns out to hold. */
  get records(): number {
    return this.json.records + (this.lines?.records ?? 0);
  }

  push(chunk: Buffer, out: RawItem[]): void {
    if (this.lines) {
      this.lines.push(chunk, out);
      return;
    }
    this.json.push(chunk, out);
    if (this.json.handOff) {
      this.lines = new LineSplitter(this.json.handOff, this.cap, this.chain);
      this.lines.push(this.json.handOff.rest, out);
    }
  }

  /** @throws AuditFileError when the input ends inside a JSON document. */
  end(out: RawItem[]): void {
    if (this.lines) this.lines.end(out);
    else this.json.end();
  }
}

/**
 * Reads again, by position, the records of file `path` that `candidates` kept and that name one of the
 * `ids` (hashes from `targetHashes`), and parses them. `stats.records` grows by the records a re-read line
 * turned out to hold beyond itself (an envelope).
 */
export async function* readChainCandidates(
  path: string,
  candidates: ChainCandidates,
  ids: ReadonlySet<number> | 'all',
  stats: ReadStats,
): AsyncGenerator<AuditRecordItem, void, undefined> {
  const wanted = candidates.wanted(ids);
  if (wanted.length === 0) return;
  const counter = { expanded: 0 };
  const file = await open(path, 'r');
  try {
    for (const { start, end, line, whole } of wanted) {
      const buffer = Buffer.allocUnsafe(end - start);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
      const text = buffer.toString('utf8', 0, bytesRead);
      yield* parseItem({ kind: 'text', text, whole, position: { line, byte: start } }, counter);
    }
  } finally {
    await file.close();
  }
  stats.records += counter.expanded;
}

/**
 * Parses one raw item into the records it holds (a whole JSON Lines line may be an array or envelope:
 * `counter.expanded` grows by the records beyond the first).
 */
export function* parseItem(item: RawItem, counter: { expanded: number }): Generator<AuditRecordItem> {
  const { position } = item;
  if (item.kind === 'malformed') {
    yield { kind: 'malformed', error: new MalformedRecordError(item.reason), position };
    return;
  }
  if (item.kind === 'too-large') {
    yield item;
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(item.text);
  } catch (cause) {
    yield { kind: 'malformed', error: new MalformedRecordError('invalid JSON', { cause }), position };
    return;
  }
  const records = item.whole ? unwrap(value) : [value];
  counter.expanded += records.length - 1;
  for (const record of records) yield { kind: 'record', record, position };
}

/** JSON starts with `{` or `[`; a download CSV with its header (a quote or a letter). */
export function looksLikeCsv(chunk: Buffer): boolean {
  for (const byte of chunk) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x22 || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
  }
  return false;
}

/**
 * The Entra admin center's audit log CSV: its header is checked first (a CSV with other columns is a
 * one-line error naming the download to use instead); each later row is counted, and rows that could be
 * TAP creations or chain records (the same prefilter as JSON) become Graph-shaped records.
 */
class PortalCsv {
  records = 0;
  private readonly decoder = new TextDecoder('utf-8');
  private readonly splitter: CsvSplitter;
  private header: string[] | undefined;

  constructor(private readonly name: string) {
    this.splitter = new CsvSplitter(name);
  }

  *push(chunk: Buffer): Generator<AuditRecordItem> {
    const rows: CsvRow[] = [];
    this.splitter.push(this.decoder.decode(chunk, { stream: true }), rows);
    yield* this.items(rows);
  }

  *end(): Generator<AuditRecordItem> {
    const rows: CsvRow[] = [];
    this.splitter.push(this.decoder.decode(), rows);
    this.splitter.end(rows);
    yield* this.items(rows);
  }

  private *items(rows: CsvRow[]): Generator<AuditRecordItem> {
    for (const row of rows) {
      if (this.header === undefined) {
        if (!isPortalAuditHeader(row.cells)) throw notPortalAuditCsv(this.name, row.cells);
        this.header = row.cells;
        continue;
      }
      this.records += 1;
      if (!row.cells.some((cell) => mayMatter(cell))) continue;
      yield { kind: 'record', record: portalCsvRecord(this.header, row.cells), position: row.position };
    }
  }
}

/** A JSON Lines line may hold an array of records or an envelope (Event Hubs writes `{records:[…]}`). */
function unwrap(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value) && field(value, 'id') === undefined) {
    for (const key of ENVELOPE_KEYS) {
      const inner = field(value, key);
      if (Array.isArray(inner)) return inner;
    }
  }
  return [value];
}

/** Skips a UTF-8 byte-order mark (PowerShell writes one); refuses UTF-16, which would read as garbage. */
export function encodingCheck(chunk: Buffer, name: string): number {
  if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return 3;
  if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
    throw new AuditFileError(
      name,
      { line: 1, byte: 0 },
      'UTF-16 input is not supported (convert it to UTF-8)',
    );
  }
  return 0;
}
