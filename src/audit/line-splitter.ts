import { tapCandidateMatcher } from './prefilter';
import type { RawItem } from './raw-item';

const NEWLINE = 0x0a;
/** Lines are searched in segments of about this size (whole lines; one long line may exceed it). */
const SEGMENT_BYTES = 64 * 1024;

/**
 * JSON Lines: one JSON value per line. Works a chunk at a time: the chunk is searched once for
 * prefilter hits, and only lines holding a hit are decoded and handed on, so the cost per skipped
 * record is a newline search and two byte checks. A line that does not start and end like a JSON
 * object or array (a cut-off write, stray text) is reported as malformed whatever its content.
 */
export class LineSplitter {
  /** The unfinished last line of the chunks so far, in pieces (a long line is joined once). */
  private carry: Buffer[] = [];
  /** 1-based number of the next line. */
  private line: number;
  /** Byte offset of the next byte to split. */
  private byte: number;
  /** Non-blank lines seen. */
  records = 0;

  constructor(start: { line: number; byte: number }) {
    this.line = start.line;
    this.byte = start.byte;
  }

  push(chunk: Buffer, out: RawItem[]): void {
    let start = 0;
    if (this.carry.length > 0) {
      const first = chunk.indexOf(NEWLINE);
      if (first < 0) {
        this.carry.push(chunk);
        return;
      }
      this.splitLines(Buffer.concat([...this.carry, chunk.subarray(0, first + 1)]), out);
      this.carry = [];
      start = first + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < start) {
      if (start < chunk.length) this.carry.push(Buffer.from(chunk.subarray(start)));
      return;
    }
    // Segments keep the Latin-1 copies small: young-generation garbage instead of large objects.
    while (start <= last) {
      let end = last + 1;
      if (end - start > SEGMENT_BYTES) {
        const cut = chunk.lastIndexOf(NEWLINE, start + SEGMENT_BYTES - 1);
        end = cut >= start ? cut + 1 : chunk.indexOf(NEWLINE, start + SEGMENT_BYTES) + 1;
      }
      this.splitLines(chunk.subarray(start, end), out);
      start = end;
    }
    // Copy the tail so the big chunk it came from can be collected.
    if (last + 1 < chunk.length) this.carry.push(Buffer.from(chunk.subarray(last + 1)));
  }

  end(out: RawItem[]): void {
    if (this.carry.length > 0) this.splitLines(Buffer.concat(this.carry), out);
    this.carry = [];
  }

  private splitLines(region: Buffer, out: RawItem[]): void {
    const matcher = tapCandidateMatcher();
    const latin1 = region.toString('latin1');
    let hit = matcher.exec(latin1);
    let start = 0;
    while (start < region.length) {
      let end = region.indexOf(NEWLINE, start);
      if (end < 0) end = region.length;
      const position = { line: this.line++, byte: this.byte + start };
      let first = start;
      while (first < end && isSpace(region[first])) first++;
      let last = end - 1;
      while (last > first && isSpace(region[last])) last--;
      if (first < end) {
        this.records++;
        const open = region[first];
        const close = region[last];
        if (!((open === 0x7b && close === 0x7d) || (open === 0x5b && close === 0x5d))) {
          out.push({ kind: 'malformed', reason: 'not a complete JSON object', position });
        } else {
          if (hit && hit.index < start) {
            matcher.lastIndex = start;
            hit = matcher.exec(latin1);
          }
          if (hit && hit.index < end) {
            out.push({ kind: 'text', text: region.toString('utf8', first, last + 1), position, whole: true });
            matcher.lastIndex = end;
            hit = matcher.exec(latin1);
          }
        }
      }
      start = end + 1;
    }
    this.byte += region.length;
  }
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;
}
