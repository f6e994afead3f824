import { existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AuditFileError } from './audit-errors';
import { fileChunks } from './file-chunks';
import { JsonSplitter } from './json-splitter';
import { type RangeEnd, readRange } from './range-reader';
import { DEFAULT_MAX_RECORD_BYTES, type RawItem } from './raw-item';
import {
  type AuditRecordItem,
  encodingCheck,
  looksLikeCsv,
  parseItem,
  type ReadOptions,
  type ReadStats,
  readAuditRecords,
} from './read-records';
import type { ReadWorkerCommand, ReadWorkerData, ReadWorkerMessage } from './read-worker';

/**
 * Each range of a JSON Lines file is at least this large. A reading thread costs about 0.05 s of CPU
 * before it reads at full speed (a fresh V8 isolate loads the modules and compiles the search again),
 * as much as reading some 40 MB, so ranges pay off only at several times that (measured:
 * bench/results.md, scan). Smaller files are read inline.
 */
export const BYTES_PER_RANGE = 256 * 1024 * 1024;
/** Ranges of one file at most: past four, the parsing thread and the disk set the pace. */
const MAX_RANGES = 4;
/** Batches (about 1 MB of candidate text each) a reading thread may post ahead of the parser. */
const BATCHES_AHEAD = 16;
/** How much of the file's start is examined to tell JSON Lines from other shapes. */
const HEAD_BYTES = 1024 * 1024;
/** How far past a planned cut a line end is looked for before that cut is given up. */
const CUT_SEARCH_BYTES = 16 * 1024 * 1024;
/** The compiled reading thread; absent when the sources run untranspiled (tests), which read inline. */
const WORKER_FILE = join(__dirname, 'read-worker.js');

/** Reading options for files: `ranges` forces how many ranges a JSON Lines file is read in (1: inline). */
export interface FileReadOptions extends ReadOptions {
  ranges?: number;
}

/**
 * The records of one regular file, exactly as `readAuditRecords` would yield them: same items, order,
 * counts, positions and errors. A large JSON Lines file is cut at line ends into ranges read side by
 * side: this thread reads the first while a thread of its own reads each other, and takes their items
 * in file order, line numbers shifted by the lines before each range. The prefilter looks at every
 * byte and the parsing only at candidates, so the reading is what is shared out.
 */
export async function* readFileRecords(
  path: string,
  name: string,
  stats: ReadStats = { records: 0 },
  options: FileReadOptions = {},
): AsyncGenerator<AuditRecordItem, void, undefined> {
  const size = (await stat(path)).size;
  const wanted =
    options.ranges ?? Math.min(MAX_RANGES, availableParallelism(), Math.floor(size / BYTES_PER_RANGE));
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const ranges =
    wanted >= 2 && existsSync(WORKER_FILE) ? await planRanges(path, size, wanted, maxRecordBytes) : [];
  if (ranges.length < 2) {
    yield* readAuditRecords(fileChunks(path), name, stats, options);
    return;
  }
  const readers = ranges.slice(1).map(
    (range) =>
      new ReaderThread({
        tapwatchReadWorker: true,
        path,
        name,
        maxRecordBytes,
        chain: options.chain !== undefined,
        batchesAhead: BATCHES_AHEAD,
        range,
        linesFrom: true,
      }),
  );
  try {
    const counter = { expanded: 0 };
    const first: RangeEnd = { records: 0, lines: 0 };
    const range = ranges[0] as { start: number; end: number };
    for await (const batch of readRange(
      { path, name, maxRecordBytes, range, linesFrom: false },
      options.chain,
      first,
    )) {
      for (const item of batch) yield* parseItem(item, counter);
    }
    let records = first.records;
    let linesBefore = first.lines;
    for (const reader of readers) {
      for (;;) {
        const message = await reader.next();
        if (message.kind === 'items') {
          for (const item of message.items) yield* parseItem(shifted(item, linesBefore), counter);
        } else if (message.kind === 'failed') {
          const error = message.error;
          if (error.kind === 'audit-file') {
            const position = { line: error.position.line + linesBefore, byte: error.position.byte };
            throw new AuditFileError(error.file, position, error.problem, error.detail);
          }
          throw Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
        } else {
          records += message.records;
          if (message.chain) options.chain?.append(message.chain, linesBefore);
          linesBefore += message.lines;
          break;
        }
      }
    }
    stats.records = records + counter.expanded;
  } finally {
    await Promise.all(readers.map((reader) => reader.stop()));
  }
}

