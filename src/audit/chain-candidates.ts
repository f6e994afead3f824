import { isGuid } from '../guid';
/**
 * Chain records the scan has not parsed yet. Most Authentication Methods traffic (every registration and
 * deletion of every user) looks like chain evidence, but only records about the target of a TAP matter,
 * and the TAPs are known only when every input has been read. Parsing them all would cost more than
 * the rest of the scan, and keeping them would grow memory with the input; so the readers keep, per such
 * record, only where it lies in its file and a 32-bit hash of every GUID-shaped word in it (user and
 * object ids are GUIDs). At the end, the records that name the id of a TAP's target are read again by
 * their position and parsed. A hash collision costs one extra read, never a missed record.
 */
export class ChainCandidates {
  /** Records kept (each costs 25 bytes plus 4 per GUID it holds). */
  count = 0;
  /** Per record: start and end byte, line (Float64: files may pass 4 GB). */
  private places = new Float64Array(3 * 16384);
  /** Per record: whether it is a whole JSON Lines line (may be an envelope) rather than an array element. */
  private wholes = new Uint8Array(16384);
  /** `hashes[hashEnds[k-1] .. hashEnds[k])` are record k's GUID hashes. */
  private hashEnds = new Uint32Array(16384);
  private hashes = new Int32Array(65536);
  private used = 0;

  /**
   * Keeps the record at `bytes[from, to)`, which starts at byte `start` of its input and on `line`;
   * `whole` when it is a whole JSON Lines line (which may be an envelope) rather than an array element.
   */
  add(bytes: Uint8Array, from: number, to: number, start: number, line: number, whole: boolean): void {
    // A GUID is 36 characters, so a look every 36 bytes lands in each one, on a hex digit or a dash;
    // the nearest dash after it (or, in the last group, before it) tells where the GUID starts. Most
    // looks land on other text and cost one table look-up. Only GUID-shaped words (hex digits and
    // dashes) matter: `targetHashes` reads every record when a target id is not one. Ids in JSON are
    // quoted, so the search for a dash, which stops at any other byte, stays within the id.
    for (let q = from; q < to; q += 36) {
      if (GUID_CHARS[bytes[q] as number] === 0) continue;
      const after = nearestDash(bytes, q, 1, Math.min(q + 8, to - 1));
      if (after >= 0 && this.guidsAround(bytes, after, from, to)) continue;
      const before = nearestDash(bytes, q - 1, -1, Math.max(q - 12, from));
      if (before >= 0) this.guidsAround(bytes, before, from, to);
    }
    const k = this.count;
    if (k === this.wholes.length) this.grow();
    this.places[3 * k] = start;
    this.places[3 * k + 1] = start + (to - from);
    this.places[3 * k + 2] = line;
    this.wholes[k] = whole ? 1 : 0;
    this.hashEnds[k] = this.used;
    this.count++;
  }

  /**
   * Hashes each GUID (8-4-4-4-12: dashes at 8, 13, 18 and 23) that has one of its dashes at `dash` and
   * lies in `[from, to)`; true when there was one.
   */
  private guidsAround(bytes: Uint8Array, dash: number, from: number, to: number): boolean {
    let found = false;
    for (let g = dash - 23; g <= dash - 8; g += 5) {
      if (g < from || g + 36 > to) continue;
      if (bytes[g + 8] !== DASH_BYTE || bytes[g + 13] !== DASH_BYTE || bytes[g + 18] !== DASH_BYTE) continue;
      if (bytes[g + 23] !== DASH_BYTE) continue;
      this.push(guidHash(bytes, g));
      found = true;
    }
    return found;
  }

  /** The byte ranges of the records holding any of `ids` (every record when `ids` is 'all'), in file order. */
  wanted(ids: ReadonlySet<number> | 'all'): { start: number; end: number; line: number; whole: boolean }[] {
    const out: { start: number; end: number; line: number; whole: boolean }[] = [];
    // A bitmap in front of the set: most kept GUIDs are of no TAP target, and a bit test rules them out
    // far quicker than a `Set` look-up (a large export keeps hundreds of thousands of hashes).
    const bits = new Int32Array(1 << 15);
    if (ids !== 'all')
      for (const id of ids) {
        const b = fold(id);
        bits[b >>> 5] = (bits[b >>> 5] as number) | (1 << (b & 31));
      }
    const hashes = this.hashes;
    let from = 0;
    for (let k = 0; k < this.count; k++) {
      const to = this.hashEnds[k] as number;
      let hit = ids === 'all';
      for (let h = from; !hit && h < to; h++) {
        const hash = hashes[h] as number;
        const b = fold(hash);
        hit = ((bits[b >>> 5] as number) & (1 << (b & 31))) !== 0 && ids !== 'all' && ids.has(hash);
      }
      from = to;
      if (hit)
        out.push({
          start: this.places[3 * k] as number,
          end: this.places[3 * k + 1] as number,
          line: this.places[3 * k + 2] as number,
          whole: this.wholes[k] === 1,
        });
    }
    return out;
  }

