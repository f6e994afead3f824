/** What the simulator can do to a request instead of (or before) answering it normally. */
export type FaultKind = '429' | '503' | '500' | '504' | 'truncated' | 'slow' | '403' | 'reset';

export const FAULT_KINDS: readonly FaultKind[] = [
  '429',
  '503',
  '500',
  '504',
  'truncated',
  'slow',
  '403',
  'reset',
];

/** Kinds that are just an HTTP status, so they can also hit requests inside a `$batch`. */
const STATUS_KINDS: ReadonlySet<FaultKind> = new Set(['429', '503', '500', '504', '403']);

export interface FaultSpec {
  /** Request path without the API version (`/auditLogs/directoryAudits`); a string must match exactly. */
  path?: string | RegExp;
  kind: FaultKind;
  /** Sent as `Retry-After` (seconds) with status faults; no header when absent. */
  retryAfterSeconds?: number;
  /** Delay of a `slow` fault, in milliseconds (default 1000). */
  delayMs?: number;
  /** How many matching requests it hits (default 1; `Infinity` for all). */
  times?: number;
}

export interface RandomFaultSpec {
  seed: number;
  /** Probability (0..1) that a matching request is hit. */
  rate: number;
  kinds: readonly FaultKind[];
  paths?: string | RegExp;
  /** Retry-After of random 429/503/504 faults, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Delay of random `slow` faults, in milliseconds (default 50). */
  delayMs?: number;
}

/** A fault chosen for one request. */
export interface Fault {
  kind: FaultKind;
  retryAfterSeconds?: number;
  delayMs?: number;
}

export interface FaultController {
  /** Queues a fault; queued faults are used first-in, first-out and win over random ones. */
  add(spec: FaultSpec): void;
  /** Drops queued faults and stops random mode. */
  clear(): void;
  /** Hits a seeded, reproducible share of requests; `undefined` stops random mode. */
  random(spec: RandomFaultSpec | undefined): void;
  /** Faults applied so far, by kind. */
  injected(): Record<FaultKind, number>;
  /** For the simulator: the fault for this request, if any. `statusOnly` for requests inside a batch. */
  take(path: string, statusOnly?: boolean): Fault | undefined;
}

export function createFaultController(): FaultController {
  let queue: Array<FaultSpec & { left: number }> = [];
  let randomMode: { spec: RandomFaultSpec; next: () => number } | undefined;
  const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;

  const applied = (fault: Fault): Fault => {
    counts[fault.kind] += 1;
    return fault;
  };

  return {
    add(spec) {
      queue.push({ ...spec, left: spec.times ?? 1 });
    },
    clear() {
      queue = [];
      randomMode = undefined;
    },
    random(spec) {
      randomMode = spec ? { spec, next: mulberry32(spec.seed) } : undefined;
    },
    injected: () => ({ ...counts }),
    take(path, statusOnly = false) {
      const queued = queue.find(
        (f) => f.left > 0 && matches(f.path, path) && (!statusOnly || STATUS_KINDS.has(f.kind)),
      );
      if (queued) {
        queued.left -= 1;
        queue = queue.filter((f) => f.left > 0);
        return applied(pick(queued));
      }
      if (!randomMode || !matches(randomMode.spec.paths, path)) return undefined;
      const { spec, next } = randomMode;
      // Both draws happen for every request so the sequence depends only on the seed and request order.
      const hit = next() < spec.rate;
      const kind = spec.kinds[Math.floor(next() * spec.kinds.length)];
      if (!hit || kind === undefined || (statusOnly && !STATUS_KINDS.has(kind))) return undefined;
      return applied({ kind, retryAfterSeconds: spec.retryAfterSeconds ?? 1, delayMs: spec.delayMs ?? 50 });
    },
  };
}

function pick(spec: FaultSpec): Fault {
  return {
    kind: spec.kind,
    ...(spec.retryAfterSeconds !== undefined ? { retryAfterSeconds: spec.retryAfterSeconds } : {}),
    ...(spec.delayMs !== undefined ? { delayMs: spec.delayMs } : {}),
  };
}

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

/** Small seeded PRNG (mulberry32): reproducible fault sequences without a dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
