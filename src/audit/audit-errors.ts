import { InputError } from '../errors';

/** Where a record sits in its file: 1-based line, and 0-based byte offset of its first byte. */
export interface RecordPosition {
  line: number;
  byte: number;
}

/**
 * One audit record cannot be read (not JSON, not an object, no id, or a TAP creation with no user
 * target). Callers count it and skip it; the rest of the input is still scanned. The message never
 * quotes the record: audit text is attacker-controlled.
 */
export class MalformedRecordError extends InputError {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`malformed audit record: ${reason}`, options);
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
