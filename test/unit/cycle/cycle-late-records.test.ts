import { normalize } from '../../../src/audit/normalize';
import { runDetectionCycle } from '../../../src/cycle';
import type { TenantSnapshot } from '../../../src/directory/snapshot';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import { PUBLISH_DELAY_FIELD } from '../../../src/sim/publishing';
import { createMemoryStore } from '../../../src/store/memory-store';
import { memoryDeps, NOW, sampleTenant } from './cycle-fixture';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

/** The sample tenant with three of its TAP records moved after the first cycle and published late. */
function tenantWithLateTaps(delaysMinutes: number[]): { tenant: TenantSnapshot; tapIds: string[] } {
  const tenant = sampleTenant();
  const taps = tenant.directoryAudits.filter((r) => normalize(r).length === 1).slice(0, delaysMinutes.length);
  const tapIds = taps.map((record, i) => {
    const r = record as Record<string, unknown>;
    r.activityDateTime = at(30 * MIN + i * MIN).toISOString();
    r[PUBLISH_DELAY_FIELD] = delaysMinutes[i];
    return String(normalize(r)[0]?.tap.id);
  });
  return { tenant, tapIds };
}

describe('incremental windows with re-read tiers, at a 5-minute schedule', () => {
  it('stores records published 3 minutes, 90 minutes and 20 hours late, each soon after the tier that covers it', async () => {
    // Prepare
    const { tenant, tapIds } = tenantWithLateTaps([3, 90, 20 * 60]);
    const deps = memoryDeps(tenant, []);
    const foundAt = new Map<string, number>();

    // Act: cycles every 5 minutes for 26 hours, each seeing only what is published by then
    for (let offset = 0; offset <= 26 * HOUR; offset += 5 * MIN) {
      const now = at(offset);
      const summary = await runDetectionCycle(
        { ...deps, source: createSnapshotTenantSource(tenant, { clock: () => now }) },
        now,
      );
      expect(summary.status).toBe('ok');
      for (const id of tapIds) {
        if (foundAt.has(id)) continue;
        const page = await deps.store.queryFindings({
          tenantId: deps.config.tenantId,
          since: at(-HOUR),
          until: at(27 * HOUR),
          limit: 100,
        });
        if (page.items.some((s) => s.finding.tap.id === id)) foundAt.set(id, offset);
      }
    }

    // Assess: minutes from activity to storage; the first by the overlap, the others by their tier
    const minutes = tapIds.map((id, i) => ((foundAt.get(id) ?? Number.NaN) - (30 + i) * MIN) / MIN);
    expect(minutes[0]).toBeLessThanOrEqual(3 + 5);
    expect(minutes[1]).toBeGreaterThanOrEqual(90);
    expect(minutes[1]).toBeLessThanOrEqual(3 * 60);
    expect(minutes[2]).toBeGreaterThanOrEqual(20 * 60);
    expect(minutes[2]).toBeLessThanOrEqual(25 * 60);
  });

  it('re-reads a failed cycle’s window in the next cycle, so a record of that window is not lost', async () => {
    // Prepare: a first successful cycle, then a TAP record two minutes after it
    const { tenant, tapIds } = tenantWithLateTaps([0]);
    const record = tenant.directoryAudits.find((r) => normalize(r)[0]?.tap.id === tapIds[0]) as Record<
      string,
      unknown
    >;
    record.activityDateTime = at(2 * MIN).toISOString();
    const deps = memoryDeps(tenant, []);
    await runDetectionCycle(deps, NOW);

    // Act: the cycle at +5 min fails on Graph; the one at +10 min runs
    const failing = createSnapshotTenantSource(tenant);
    const failed = await runDetectionCycle(
      {
        ...deps,
        source: {
          ...failing,
          auditPages: () => {
            throw new Error('GET /auditLogs/directoryAudits failed with 503 after 3 retries');
          },
        },
      },
      at(5 * MIN),
    );
    const next = await runDetectionCycle(
      { ...deps, source: createSnapshotTenantSource(tenant) },
      at(10 * MIN),
    );

    // Assess
    expect(failed.status).toBe('failed');
    expect(next.windows).toEqual([
      { from: at(-4 * MIN).toISOString(), to: at(10 * MIN).toISOString(), purposes: ['incremental'] },
    ]);
    expect(next.findings.new).toBe(1);
  });

  it('runs each tier once per period, and a restarted worker reads the tier ends from the checkpoint', async () => {
    const tenant = sampleTenant();
    const deps = memoryDeps(tenant, []);
    const cycle = (offset: number, store = deps.store) =>
      runDetectionCycle({ ...deps, store, source: createSnapshotTenantSource(tenant) }, at(offset));
    await cycle(0);

    const beforeHalfHour = await cycle(25 * MIN);
    const onTheHalfHour = await cycle(30 * MIN);
    const beforeHour = await cycle(55 * MIN);
    const onTheHour = await cycle(60 * MIN);
    const restarted = await cycle(65 * MIN, createMemoryStore(deps.tables));

    // The two hourly tiers are staggered half an hour apart, so no cycle carries both.
    const purposes = (s: typeof onTheHour) => s.windows.flatMap((w) => w.purposes).sort();
    expect(purposes(beforeHalfHour)).toEqual(['incremental']);
    expect(purposes(onTheHalfHour)).toEqual(['incremental', 'reread:24h']);
    expect(purposes(beforeHour)).toEqual(['incremental']);
    expect(purposes(onTheHour)).toEqual(['incremental', 'reread:2h']);
    expect(purposes(restarted)).toEqual(['incremental']);
    expect((await deps.store.getCheckpoint(deps.config.tenantId))?.tiers).toEqual({
      '2h': at(-HOUR).toISOString(),
      '24h': at(-23.5 * HOUR).toISOString(),
    });
  });
});
