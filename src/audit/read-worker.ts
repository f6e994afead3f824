import { parentPort, workerData } from 'node:worker_threads';
import { AuditFileError } from './audit-errors';
import { ChainCandidates, type ChainCandidatesState } from './chain-candidates';
import { FILE_CHUNK_BYTES, fileChunks } from './file-chunks';
import { LineSplitter } from './line-splitter';
import type { RawItem } from './raw-item';
import { encodingCheck, looksLikeCsv, RecordSplitter } from './read-records';

/**
 * A reading thread of `readFileRecords` (read-file.ts): reads one file, or one range of lines of a JSON
 * Lines file, splits it into records and runs the prefilter, and posts the raw items that need parsing
 * to the thread that parses them. The items go in batches, at most `batchesAhead` not yet taken, so a
 * slow consumer holds the reader back instead of letting the batches pile up in memory.
 */
export interface ReadWorkerData {
  tapwatchReadWorker: true;
  path: string;
  /** How errors name the file. */
  name: string;
  maxRecordBytes: number;
  /** Keep chain-only records unparsed (position and GUID hashes) rather than posting them. */
  chain: boolean;
  batchesAhead: number;
  /** The part of the file to read; the whole file when absent. */
  range?: { start: number; end: number };
  /**
   * The range starts at a line of a JSON Lines file other than the first: it is read as lines from the
   * start, and line numbers count from 1 at the range start (the caller adds the lines before it).
   */
  linesFrom?: boolean;
}

/** What the reading thread posts. */
export type ReadWorkerMessage =
  | { kind: 'items'; items: RawItem[] }
  /** The file is the portal's CSV download: the caller reads it itself. */
  | { kind: 'csv' }
  /** `lines`: how many lines the range held (its line numbers run 1 to `lines`). */
  | { kind: 'done'; records: number; lines: number; chain?: ChainCandidatesState }
  | { kind: 'failed'; error: FailedRead };

/** An error, in a form that crosses threads. */
export type FailedRead =
  | {
      kind: 'audit-file';
      file: string;
      position: { line: number; byte: number };
      problem: string;
      detail?: string;
    }
  | { kind: 'other'; message: string; code?: string };

/** What the parsing thread posts: `credit` when it takes a batch, `stop` when it wants no more. */
export type ReadWorkerCommand = 'credit' | 'stop';

/** A batch is posted once its items' text reaches this size, or this many items. */
const BATCH_BYTES = 1024 * 1024;
const BATCH_ITEMS = 8192;

function itemBytes(item: RawItem): number {
  return item.kind === 'text' ? item.text.length : 64;
}

async function run(data: ReadWorkerData, port: NonNullable<typeof parentPort>): Promise<void> {
  let credits = data.batchesAhead;
  let stopped = false;
  let wake: (() => void) | undefined;
  port.on('message', (command: ReadWorkerCommand) => {
    if (command === 'credit') credits++;
    else stopped = true;
    wake?.();
  });
  const post = async (message: ReadWorkerMessage): Promise<void> => {
    while (credits === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    if (!stopped) port.postMessage(message);
  };
  try {
    const chain = data.chain ? new ChainCandidates() : undefined;
    const range = data.range ?? { start: 0, end: Number.POSITIVE_INFINITY };
    let splitter: RecordSplitter | LineSplitter | undefined = data.linesFrom
      ? new LineSplitter({ line: 1, byte: range.start }, data.maxRecordBytes, chain)
      : undefined;
    let out: RawItem[] = [];
    let outBytes = 0;
    for await (let chunk of fileChunks(data.path, FILE_CHUNK_BYTES, range)) {
      if (stopped) return;
      if (splitter === undefined) {
        const start = encodingCheck(chunk, data.name);
        chunk = chunk.subarray(start);
        if (looksLikeCsv(chunk)) {
          port.postMessage({ kind: 'csv' } satisfies ReadWorkerMessage);
          return;
        }
        splitter = new RecordSplitter(data.name, start, data.maxRecordBytes, chain);
      }
      const before = out.length;
      splitter.push(chunk, out);
      for (let k = before; k < out.length; k++) outBytes += itemBytes(out[k] as RawItem);
      // Batches by size, not by chunk: a range with few candidates runs far ahead of the parser.
      if (outBytes >= BATCH_BYTES || out.length >= BATCH_ITEMS) {
        await post({ kind: 'items', items: out });
        out = [];
        outBytes = 0;
      }
    }
    splitter?.end(out);
    if (out.length > 0) await post({ kind: 'items', items: out });
    const lines = (splitter?.nextLine ?? 1) - 1;
    const done: ReadWorkerMessage = { kind: 'done', records: splitter?.records ?? 0, lines };
    if (chain) done.chain = chain.state();
    port.postMessage(done);
  } catch (error) {
    port.postMessage({ kind: 'failed', error: failedRead(error) } satisfies ReadWorkerMessage);
  } finally {
    port.removeAllListeners('message');
    port.unref();
  }
}

function failedRead(error: unknown): FailedRead {
  if (error instanceof AuditFileError) {
    const failed: FailedRead = {
      kind: 'audit-file',
      file: error.file,
      position: error.position,
      problem: error.problem,
    };
    if (error.detail !== undefined) failed.detail = error.detail;
    return failed;
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  return {
    kind: 'other',
    message: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

const data = workerData as Partial<ReadWorkerData> | undefined;
if (parentPort && data?.tapwatchReadWorker === true) void run(data as ReadWorkerData, parentPort);
