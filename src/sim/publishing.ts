import { createPrng, hashSeed } from './prng';

/**
 * Publishing latency of simulated audit records. Entra makes a record queryable some time
 * after its `activityDateTime`: typically minutes (older figures: P95 2 min, P99 5 min), MFA details up
 * to two hours, backfills hours later (docs/graph-behaviour.md; docs/graph-behaviour.md). The simulator hides
 * a record until its publish time on the simulator's clock, so tests and the benchmark see late records.
 */

/**
 * Per-record publish delay in minutes (fractional allowed), a simulator-only annotation: the simulator
 * never returns it. It wins over any latency model, and survives `shiftAuditTimes` (it is relative).
 */
export const PUBLISH_DELAY_FIELD = '@sim.publishDelayMinutes';

/** Publish delay of a record in milliseconds, from its audit id (the same id always gets the same delay). */
export type LatencyModel = (auditId: string) => number;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * A guess shaped on the published figures (no current Microsoft figures exist): 95% within 20 s–2 min,
 * 4% within 2–5 min, 0.7% within 5 min–2 h and 0.3% within 2–24 h (log-uniform in the last two bands).
 * Seeded: one seed gives the same delays on any machine.
 */
export function realisticLatency(seed: number): LatencyModel {
  return (auditId) => {
    const [band, within] = uniforms(seed, auditId);
    if (band < 0.95) return 20_000 + within * 100_000;
    if (band < 0.99) return 2 * MINUTE_MS + within * 3 * MINUTE_MS;
    if (band < 0.997) return logUniform(5 * MINUTE_MS, 2 * HOUR_MS, within);
    return logUniform(2 * HOUR_MS, 24 * HOUR_MS, within);
  };
}

/** A stress model: a `share` of records arrive uniformly up to `maxMs` late, the rest at once. */
export function backfillLatency(seed: number, share: number, maxMs: number): LatencyModel {
  return (auditId) => {
    const [band, within] = uniforms(seed, auditId);
    return band < share ? within * maxMs : 0;
  };
}

/** Delay of one record: its own annotation, else the model's, else none. */
export function publishDelayMs(record: unknown, model: LatencyModel | undefined): number {
  if (typeof record !== 'object' || record === null) return 0;
  const own = (record as Record<string, unknown>)[PUBLISH_DELAY_FIELD];
  if (typeof own === 'number' && Number.isFinite(own) && own >= 0) return own * MINUTE_MS;
  const id = (record as { id?: unknown }).id;
  return model && typeof id === 'string' ? model(id) : 0;
}

/** The record without simulator annotations, as Graph would return it. */
export function withoutAnnotations<T>(record: T): T {
  if (typeof record !== 'object' || record === null || !(PUBLISH_DELAY_FIELD in record)) return record;
  const { [PUBLISH_DELAY_FIELD]: _omitted, ...rest } = record as Record<string, unknown>;
  return rest as T;
}

function uniforms(seed: number, auditId: string): [number, number] {
  const rng = createPrng(hashSeed(`${seed >>> 0}:${auditId}`));
  return [rng.next(), rng.next()];
}

function logUniform(min: number, max: number, u: number): number {
  return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
}
