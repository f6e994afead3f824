import type { RecordPosition } from './audit-errors';
import type { ChainCandidates } from './chain-candidates';
import { CandidateScan, mayBeEnvelope } from './prefilter';
import { DEFAULT_MAX_RECORD_BYTES, type RawItem } from './raw-item';

const NEWLINE = 0x0a;

/**
 * JSON Lines: one JSON value per line. Works a chunk at a time: the chunk's bytes are searched once
 * for prefilter hits, and only lines holding a hit are decoded and handed on, so the cost per skipped
 * record is a newline search and two byte checks. A line that does not start and end like a JSON
 * object or array (a cut-off write, stray text) is reported as malformed whatever its content.
 *
 * A line longer than `maxRecordBytes` is reported as too large and its bytes are dropped as they
 * arrive (only its length is counted), so one runaway line costs no more memory than the cap.
 */
export class LineSplitter {
  /** The unfinished last line of the chunks so far, in pieces (joined once, when its newline comes). */
  private carry: Buffer[] = [];
  private carryBytes = 0;
  /** Set while the rest of a line over the cap is being dropped: where it started, bytes so far. */
  private skipping: { position: RecordPosition; bytes: number } | undefined;
  /** 1-based number of the next line. */
  private line: number;
  /** Byte offset of the next byte to split. */
  private byte: number;
  /** Non-blank lines seen. */
  records = 0;

  /** 1-based number of the line the next byte pushed belongs to (one past the last line after `end`). */
  get nextLine(): number {
    return this.line;
  }

  /**
   * @param chain where lines holding only chain words go (position and GUID hashes, see
   *   chain-candidates.ts); without it they are handed on like TAP candidates.
   */
  constructor(
    start: { line: number; byte: number },
    private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
    private readonly chain?: ChainCandidates,
  ) {
    this.line = start.line;
    this.byte = start.byte;
  }

  push(chunk: Buffer, out: RawItem[]): void {
    let start = 0;
    if (this.skipping || this.carryBytes > 0) {
      const first = chunk.indexOf(NEWLINE);
      if (first < 0) {
        this.extend(chunk);
        return;
      }
      this.extend(chunk.subarray(0, first));
      if (this.skipping) this.endSkip(out, 1);
      else this.splitLines(Buffer.concat([...this.carry, chunk.subarray(first, first + 1)]), out);
      this.carry = [];
      this.carryBytes = 0;
      start = first + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < start) {
      if (start < chunk.length) this.extend(chunk.subarray(start));
      return;
    }
    this.splitLines(chunk.subarray(start, last + 1), out);
    if (last + 1 < chunk.length) this.extend(chunk.subarray(last + 1));
  }

  end(out: RawItem[]): void {
    if (this.skipping) this.endSkip(out, 0);
    else if (this.carryBytes > 0) this.splitLines(Buffer.concat(this.carry), out);
    this.carry = [];
    this.carryBytes = 0;
  }

  /**
   * Adds bytes (without a newline) to the unfinished line, as a copy (the chunk they came from may be
   * reused by its source once the next one is pushed); past the cap, drops what is held and only counts
   * from then on.
   */
  private extend(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.skipping) {
      this.skipping.bytes += piece.length;
      return;
    }
    this.carry.push(Buffer.from(piece));
    this.carryBytes += piece.length;
    if (this.carryBytes > this.maxRecordBytes) {
      this.skipping = { position: { line: this.line, byte: this.byte }, bytes: this.carryBytes };
      this.carry = [];
      this.carryBytes = 0;
    }
  }

  /** The dropped line ended (`newline` = 1 when a newline ended it, 0 at the end of input). */
  private endSkip(out: RawItem[], newline: number): void {
    const skipped = this.skipping;
    if (!skipped) return;
    this.skipping = undefined;
    this.records++;
    this.line++;
    this.byte += skipped.bytes + newline;
    out.push({ kind: 'too-large', position: skipped.position, bytes: skipped.bytes });
  }

  private splitLines(region: Buffer, out: RawItem[]): void {
    const candidates = new CandidateScan(region);
    let start = 0;
    while (start < region.length) {
      let end = region.indexOf(NEWLINE, start);
      if (end < 0) end = region.length;
      const line = this.line++;
      let first = start;
      while (first < end && isSpace(region[first])) first++;
      let last = end - 1;
      while (last > first && isSpace(region[last])) last--;
      if (first < end) {
        this.records++;
        const open = region[first];
        const close = region[last];
        // Positions are made only for what is handed on: most lines are skipped.
        if (end - start > this.maxRecordBytes) {
          out.push({ kind: 'too-large', position: { line, byte: this.byte + start }, bytes: end - start });
        } else if (!((open === 0x7b && close === 0x7d) || (open === 0x5b && close === 0x5d))) {
          const position = { line, byte: this.byte + start };
          out.push({ kind: 'malformed', reason: 'not a complete JSON object', position });
        } else {
          const kind = candidates.kind(first, last + 1);
          if (kind === 'tap' || (kind === 'chain' && (!this.chain || mayBeEnvelope(region, first)))) {
            const text = region.toString('utf8', first, last + 1);
            out.push({ kind: 'text', text, position: { line, byte: this.byte + start }, whole: true });
          } else if (kind === 'chain') {
            this.chain?.add(region, first, last + 1, this.byte + first, line, true);
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
