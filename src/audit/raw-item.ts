import type { RecordPosition } from './audit-errors';

/**
 * The default largest record (one JSON Lines line, or one JSON value of an array or envelope) a reader
 * keeps, in bytes. Real audit records are a few KB and an Event Hubs envelope line at most about 1 MB, so
 * 16 MB leaves room for anything genuine while one runaway line cannot exhaust memory.
 */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * The keys of the envelopes that hold an array of records: a Graph page `{value:[…]}`, an Azure Monitor
 * export `{records:[…]}`, a tenant file `{directoryAudits:[…]}`. Matched in any letter case.
 */
export const ENVELOPE_KEYS = ['value', 'records', 'directoryAudits'] as const;

/** The same, lower-cased, for matching raw key text. */
export const ENVELOPE_KEYS_LOWER: readonly string[] = ENVELOPE_KEYS.map((key) => key.toLowerCase());

/**
 * What the splitters hand the reader: the text of a record that may be a TAP creation, a record that is
 * already known to be malformed, or one over the record cap (skipped unread; `bytes` is its full size).
 * Records the prefilter rules out are only counted.
 */
export type RawItem =
  | {
      kind: 'text';
      text: string;
      position: RecordPosition;
      /** A whole JSON Lines line: may itself be an array or a `{value|records:[…]}` envelope. */
      whole: boolean;
    }
  | { kind: 'malformed'; reason: string; position: RecordPosition }
  | { kind: 'too-large'; position: RecordPosition; bytes: number };
