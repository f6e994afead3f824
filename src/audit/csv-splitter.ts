import { InputError } from '../errors';
import type { RecordPosition } from './audit-errors';

/** One CSV row and where it started (1-based line of its first character; bytes are not counted). */
export interface CsvRow {
  cells: string[];
  position: RecordPosition;
}

/** A row longer than this is not an audit record: stop rather than buffer an unbounded field. */
const MAX_ROW_CHARS = 4 * 1024 * 1024;

/**
 * Splits CSV text into rows as RFC 4180 writes them (https://www.rfc-editor.org/rfc/rfc4180): comma
 * separated, a field in double quotes may hold commas, line breaks and `""` for a quote; rows end in
 * CRLF or LF. Streams: text is pushed in chunks of any size (a quoted field may span chunks) and only the
 * row being read is buffered. Positions count lines in the input, so a multi-line row reports its first.
 */
export class CsvSplitter {
  private cells: string[] = [];
  private cell = '';
  private quoted = false;
  /** The previous character closed a quoted field, or was its first `"` of a `""` pair. */
  private quoteSeen = false;
  private rowChars = 0;
  private line = 1;
  private rowLine = 1;
  private started = false;

  constructor(private readonly name: string) {}

  /** Feeds decoded text; completed rows are appended to `out`. */
  push(text: string, out: CsvRow[]): void {
    for (const c of text) {
      this.rowChars += c.length;
      if (this.rowChars > MAX_ROW_CHARS) this.fail('a CSV row longer than 4 MB');
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === '"') {
            this.cell += '"';
            continue;
          }
          this.quoted = false; // that quote closed the field; `c` is read as unquoted below
        } else if (c === '"') {
          this.quoteSeen = true;
          continue;
        } else {
          if (c === '\n') this.line += 1;
          this.cell += c;
          continue;
        }
      }
      this.unquoted(c, out);
    }
  }

  /** Ends the input: a last row without a line break counts; an open quote is a truncated file. */
  end(out: CsvRow[]): void {
    if (this.quoted && !this.quoteSeen) this.fail('a quoted CSV field that never ends (truncated file?)');
    this.quoted = false;
    this.quoteSeen = false;
    if (this.started) this.endRow(out);
  }

  private unquoted(c: string, out: CsvRow[]): void {
    if (c === ',') {
      this.started = true;
      this.cells.push(this.cell);
      this.cell = '';
    } else if (c === '\n') {
      this.line += 1;
      if (this.started || this.cell !== '') this.endRow(out);
      this.rowLine = this.line;
    } else if (c === '\r') {
      // CR of a CRLF: the LF ends the row.
    } else if (c === '"' && this.cell === '') {
      this.started = true;
      this.quoted = true;
    } else {
      this.started = true;
      this.cell += c;
    }
  }

  private endRow(out: CsvRow[]): void {
    this.cells.push(this.cell);
    out.push({ cells: this.cells, position: { line: this.rowLine, byte: 0 } });
    this.cells = [];
    this.cell = '';
    this.started = false;
    this.rowChars = 0;
  }

  private fail(problem: string): never {
    throw new InputError(`${this.name}: ${problem} at line ${this.rowLine}`);
  }
}
