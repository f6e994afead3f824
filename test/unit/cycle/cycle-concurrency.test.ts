import { runDetectionCycle } from '../../../src/cycle';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import type { TenantSource } from '../../../src/graph/tenant-source';
import { checkHealth } from '../../../src/store/health';
import { createMemoryStore } from '../../../src/store/memory-store';
import { fakeChannel, memoryDeps, NOW, sampleTenant } from './cycle-fixture';

const MIN = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('concurrent cycles of one tenant over in-memory twins', () => {
  it.each([2, 4, 8])(
    'serialises %i cycles started together: one works, the others are skipped, none fails',
    async (n) => {
      // Prepare: n workers, each with its own store client over the same tables
      const channel = fakeChannel('webhook:a');
      const base = memoryDeps(sampleTenant(), [channel]);

      // Act
      const summaries = await Promise.all(
        Array.from({ length: n }, (_, i) =>
          runDetectionCycle(
            {
              ...base,
              store: createMemoryStore(base.tables),
              source: createSnapshotTenantSource(sampleTenant()),
              runId: `run-${i}`,
            },
            NOW,
          ),
        ),
      );

      // Assess
      const statuses = summaries.map((s) => s.status).sort();
      expect(statuses).toEqual(['ok', ...Array<string>(n - 1).fill('skipped')]);
      expect(summaries.flatMap((s) => s.errors)).toEqual([]);
      const worker = summaries.find((s) => s.status === 'ok');
      expect(summaries.filter((s) => s.status === 'skipped').map((s) => s.skipped?.heldBy)).toEqual(
        Array(n - 1).fill(worker?.runId),
      );
      expect(new Set(channel.taken.map((f) => f.id)).size).toBe(channel.taken.length);
      const health = await checkHealth(base.store, base.config.tenantId, NOW);
      expect(health.status).toBe(200);
      expect(health.jsonBody).toMatchObject({
        status: 'ok',
        lease: {
          running: false,
          runId: worker?.runId,
          skippedCycles: n - 1,
          lastSkippedAt: NOW.toISOString(),
        },
      });
    },
  );

  it('keeps the checkpoint of a newer cycle when an older, slower one finishes after it', async () => {
    // Prepare: the cycle at +60 min hangs in Graph until released, past its 10-minute lease
    const base = memoryDeps(sampleTenant(), []);
    await runDetectionCycle(base, NOW);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inner = createSnapshotTenantSource(sampleTenant());
    const slow: TenantSource = {
      ...inner,
      async *auditPages(window) {
        await gate;
        yield* inner.auditPages(window);
      },
    };

    // Act
    const older = runDetectionCycle(
      { ...base, store: createMemoryStore(base.tables), source: slow },
      at(60 * MIN),
    );
    const newer = await runDetectionCycle(
      { ...base, store: createMemoryStore(base.tables), source: createSnapshotTenantSource(sampleTenant()) },
      at(75 * MIN),
    );
    release();
    const late = await older;

    // Assess
    expect([late.status, newer.status]).toEqual(['ok', 'ok']);
    expect((await base.store.getCheckpoint(base.config.tenantId))?.windowEnd).toBe(
      at(75 * MIN).toISOString(),
    );
  });
});
