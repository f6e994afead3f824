import type { RecordPosition } from './audit-errors';

/**
 * What the splitters hand the reader: the text of a record that may be a TAP creation, or a record
 * that is already known to be malformed. Records the prefilter rules out are only counted.
 */
export type RawItem =
  | {
      kind: 'text';
      text: string;
      position: RecordPosition;
      /** A whole JSON Lines line: may itself be an array or a `{value|records:[…]}` envelope. */
      whole: boolean;
    }
  | { kind: 'malformed'; reason: string; position: RecordPosition };
