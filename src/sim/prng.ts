/**
 * A small seeded pseudo-random source (mulberry32). The sample tenant, the synthetic tenants and the
 * fault-injection suite draw every "random" choice from it, so a seed reproduces a tenant byte for
 * byte on any machine. Not for anything secret.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with the given probability (0..1). */
  chance(probability: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element, chosen by non-negative weights (same length as `items`). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Lower-case RFC 4122 version-4 shaped GUID. */
  uuid(): string;
  /** `length` lower-case hex digits. */
  hex(length: number): string;
  /** `length` characters of upper-case letters and digits (the shape of audit id segments). */
  alphanumeric(length: number): string;
  /** `length` decimal digits; the first is never 0. */
  digits(length: number): string;
}

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Creates a deterministic source; the same seed always yields the same sequence. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const fromAlphabet = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let roll = next() * total;
      for (let i = 0; i < items.length; i++) {
        roll -= weights[i] ?? 0;
        if (roll < 0) return items[i] as T;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new RangeError('weighted() needs a non-empty list');
      return last;
    },
    uuid(): string {
      // Four 32-bit draws; version nibble 4, RFC 4122 variant (8, 9, a or b).
      const word = (): string =>
        Math.floor(next() * 4294967296)
          .toString(16)
          .padStart(8, '0');
      const a = word();
      const b = word();
      const c = word();
      const d = word();
      const variant = HEX[8 + (parseInt(c[0] as string, 16) & 3)] as string;
      return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
    hex: (length) => fromAlphabet(HEX, length),
    alphanumeric: (length) => fromAlphabet(ALNUM, length),
    digits: (length) => String(int(1, 9)) + fromAlphabet('0123456789', length - 1),
  };
}

/** FNV-1a 32-bit hash of a label; turns readable names into seeds. */
export function hashSeed(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A GUID that depends only on `label`: hand-written scenarios name their objects
 * (`stableUuid('user:MeganB')`) and get ids that stay put when the scenario is reordered.
 */
export function stableUuid(label: string): string {
  return createPrng(hashSeed(label)).uuid();
}
