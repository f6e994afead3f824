import type { Readable } from 'node:stream';
import { AuditFileError, MalformedRecordError, type RecordPosition } from './audit-errors';
import { field, isObject } from './fields';
import { JsonSplitter } from './json-splitter';
import { LineSplitter } from './line-splitter';
import { DEFAULT_MAX_RECORD_BYTES, type RawItem } from './raw-item';

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
}

/** Filled in while reading: how many records the input held (parsed or ruled out by the prefilter). */
export interface ReadStats {
  records: number;
}

const ENVELOPE_KEYS = ['value', 'records', 'directoryAudits'];

/**
 * Streams the records of one audit export, detecting its shape: a JSON array, a saved Graph page
 * `{value:[…]}`, an Azure Monitor export `{records:[…]}`, a tenant file `{directoryAudits:[…]}`,
 * JSON Lines (of records or of such envelopes), or concatenated documents. Memory stays bounded by
 * the record cap, whatever the input size: a record over it is yielded as `too-large` (position and
 * size) and the reading goes on. Records that cannot be TAP creations are counted but not parsed
 * (see `prefilter.ts`), so only candidates are yielded.
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
  let json: JsonSplitter | undefined;
  let lines: LineSplitter | undefined;
  let expanded = 0;
  const out: RawItem[] = [];
  for await (const raw of input) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    if (json === undefined) {
      const start = encodingCheck(chunk, name);
      chunk = chunk.subarray(start);
      json = new JsonSplitter(name, start, cap);
    }
    if (lines) lines.push(chunk, out);
    else {
      json.push(chunk, out);
      if (json.handOff) {
        lines = new LineSplitter(json.handOff, cap);
        lines.push(json.handOff.rest, out);
      }
    }
    for (const item of out) for (const record of parse(item)) yield record;
    out.length = 0;
  }
  if (lines) lines.end(out);
  else json?.end();
  for (const item of out) for (const record of parse(item)) yield record;
  stats.records = (json?.records ?? 0) + (lines?.records ?? 0) + expanded;

  function* parse(item: RawItem): Generator<AuditRecordItem> {
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
    expanded += records.length - 1;
    for (const record of records) yield { kind: 'record', record, position };
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
function encodingCheck(chunk: Buffer, name: string): number {
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
