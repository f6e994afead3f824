import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { MalformedRecordError, type RecordPosition } from '../audit/audit-errors';
import { normalize } from '../audit/normalize';
import { type ReadOptions, readAuditRecords } from '../audit/read-records';
import { recordTenantId } from '../audit/record-view';
import type { TapEvent } from '../audit/tap-event';
import { InputError, TapwatchError } from '../errors';
import type { CliIo } from './io';

/** What one input held. */
export interface InputSummary {
  /** As the user named it (`stdin` for `-`). */
  name: string;
  records: number;
  events: number;
  malformed: number;
  firstMalformed?: { position: RecordPosition; reason: string };
  /** Records over the record cap, skipped unread. */
  tooLarge: number;
  /** The first few of them (at most `MAX_LISTED`), with their size in bytes. */
  tooLargeAt: { position: RecordPosition; bytes: number }[];
  /** The Entra tenant the first TAP record named, when records carry one. */
  tenantId?: string;
}

/** How many skipped-record positions an input keeps for its report: the count is always exact. */
export const MAX_LISTED = 5;

/** Read size: fewer chunks mean less per-chunk overhead; larger ones cost memory (256 KB measured best overall). */
const CHUNK_BYTES = 256 * 1024;

/** Fails early, before any output, when a named input cannot be read. */
export async function checkInput(input: string, io: CliIo): Promise<void> {
  if (input === '-') return;
  try {
    const info = await stat(resolve(io.cwd, input));
    if (info.isDirectory()) throw new InputError(`${input}: is a directory`);
  } catch (error) {
    if (error instanceof TapwatchError) throw error;
    throw new InputError(`${input}: ${codeOf(error)}`, { cause: error });
  }
}

/**
 * Streams one input (`-` = stdin), normalizing each record and appending its TAP events to
 * `events`: only events are kept, so memory does not grow with the input. Malformed records and
 * records over the cap are counted and skipped; an input that cannot be split into records fails with
 * its position.
 */
export async function scanInput(
  input: string,
  io: CliIo,
  events: TapEvent[],
  options: ReadOptions = {},
): Promise<InputSummary> {
  const name = input === '-' ? 'stdin' : input;
  const stream: Readable =
    input === '-' ? io.stdin : createReadStream(resolve(io.cwd, input), { highWaterMark: CHUNK_BYTES });
  const summary: InputSummary = { name, records: 0, events: 0, malformed: 0, tooLarge: 0, tooLargeAt: [] };
  const stats = { records: 0 };
  try {
    for await (const item of readAuditRecords(stream, name, stats, options)) {
      if (item.kind === 'too-large') {
        if (summary.tooLarge++ < MAX_LISTED)
          summary.tooLargeAt.push({ position: item.position, bytes: item.bytes });
        continue;
      }
      if (item.kind === 'malformed') {
        note(summary, item.position, item.error.reason);
        continue;
      }
      let found: TapEvent[];
      try {
        found = normalize(item.record);
      } catch (error) {
        if (!(error instanceof MalformedRecordError)) throw error;
        note(summary, item.position, error.reason);
        continue;
      }
      if (found.length === 0) continue;
      for (const event of found) events.push(event);
      summary.events += found.length;
      const tenantId = summary.tenantId ?? recordTenantId(item.record);
      if (tenantId !== undefined) summary.tenantId = tenantId;
    }
  } catch (error) {
    if (error instanceof TapwatchError) throw error;
    throw new InputError(`${name}: cannot read (${codeOf(error)})`, { cause: error });
  }
  summary.records = stats.records;
  return summary;
}

function note(summary: InputSummary, position: RecordPosition, reason: string): void {
  summary.malformed++;
  summary.firstMalformed ??= { position, reason };
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
