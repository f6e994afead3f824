import { AuditFileError } from './audit-errors';
import type { ChainCandidates } from './chain-candidates';
import { CandidateScan } from './prefilter';
import { DEFAULT_MAX_RECORD_BYTES, ENVELOPE_KEYS_LOWER, type RawItem } from './raw-item';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CONTAINER_KEYS = new Set(ENVELOPE_KEYS_LOWER);
/** A held buffer larger than this is released once it is empty, so one big record does not pin memory. */
const RELEASE_BYTES = 1024 * 1024;

/**
 * Splits JSON documents into records without parsing them whole: a top-level array (each element
 * is a record), a `{value:[…]}` / `{records:[…]}` / `{directoryAudits:[…]}` envelope (each element
 * of that array), or a bare object (one record); several documents may follow one another. It
 * tracks only depth and strings (strings are skipped with `indexOf`), keeps the bytes of the
 * current record, and hands on the records the prefilter cannot rule out.
 *
 * The bytes kept grow in one buffer that doubles when full, so a record spanning many chunks is
 * copied a bounded number of times, not once per chunk. A record over `maxRecordBytes` is reported
 * as too large: from then on its bytes are only scanned for structure and dropped, so memory stays
 * near the cap however long the record is.
 *
 * When the first document fits on one line, the input is JSON Lines: `handOff` then tells the
 * reader where to switch to the faster `LineSplitter`.
 */
export class JsonSplitter {
  /** Held bytes: `held[0 .. heldBytes)` are the input bytes from absolute offset `base`. */
  private held: Buffer = Buffer.alloc(0);
  private heldBytes = 0;
  /** Absolute offset of `held[0]` (and of the first byte of the window being scanned). */
  private base: number;
  private line = 1;
  private stack: number[] = [];
  private inString = false;
  private escaped = false;
  /** Absolute offset of the open quote of the current (or last) string. */
  private stringStart = 0;
  /** Absolute offset of the first byte kept: the current record or unresolved top-level object; -1 none. */
  private keepFrom = -1;
  private keepLine = 0;
  /** The kept record grew over the cap: its bytes are dropped and it is reported when it ends. */
  private dropping = false;
  /** Depth at which elements are records (1 in a top-level array, 2 in an envelope); 0 when none. */
  private recordDepth = 0;
  /** Absolute offset of the current record element; -1 none. */
  private elementStart = -1;
  private elementLine = 0;
  private topStartLine = 0;
  private topIsEnvelope = false;
  private expectKey = false;
  private lastKey = '';
  private awaitingValue = false;
  private documents = 0;
  /** The prefilter's answers for the window of the current `push` (made at its first record). */
  private candidates: CandidateScan | undefined;
  records = 0;
  /** 1-based number of the line the scan has reached. */
  get nextLine(): number {
    return this.line;
  }

  /** Set when the first document ended on the line it started: the rest is JSON Lines. */
  handOff: { rest: Buffer; line: number; byte: number } | undefined;

  /** `startByte` is the offset of the first byte pushed (3 after a stripped UTF-8 BOM). */
  constructor(
    private readonly file: string,
    startByte = 0,
    private readonly maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
    /** Where records holding only chain words go (see chain-candidates.ts); without it they are handed on. */
    private readonly chain?: ChainCandidates,
  ) {
    this.base = startByte;
  }

  push(chunk: Buffer, out: RawItem[]): void {
    const window = this.heldBytes > 0 ? this.append(chunk) : chunk;
    this.candidates = undefined;
    this.scan(window, window.length - chunk.length, out);
    if (this.handOff) return;
    this.retain(window);
  }

  end(): void {
    if (this.stack.length === 0 && !this.inString) return;
    const what =
      this.elementStart >= 0
        ? `the record that starts at line ${this.elementLine}`
        : this.keepFrom >= 0
          ? `the record that starts at line ${this.keepLine}`
          : `the document that starts at line ${this.topStartLine}`;
    this.fail('truncated JSON', this.heldBytes, `input ends inside ${what}`);
  }

