import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MalformedRecordError, type RecordPosition } from '../audit/audit-errors';
import { ChainCandidates, targetHashes } from '../audit/chain-candidates';
import type { ChainEvent } from '../audit/chain-event';
import { type NormalizedRecord, normalizeRecord } from '../audit/normalize-record';
import { readFileRecords } from '../audit/read-file';
import {
  type AuditRecordItem,
  type ReadOptions,
  readAuditRecords,
  readChainCandidates,
} from '../audit/read-records';
import { recordTenantId } from '../audit/record-view';
import type { TapEvent } from '../audit/tap-event';
import { InputError, TapwatchError } from '../errors';
import type { CliIo } from './io';

/** What one input held. */
export interface InputSummary {
  /** As the user named it (`stdin` for `-`). */
  name: string;
  records: number;
  /** TAP events. */
  events: number;
  /** Chain events (method registrations and deletions, PIM activations, TAP sign-ins). */
  chainEvents: number;
  malformed: number;
  /** The first malformed record: where, why, and its own id when it has one (attacker-controlled text). */
  firstMalformed?: { position: RecordPosition; reason: string; recordId?: string };
  /** Records over the record cap, skipped unread. */
  tooLarge: number;
  /** The first few of them (at most `MAX_LISTED`), with their size in bytes. */
  tooLargeAt: { position: RecordPosition; bytes: number }[];
  /** The Entra tenant the first TAP record named, when records carry one. */
  tenantId?: string;
  /** A file's chain-only records not parsed yet (see `scanDeferred`). */
  deferred?: { path: string; candidates: ChainCandidates };
}

/** How many skipped-record positions an input keeps for its report: the count is always exact. */
export const MAX_LISTED = 5;

/** Read size for stdin and pipes: fewer chunks mean less per-chunk overhead; larger ones cost memory. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Fails early, before any output, when a named input cannot be read; else whether it is a regular file
 * (which can be read again: see `scanInput`), false for stdin (`-`) and pipes.
 */
export async function checkInput(input: string, io: CliIo): Promise<boolean> {
  if (input === '-') return false;
  try {
    const info = await stat(resolve(io.cwd, input));
    if (info.isDirectory()) throw new InputError(`${input}: is a directory`);
    return info.isFile();
  } catch (error) {
    if (error instanceof TapwatchError) throw error;
    throw new InputError(`${input}: ${codeOf(error)}`, { cause: error });
  }
}

/** Where one input's events go: the scan collects them from every input and judges them once at the end. */
export interface ScanEvents {
  taps: TapEvent[];
  chain: ChainEvent[];
}

/**
 * Streams one input (`-` = stdin; `regular` as `checkInput` answered for it), normalizing each record (audit or sign-in, any shape) and appending
 * its TAP and chain events to `events`: only typed events are kept, never records. Malformed records and
 * records over the cap are counted and skipped; an input that cannot be split into records fails with
 * its position.
 */
export async function scanInput(
  input: string,
  regular: boolean,
  io: CliIo,
  events: ScanEvents,
  options: ReadOptions = {},
): Promise<InputSummary> {
  const name = input === '-' ? 'stdin' : input;
  const path = resolve(io.cwd, input);
  // A regular file can be read again: its chain-only records wait, unparsed, until the TAPs are known.
  // stdin and pipes (`<(…)`, FIFOs) cannot: their chain records are parsed as they come.
  const summary: InputSummary = {
    name,
    records: 0,
    events: 0,
    chainEvents: 0,
    malformed: 0,
    tooLarge: 0,
    tooLargeAt: [],
  };
  if (regular) summary.deferred = { path, candidates: new ChainCandidates() };
  const stats = { records: 0 };
  try {
    const chain = summary.deferred?.candidates;
    const read = regular
      ? readFileRecords(path, name, stats, chain ? { ...options, chain } : options)
      : readAuditRecords(
          input === '-' ? io.stdin : createReadStream(path, { highWaterMark: CHUNK_BYTES }),
          name,
          stats,
          options,
        );
    for await (const item of read) take(item, summary, events);
  } catch (error) {
    if (error instanceof TapwatchError) throw error;
    throw new InputError(`${name}: cannot read (${codeOf(error)})`, { cause: error });
  }
  summary.records = stats.records;
  return summary;
}

/**
 * The second step for a file: reads again, by position, its chain-only records that name the target
 * of one of `taps` (from every input) and adds their chain events. Runs once every input has been read.
 */
export async function scanDeferred(
  summary: InputSummary,
  taps: readonly TapEvent[],
  events: ScanEvents,
): Promise<void> {
  const deferred = summary.deferred;
  if (!deferred || deferred.candidates.count === 0 || taps.length === 0) return;
  const ids = targetHashes(taps.map((t) => t.target.id));
  const stats = { records: summary.records };
  try {
    for await (const item of readChainCandidates(deferred.path, deferred.candidates, ids, stats))
      take(item, summary, events);
  } catch (error) {
    if (error instanceof TapwatchError) throw error;
    throw new InputError(`${summary.name}: cannot read again (${codeOf(error)})`, { cause: error });
  }
  summary.records = stats.records;
  delete summary.deferred;
}

/** Counts, normalizes and keeps the events of one item. */
function take(item: AuditRecordItem, summary: InputSummary, events: ScanEvents): void {
  if (item.kind === 'too-large') {
    if (summary.tooLarge++ < MAX_LISTED)
      summary.tooLargeAt.push({ position: item.position, bytes: item.bytes });
    return;
  }
  if (item.kind === 'malformed') {
    note(summary, item.position, item.error.reason);
    return;
  }
  let found: NormalizedRecord;
  try {
    found = normalizeRecord(item.record);
  } catch (error) {
    if (!(error instanceof MalformedRecordError)) throw error;
    note(summary, item.position, error.reason, error.recordId);
    return;
  }
  for (const event of found.chain) events.chain.push(event);
  summary.chainEvents += found.chain.length;
  if (found.taps.length === 0) return;
  for (const event of found.taps) events.taps.push(event);
  summary.events += found.taps.length;
  const tenantId = summary.tenantId ?? recordTenantId(item.record);
  if (tenantId !== undefined) summary.tenantId = tenantId;
}

function note(summary: InputSummary, position: RecordPosition, reason: string, recordId?: string): void {
  summary.malformed++;
  summary.firstMalformed ??= recordId ? { position, reason, recordId } : { position, reason };
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
};

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return 'read error';
  return READ_ERRORS[code] ?? code;
}
