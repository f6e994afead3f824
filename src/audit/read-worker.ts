import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../errors';
import { AuditFileError } from './audit-errors';
import { ChainCandidates, type ChainCandidatesState } from './chain-candidates';
import { type RangeEnd, type RangeRead, readRange } from './range-reader';
import type { RawItem } from './raw-item';

/**
 * A reading thread of `readFileRecords` (read-file.ts): reads one range of lines of a JSON Lines file,
 * splits it into records and runs the prefilter, and posts the raw items that need parsing to the
 * thread that parses them. The items go in batches, at most `batchesAhead` not yet taken, so a slow
 * consumer holds the reader back instead of letting the batches pile up in memory.
 */
export interface ReadWorkerData extends RangeRead {
  tapwatchReadWorker: true;
  /** Keep chain-only records unparsed (position and GUID hashes) rather than posting them. */
  chain: boolean;
  batchesAhead: number;
}

/** What the reading thread posts. */
export type ReadWorkerMessage =
  | { kind: 'items'; items: RawItem[] }
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

async function run(data: ReadWorkerData, port: NonNullable<typeof parentPort>): Promise<void> {
  let credits = data.batchesAhead;
  let stopped = false;
  let wake: (() => void) | undefined;
  port.on('message', (command: ReadWorkerCommand) => {
    if (command === 'credit') credits++;
    else stopped = true;
    wake?.();
  });
  try {
    const chain = data.chain ? new ChainCandidates() : undefined;
    const end: RangeEnd = { records: 0, lines: 0 };
    for await (const batch of readRange(data, chain, end)) {
      while (credits === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      if (stopped) return;
      credits--;
      port.postMessage({ kind: 'items', items: batch } satisfies ReadWorkerMessage);
    }
    const done: ReadWorkerMessage = { kind: 'done', records: end.records, lines: end.lines };
    if (chain) done.chain = chain.state();
    port.postMessage(done);
  } catch (error) {
    port.postMessage({ kind: 'failed', error: failedRead(error) } satisfies ReadWorkerMessage);
  } finally {
    port.removeAllListeners('message');
    port.unref();
  }
}

/** An error, as it crosses threads (read-file.ts throws it again). */
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
    message: errorMessage(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

const data = workerData as Partial<ReadWorkerData> | undefined;
if (parentPort && data?.tapwatchReadWorker === true) void run(data as ReadWorkerData, parentPort);