  /** Adds `chunk` after the held bytes, doubling the buffer when it is full; returns the window. */
  private append(chunk: Buffer): Buffer {
    const needed = this.heldBytes + chunk.length;
    if (needed > this.held.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.held.length * 2));
      this.held.copy(grown, 0, 0, this.heldBytes);
      this.held = grown;
    }
    chunk.copy(this.held, this.heldBytes);
    this.heldBytes = needed;
    return this.held.subarray(0, needed);
  }

  /** Keeps the bytes from `keepFrom` on (none while dropping), moving them to the front of the buffer. */
  private retain(window: Buffer): void {
    const end = this.base + window.length;
    if (this.keepFrom >= 0 && !this.dropping && end - this.keepFrom > this.maxRecordBytes) {
      this.dropping = true;
    }
    const keep = this.keepFrom >= 0 && !this.dropping ? this.keepFrom - this.base : window.length;
    const remaining = window.length - keep;
    if (remaining === 0) {
      if (this.held.length > RELEASE_BYTES) this.held = Buffer.alloc(0);
      this.heldBytes = 0;
    } else if (this.heldBytes === 0) {
      if (this.held.length < remaining) this.held = Buffer.allocUnsafe(Math.max(remaining, 64 * 1024));
      window.copy(this.held, 0, keep);
      this.heldBytes = remaining;
    } else if (keep > 0) {
      this.held.copyWithin(0, keep, window.length);
      this.heldBytes = remaining;
    }
    this.base += keep;
  }

  private scan(w: Buffer, from: number, out: RawItem[]): void {
    let i = from;
    const n = w.length;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        const quote = w.indexOf(QUOTE, i);
        const stop = quote < 0 ? n : quote;
        let k = stop - 1;
        while (k >= i && w[k] === BACKSLASH) k--;
        const oddRun = (stop - 1 - k) % 2 === 1;
        if (quote < 0) {
          this.escaped = oddRun;
          return;
        }
        i = quote + 1;
        if (!oddRun) {
          this.inString = false;
          this.stringEnded(w, quote, out);
        }
        continue;
      }
      const c = w[i] as number;
      if (c === 0x0a) this.line++;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
        if (this.stack.length === 0) this.startDocument(i, c);
        else {
          this.structural(w, i, c, out);
          if (this.handOff) return;
        }
      }
      i++;
    }
  }

  /** Depth 0: a document must start here. */
  private startDocument(i: number, c: number): void {
    if (c !== 0x7b && c !== 0x5b) this.fail('expected a JSON array or object', i);
    this.topStartLine = this.line;
    this.topIsEnvelope = false;
    if (c === 0x5b) this.recordDepth = 1;
    else {
      this.keepFrom = this.base + i;
      this.keepLine = this.line;
      this.expectKey = true;
    }
    this.stack.push(c === 0x7b ? 0x7d : 0x5d);
  }

  private structural(w: Buffer, i: number, c: number, out: RawItem[]): void {
    const depth = this.stack.length;
    const atRecordLevel = this.recordDepth > 0 && depth === this.recordDepth && this.elementStart < 0;
    if (atRecordLevel && c !== 0x2c && c !== 0x5d) {
      this.elementStart = this.base + i;
      this.elementLine = this.line;
      if (this.keepFrom < 0) this.keepFrom = this.base + i;
    }
    if (c === QUOTE) {
      this.inString = true;
      this.stringStart = this.base + i;
      return;
    }
    if (depth === 1 && this.keepFrom >= 0 && this.recordDepth === 0) this.envelopeToken(c);
    if (c === 0x7b || c === 0x5b) {
      if (this.awaitingValue && c === 0x5b && CONTAINER_KEYS.has(this.lastKey.toLowerCase())) {
        this.topIsEnvelope = true;
        this.recordDepth = 2;
        // What was kept (and perhaps dropped) was the envelope's preamble, not a record.
        this.keepFrom = -1;
        this.dropping = false;
      }
      this.awaitingValue = false;
      this.stack.push(c === 0x7b ? 0x7d : 0x5d);
      return;
    }
    if (c === 0x7d || c === 0x5d) {
      if (this.stack.pop() !== c) this.fail(`unexpected '${String.fromCharCode(c)}'`, i);
      this.closed(w, i, out);
      return;
    }
    if (this.elementStart >= 0 && depth === this.recordDepth && (c === 0x2c || c === 0x5d)) {
      this.emitElement(w, i, out);
    }
  }

  /** Tracks keys of a top-level object until it proves to be an envelope (or a bare record). */
  private envelopeToken(c: number): void {
    if (c === 0x3a) this.awaitingValue = true;
    else if (c === 0x2c) {
      this.expectKey = true;
      this.awaitingValue = false;
    } else if (c !== 0x7b && c !== 0x5b) this.awaitingValue = false;
  }

  private stringEnded(w: Buffer, quote: number, out: RawItem[]): void {
    const depth = this.stack.length;
    if (depth === 1 && this.expectKey && this.recordDepth === 0) {
      this.expectKey = false;
      // A key that began in an earlier chunk of a dropped preamble is gone: it cannot name an envelope.
      const start = this.stringStart - this.base;
      this.lastKey = start >= 0 ? decodeKey(w, start, quote) : '';
    } else if (depth === 1 && this.recordDepth === 0) this.awaitingValue = false;
    if (this.elementStart === this.stringStart && depth === this.recordDepth)
      this.emitElement(w, quote + 1, out);
  }

  private closed(w: Buffer, i: number, out: RawItem[]): void {
    const depth = this.stack.length;
    if (this.elementStart >= 0 && depth === this.recordDepth) this.emitElement(w, i + 1, out);
    else if (this.elementStart >= 0 && depth === this.recordDepth - 1) this.emitElement(w, i, out);
    if (depth < this.recordDepth) this.recordDepth = 0;
    if (depth === 0) this.endDocument(w, i, out);
  }

  private endDocument(w: Buffer, i: number, out: RawItem[]): void {
    if (this.keepFrom >= 0 && !this.topIsEnvelope) {
      const position = { line: this.keepLine, byte: this.keepFrom };
      this.offer(w, this.keepFrom, i + 1, position, out);
    }
    this.keepFrom = -1;
    this.dropping = false;
    this.documents++;
    if (this.documents === 1 && this.topStartLine === this.line) {
      const rest = Buffer.from(w.subarray(i + 1));
      this.handOff = { rest, line: this.line, byte: this.base + i + 1 };
    }
  }

  /** An element of the record array ends at `end` (exclusive). */
  private emitElement(w: Buffer, end: number, out: RawItem[]): void {
    const position = { line: this.elementLine, byte: this.elementStart };
    const first = this.dropping ? undefined : w[this.elementStart - this.base];
    if (first === 0x7b || this.dropping) this.offer(w, this.elementStart, end, position, out);
    else {
      this.records++;
      out.push({ kind: 'malformed', reason: 'not a JSON object', position });
    }
    this.elementStart = -1;
    this.keepFrom = -1;
    this.dropping = false;
  }

  /**
   * A record from absolute offset `start` to window index `end` (exclusive): handed on when the prefilter
   * cannot rule it out, reported when it is over the cap (then its bytes may already be gone).
   */
  private offer(w: Buffer, start: number, end: number, position: RawItem['position'], out: RawItem[]): void {
    this.records++;
    const size = this.base + end - start;
    if (this.dropping || size > this.maxRecordBytes) {
      out.push({ kind: 'too-large', position, bytes: size });
      return;
    }
    // One prefilter search per window (records are offered from it in order), not one per record.
    this.candidates ??= new CandidateScan(w);
    const from = start - this.base;
    const kind = this.candidates.kind(from, end);
    if (kind === 'tap' || (kind === 'chain' && !this.chain))
      out.push({ kind: 'text', text: w.toString('utf8', from, end), position, whole: false });
    else if (kind === 'chain') this.chain?.add(w, from, end, start, position.line, false);
  }

  private fail(problem: string, windowIndex: number, detail?: string): never {
    throw new AuditFileError(this.file, { line: this.line, byte: this.base + windowIndex }, problem, detail);
  }
}

function decodeKey(w: Buffer, start: number, quote: number): string {
  try {
    return String(JSON.parse(w.toString('utf8', start, quote + 1)));
  } catch {
    return '';
  }
}