/** One reading thread and the messages it has posted, taken one at a time. */
class ReaderThread {
  private readonly worker: Worker;
  private readonly inbox: ReadWorkerMessage[] = [];
  private failure: Error | undefined;
  private exited = false;
  private finished = false;
  private wake: (() => void) | undefined;

  constructor(data: ReadWorkerData) {
    this.worker = new Worker(WORKER_FILE, { workerData: data });
    this.worker.on('message', (message: ReadWorkerMessage) => {
      this.inbox.push(message);
      this.rouse();
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      this.rouse();
    });
    this.worker.on('exit', () => {
      this.exited = true;
      this.rouse();
    });
  }

  /** The next message; taking a batch of items lets the thread post one more. */
  async next(): Promise<ReadWorkerMessage> {
    while (this.inbox.length === 0 && this.failure === undefined && !this.exited)
      await new Promise<void>((resolve) => (this.wake = resolve));
    const message = this.inbox.shift();
    if (message === undefined) throw this.failure ?? new Error('a reading thread stopped before its end');
    if (message.kind === 'items') this.worker.postMessage('credit' satisfies ReadWorkerCommand);
    else this.finished = true;
    return message;
  }

  /** Asks a thread that has not finished to stop (it closes its file), and waits for it to end. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const ended = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    if (!this.finished) this.worker.postMessage('stop' satisfies ReadWorkerCommand);
    await ended;
  }

  private rouse(): void {
    this.wake?.();
    this.wake = undefined;
  }
}

function shifted(item: RawItem, lines: number): RawItem {
  if (lines === 0) return item;
  return { ...item, position: { line: item.position.line + lines, byte: item.position.byte } };
}

/**
 * Where to cut the file: one range for anything but JSON Lines (an array or envelope must be read from
 * its start), else `wanted` ranges of about equal size, each cut just after a line end that lies past
 * the file's first document.
 */
async function planRanges(
  path: string,
  size: number,
  wanted: number,
  maxRecordBytes: number,
): Promise<{ start: number; end: number }[]> {
  const whole = [{ start: 0, end: size }];
  if (wanted < 2) return whole;
  const file = await open(path, 'r');
  try {
    const head = Buffer.allocUnsafe(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const linesFrom = jsonLinesStart(head.subarray(0, bytesRead), maxRecordBytes);
    if (linesFrom === undefined) return whole;
    const cuts: number[] = [0];
    for (let k = 1; k < wanted; k++) {
      const planned = Math.max(Math.floor((size * k) / wanted), linesFrom, (cuts.at(-1) as number) + 1);
      const cut = await lineEndAfter(file, planned, size);
      if (cut !== undefined && cut < size) cuts.push(cut);
    }
    cuts.push(size);
    return cuts.slice(1).map((end, k) => ({ start: cuts[k] as number, end }));
  } finally {
    await file.close();
  }
}

/** The byte where JSON Lines begin (after the first document's line), or undefined for other shapes. */
function jsonLinesStart(head: Buffer, maxRecordBytes: number): number | undefined {
  try {
    const start = encodingCheck(head, 'head');
    const rest = head.subarray(start);
    if (looksLikeCsv(rest)) return undefined;
    const splitter = new JsonSplitter('head', start, maxRecordBytes);
    splitter.push(rest, []);
    return splitter.handOff?.byte;
  } catch {
    return undefined;
  }
}

/** One past the first line end at or after `from`, or undefined when none lies near enough. */
async function lineEndAfter(file: Awaited<ReturnType<typeof open>>, from: number, size: number) {
  const window = Buffer.allocUnsafe(64 * 1024);
  for (let at = from; at < size && at < from + CUT_SEARCH_BYTES; at += window.length) {
    const { bytesRead } = await file.read(window, 0, window.length, at);
    if (bytesRead === 0) return undefined;
    const newline = window.subarray(0, bytesRead).indexOf(0x0a);
    if (newline >= 0) return at + newline + 1;
  }
  return undefined;
}
