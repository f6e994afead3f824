import type { ChainCandidates } from './chain-candidates';
import { FILE_CHUNK_BYTES, fileChunks } from './file-chunks';
import { LineSplitter } from './line-splitter';
import type { RawItem } from './raw-item';
import { encodingCheck, RecordSplitter } from './read-records';

/** One part of a file to split into records (see read-file.ts). */
export interface RangeRead {
  path: string;
  /** How errors name the file. */
  name: string;
  maxRecordBytes: number;
  range: { start: number; end: number };
  /**
   * The range starts at a line of a JSON Lines file other than the first: it is read as lines from the
   * start, and its line numbers count from 1 (the caller adds the lines before it).
   */
  linesFrom: boolean;
}

/** Filled in when a range has been read: its records, and how many lines it held. */
export interface RangeEnd {
  records: number;
  lines: number;
}

/** A batch is handed on once its items' text reaches this size, or this many items. */
const BATCH_BYTES = 1024 * 1024;
const BATCH_ITEMS = 8192;

/**
 * The raw items of one range (what the prefilter lets through, unparsed), in batches of about 1 MB of
 * text. The file is JSON or JSON Lines (read-file.ts plans ranges only after reading its head), so an
 * admin-center CSV download is not looked for here. `end` is filled in once the range is done.
 * @throws AuditFileError when the range cannot be split into records.
 */
export async function* readRange(
  read: RangeRead,
  chain: ChainCandidates | undefined,
  end: RangeEnd,
): AsyncGenerator<RawItem[], void, undefined> {
  let splitter: RecordSplitter | LineSplitter | undefined = read.linesFrom
    ? new LineSplitter({ line: 1, byte: read.range.start }, read.maxRecordBytes, chain)
    : undefined;
  let out: RawItem[] = [];
  let outBytes = 0;
  for await (let chunk of fileChunks(read.path, FILE_CHUNK_BYTES, read.range)) {
    if (splitter === undefined) {
      const start = encodingCheck(chunk, read.name);
      chunk = chunk.subarray(start);
      splitter = new RecordSplitter(read.name, start, read.maxRecordBytes, chain);
    }
    const before = out.length;
    splitter.push(chunk, out);
    for (let k = before; k < out.length; k++) {
      const item = out[k] as RawItem;
      outBytes += item.kind === 'text' ? item.text.length : 64;
    }
    if (outBytes >= BATCH_BYTES || out.length >= BATCH_ITEMS) {
      yield out;
      out = [];
      outBytes = 0;
    }
  }
  splitter?.end(out);
  if (out.length > 0) yield out;
  end.records = splitter?.records ?? 0;
  end.lines = (splitter?.nextLine ?? 1) - 1;
}
