import type { FaultKind } from '../../../src/sim/faults';
import { auditSeries, buildTenant } from '../../fixtures/graph/tenant-builder';
import { type Harness, readPages, startHarness } from './graph-harness';

const NOW = new Date('2026-03-10T12:00:00Z');
const WINDOW = { from: new Date(NOW.getTime() - 86_400_000), to: NOW };
const TRANSIENT: FaultKind[] = ['429', '503', '500', '504', 'truncated', 'reset', 'slow'];

describe('seeded random faults', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(
      buildTenant({
        groupCount: 30,
        membersPerGroup: 3,
        audits: auditSeries(120, new Date(NOW.getTime() - 60_000), 600_000),
      }),
      25,
    );
  });
  afterAll(() => h.close());

  /** One cycle's reads: every audit page and the directory. */
  const readCycle = async () => {
    const { source, waits } = h.source({ env: { GRAPH_PAGE_SIZE: '25' }, now: NOW });
    const audits = (await readPages(source.auditPages(WINDOW))).flat().map((r) => (r as { id: string }).id);
    const { snapshot } = await source.loadDirectory();
    return { audits, snapshot, waits, stats: source.stats() };
  };

  it.each([1, 2, 3, 4, 5])(
    'returns the same data as a clean run when transient faults hit (seed %i)',
    async (seed) => {
      // Prepare
      h.sim.faults.clear();
      const clean = await readCycle();
      h.sim.faults.random({ seed, rate: 0.15, kinds: TRANSIENT, delayMs: 20 });
      const before = Object.values(h.sim.faults.injected()).reduce((a, b) => a + b, 0);

      // Act
      const faulty = await readCycle();

      // Assess
      const injected = Object.values(h.sim.faults.injected()).reduce((a, b) => a + b, 0) - before;
      expect(injected).toBeGreaterThan(0);
      expect(faulty.audits).toEqual(clean.audits);
      expect(faulty.snapshot).toEqual(clean.snapshot);
      expect(faulty.stats.requests).toBeGreaterThan(clean.stats.requests);
      expect(faulty.waits.length).toBe(faulty.stats.throttleWaits);
    },
  );
});
