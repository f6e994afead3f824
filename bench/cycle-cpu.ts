import { ResponseType } from '@microsoft/microsoft-graph-client';
import { auditWindow } from '../src/cycle';
import { auditQueryPaths } from '../src/graph/audit-query';
import { type CycleHarness, measureCpu, median } from './cycle-harness';
import {
  assertSameRequests,
  describeRequests,
  recordingSource,
  replaySourceCalls,
  type SourceCall,
} from './source-calls';

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
  /**
   * Every request the cycle makes, made again in the same order through the same client with the same
   * filters (audit pages, `loadDirectory`, sign-ins), checked request for request against the cycle's.
   */
  fullFloorMs: number;
  /** The full floor's requests by path, e.g. "26 × `/auditLogs/directoryAudits`, 50 × `/auditLogs/signIns`, …". */
  floorRequests: string;
  /** Sign-in requests in the cycle and so in the full floor. */
  signInRequests: number;
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
  let floorRequests = '';
  let signInRequests = 0;
  for (let round = 0; round <= repetitions; round += 1) {
    // The cycle's source calls are recorded (a few array pushes) so the floor repeats exactly those reads.
    const calls: SourceCall[] = [];
    const cycleSource = recordingSource(harness.source(now), calls);
    const simBefore = (await harness.sim.counts()).cpuMs;
    const cycle = await measureCpu(() => harness.cycle(now, { source: cycleSource }));
    const simAfter = (await harness.sim.counts()).cpuMs;
    if (cycle.value.status !== 'ok')
      throw new Error(`cycle was ${cycle.value.status}: ${cycle.value.errors.join('; ')}`);
    const audit = await measureCpu(() => drain(harness.source(now).auditPages(window)));
    const floorSource = harness.source(now);
    const full = await measureCpu(() => replaySourceCalls(floorSource, calls));
    assertSameRequests(cycle.value.graph, floorSource.stats());
    floorRequests = describeRequests(floorSource.stats());
    signInRequests = cycle.value.chain.signIns.requested;
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
    floorRequests,
    signInRequests,
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
