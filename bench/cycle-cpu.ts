import { ResponseType } from '@microsoft/microsoft-graph-client';
import { auditWindow } from '../src/cycle';
import { auditQueryPaths } from '../src/graph/audit-query';
import { type CycleHarness, measureCpu, median } from './cycle-harness';

/** Medians over the repetitions, CPU of this process in milliseconds (the simulator's is elsewhere). */
export interface CpuFigures {
  repetitions: number;
  /** `runDetectionCycle` with a fresh in-memory store each time (every finding new: the costly case). */
  cycleMs: number;
  cycleWallMs: number;
  /** CPU the simulator process spent serving one cycle: excluded from every figure here. */
  simulatorMs: number;
  /** Iterating `source.auditPages(window)`: the same client, TLS, retries and JSON.parse, nothing else. */
  auditFloorMs: number;
  /** The audit floor plus `source.loadDirectory()`: every request the cycle makes. */
  fullFloorMs: number;
  /** `JSON.parse` of the audit page bodies fetched once beforehand: no network at all. */
  rawParseMs: number;
  pages: number;
  bodyMegabytes: number;
}

/**
 * CPU of a cycle against the "parse floor". The tenant must already be served.
 * One warm-up round runs first so JIT compilation is not charged to the first measurement; the kinds of
 * measurement are interleaved within each round so drift (GC, frequency) spreads evenly.
 */
export async function measureCycleCpu(
  harness: CycleHarness,
  now: Date,
  repetitions: number,
  options: { withDirectory: boolean },
): Promise<CpuFigures> {
  const window = auditWindow(harness.config, now);
  const bodies = await fetchAuditBodies(harness, now);
  const samples = {
    cycle: [] as number[],
    wall: [] as number[],
    sim: [] as number[],
    audit: [] as number[],
    full: [] as number[],
    raw: [] as number[],
  };
  for (let round = 0; round <= repetitions; round += 1) {
    const simBefore = (await harness.sim.counts()).cpuMs;
    const cycle = await measureCpu(() => harness.cycle(now));
    const simAfter = (await harness.sim.counts()).cpuMs;
    if (cycle.value.status !== 'ok')
      throw new Error(`cycle was ${cycle.value.status}: ${cycle.value.errors.join('; ')}`);
    const audit = await measureCpu(() => drain(harness.source(now).auditPages(window)));
    const full = options.withDirectory
      ? await measureCpu(async () => {
          const source = harness.source(now);
          await drain(source.auditPages(window));
          await source.loadDirectory();
        })
      : audit;
    const raw = await measureCpu(async () =>
      bodies.reduce((n, body) => n + (JSON.parse(body) as { value: unknown[] }).value.length, 0),
    );
    if (round === 0) continue; // warm-up
    samples.cycle.push(cycle.cpuMs);
    samples.wall.push(cycle.wallMs);
    samples.sim.push(simAfter - simBefore);
    samples.audit.push(audit.cpuMs);
    samples.full.push(full.cpuMs);
    samples.raw.push(raw.cpuMs);
  }
  return {
    repetitions,
    cycleMs: median(samples.cycle),
    cycleWallMs: median(samples.wall),
    simulatorMs: median(samples.sim),
    auditFloorMs: median(samples.audit),
    fullFloorMs: median(samples.full),
    rawParseMs: median(samples.raw),
    pages: bodies.length,
    bodyMegabytes: bodies.reduce((n, b) => n + Buffer.byteLength(b), 0) / 1e6,
  };
}

async function drain(pages: AsyncIterable<unknown[]>): Promise<number> {
  let records = 0;
  for await (const page of pages) records += page.length;
  return records;
}

/** The window's audit pages as text (every selected activity), through the same SDK client, following nextLinks verbatim. */
async function fetchAuditBodies(harness: CycleHarness, now: Date): Promise<string[]> {
  const bodies: string[] = [];
  for (const first of auditQueryPaths(auditWindow(harness.config, now), harness.config.graphPageSize)) {
    let target: string | undefined = first;
    while (target !== undefined) {
      const response = (await harness.client.sdk
        .api(target)
        .responseType(ResponseType.RAW)
        .get()) as Response;
      if (!response.ok) throw new Error(`fetching audit pages failed with ${response.status}`);
      const text = await response.text();
      bodies.push(text);
      const link = (JSON.parse(text) as { '@odata.nextLink'?: unknown })['@odata.nextLink'];
      target = typeof link === 'string' ? link : undefined;
    }
  }
  return bodies;
}
