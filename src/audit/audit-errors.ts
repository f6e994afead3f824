import { InputError } from '../errors';

/** Where a record sits in its file: 1-based line, and 0-based byte offset of its first byte. */
export interface RecordPosition {
  line: number;
  byte: number;
}

/**
 * One audit record cannot be read (not JSON, not an object, no id, a TAP creation with no user target,
 * a security-info record naming no user, or a TAP sign-in without its user). Callers count it and skip it; the rest of the input is still scanned. The message never
 * quotes the record: audit text is attacker-controlled.
 */
export class MalformedRecordError extends InputError {
  /** The record's own id (audit id, sign-in id) when it has one, for reports; attacker-controlled text. */
  readonly recordId: string | undefined;

  constructor(
    readonly reason: string,
    options?: { cause?: unknown; recordId?: string },
  ) {
    super(`malformed audit record: ${reason}`, options?.cause === undefined ? {} : { cause: options.cause });
    this.recordId = options?.recordId;
  }
}

/**
 * The file itself cannot be split into records (truncated or structurally broken JSON). Fatal for
 * that file: the message names the file and the position, on one line.
 */
export class AuditFileError extends InputError {
  /** `problem` is what went wrong where it was found; `detail` (optional) adds context after it. */
  constructor(
    readonly file: string,
    readonly position: RecordPosition,
    readonly problem: string,
    readonly detail?: string,
  ) {
    super(
      `${file}: ${problem} at line ${position.line} (byte ${position.byte})${detail ? `: ${detail}` : ''}`,
    );
  }
}