  /** What was kept, as typed arrays that can be moved to another thread (see `append`). */
  state(): ChainCandidatesState {
    return {
      count: this.count,
      places: this.places.slice(0, 3 * this.count),
      wholes: this.wholes.slice(0, this.count),
      hashEnds: this.hashEnds.slice(0, this.count),
      hashes: this.hashes.slice(0, this.used),
    };
  }

  /**
   * Adds the records another instance kept (in the same file, after those kept here), their line numbers
   * shifted by `lines` (the lines of the file before the part it read).
   */
  append(other: ChainCandidatesState, lines = 0): void {
    const base = this.used;
    for (let h = 0; h < other.hashes.length; h++) this.push(other.hashes[h] as number);
    for (let k = 0; k < other.count; k++) {
      const at = this.count;
      if (at === this.wholes.length) this.grow();
      this.places[3 * at] = other.places[3 * k] as number;
      this.places[3 * at + 1] = other.places[3 * k + 1] as number;
      this.places[3 * at + 2] = (other.places[3 * k + 2] as number) + lines;
      this.wholes[at] = other.wholes[k] as number;
      this.hashEnds[at] = base + (other.hashEnds[k] as number);
      this.count++;
    }
  }

  private grow(): void {
    const size = this.wholes.length * 2;
    const places = new Float64Array(3 * size);
    places.set(this.places);
    this.places = places;
    const wholes = new Uint8Array(size);
    wholes.set(this.wholes);
    this.wholes = wholes;
    const hashEnds = new Uint32Array(size);
    hashEnds.set(this.hashEnds);
    this.hashEnds = hashEnds;
  }

  private push(hash: number): void {
    if (this.used === this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.used++] = hash;
  }
}

/** A `ChainCandidates`' records as plain typed arrays (structured-clonable). */
export interface ChainCandidatesState {
  count: number;
  places: Float64Array;
  wholes: Uint8Array;
  hashEnds: Uint32Array;
  hashes: Int32Array;
}

/** The low 20 bits of a GUID hash, the high ones folded in: its bit in `wanted`'s bitmap. */
function fold(hash: number): number {
  return (hash ^ (hash >>> 20)) & 0xfffff;
}

/**
 * The hashes of TAP target ids to look for; 'all' when one of them is not a GUID (the hash test
 * would not find it, so every kept record is read).
 */
export function targetHashes(ids: Iterable<string>): Set<number> | 'all' {
  const out = new Set<number>();
  for (const raw of ids) {
    const id = raw.trim();
    if (!isGuid(id)) return 'all';
    out.add(guidHash(Buffer.from(id, 'latin1'), 0));
  }
  return out;
}

/**
 * FNV-1a over the GUID at `at` (bytes, or a string's character codes): its first 8 and last 4
 * characters, case-folded (`| 0x20` leaves digits as they are). Twelve of the 32 hex digits are plenty to
 * tell ids apart (object ids are random), and a collision only costs one record read again.
 */
function guidHash(bytes: Uint8Array, at: number): number {
  let h = 0x811c9dc5;
  for (let j = at; j < at + 8; j++) h = Math.imul(h ^ ((bytes[j] as number) | 0x20), 16777619);
  for (let j = at + 32; j < at + 36; j++) h = Math.imul(h ^ ((bytes[j] as number) | 0x20), 16777619);
  return h | 0;
}

/**
 * The first dash met going from `at` by `step` (1 or -1) to `last` (inclusive) over hex digits only, or
 * -1 when another byte or `last` comes first.
 */
function nearestDash(bytes: Uint8Array, at: number, step: 1 | -1, last: number): number {
  for (let d = at; step === 1 ? d <= last : d >= last; d += step) {
    const c = GUID_CHARS[bytes[d] as number];
    if (c === DASH) return d;
    if (c !== HEX) return -1;
  }
  return -1;
}

const HEX = 1;
const DASH = 2;
const DASH_BYTE = 0x2d;
/** `HEX` for a hex digit, `DASH` for `-`, 0 for any other byte. */
const GUID_CHARS = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') GUID_CHARS[c.charCodeAt(0)] = HEX;
GUID_CHARS[DASH_BYTE] = DASH;
