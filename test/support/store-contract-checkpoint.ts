import { randomUUID } from 'node:crypto';
import type { Checkpoint } from '../../src/store/store';
import type { StoreHarness } from './store-contract';
import { at, HOUR, NOW } from './store-contract-fixtures';

const MINUTE = 60_000;

/** The checkpoint only moves forwards, and the tenant lease admits one live run at a time. */
export function checkpointContract(harness: StoreHarness): void {
  describe('checkpoint', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });
    const checkpoint = (offsetMs: number, tiers?: Record<string, string>): Checkpoint => ({
      tenantId,
      lastSuccessAt: at(offsetMs),
      windowEnd: at(offsetMs),
      status: 'ok',
      summary: { runId: `run-${offsetMs}` },
      ...(tiers ? { tiers } : {}),
    });

    it('is absent at first, then reads back what was written, tier ends included', async () => {
      expect(await harness.store().getCheckpoint(tenantId)).toBeUndefined();
      const first = checkpoint(0, { '2h': at(-2 * HOUR), '24h': at(-24 * HOUR) });

      await harness.store().putCheckpoint(first);
      await harness.store().putCheckpoint(checkpoint(HOUR, { '2h': at(-HOUR), '24h': at(-24 * HOUR) }));

      expect(await harness.store().getCheckpoint(tenantId)).toEqual(
        checkpoint(HOUR, { '2h': at(-HOUR), '24h': at(-24 * HOUR) }),
      );
    });

    it('never moves backwards when a slower, older cycle finishes after a newer one', async () => {
      // Prepare: the newer cycle (window end +2 h) writes first; the older one (+1 h) ran a tier further
      const other = await harness.peer();
      await harness.store().putCheckpoint(checkpoint(2 * HOUR, { '2h': at(0), '24h': at(-24 * HOUR) }));

      // Act
      await other.putCheckpoint(checkpoint(HOUR, { '2h': at(-HOUR), '24h': at(-23 * HOUR) }));

      // Assess: window end, status and summary of the newer cycle; each tier end at its latest
      expect(await harness.store().getCheckpoint(tenantId)).toEqual(
        checkpoint(2 * HOUR, { '2h': at(0), '24h': at(-23 * HOUR) }),
      );
    });

    it('lets 8 concurrent writers all succeed and keeps the latest window end', async () => {
      const peers = await Promise.all(Array.from({ length: 8 }, () => harness.peer()));
      const offsets = [3, 7, 1, 8, 2, 6, 4, 5].map((n) => n * 5 * MINUTE);

      const results = await Promise.allSettled(
        peers.map((p, i) => p.putCheckpoint(checkpoint(offsets[i] ?? 0))),
      );

      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect((await harness.store().getCheckpoint(tenantId))?.windowEnd).toBe(at(40 * MINUTE));
    });
  });

  describe('tenant lease', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });
    const request = (owner: string, offsetMs = 0) => ({
      tenantId,
      owner,
      now: new Date(NOW.getTime() + offsetMs),
      leaseMs: 10 * MINUTE,
    });

    it('is taken by the first run; a second run is told who holds it and the skip is noted', async () => {
      const store = harness.store();

      const first = await store.acquireTenantLease(request('run-1'));
      const second = await (await harness.peer()).acquireTenantLease(request('run-2', MINUTE));

      expect(first).toEqual({ kind: 'acquired' });
      expect(second).toEqual({ kind: 'held', owner: 'run-1', acquiredAt: at(0), until: at(10 * MINUTE) });
      expect(await store.getTenantLease(tenantId)).toEqual({
        owner: 'run-1',
        acquiredAt: at(0),
        until: at(10 * MINUTE),
        skipped: 1,
        lastSkippedAt: at(MINUTE),
      });
    });

    it('is free again once released, or once it has expired', async () => {
      const store = harness.store();
      await store.acquireTenantLease(request('run-1'));
      await store.releaseTenantLease(tenantId, 'run-1', new Date(NOW.getTime() + MINUTE));
      expect(await store.acquireTenantLease(request('run-2', 2 * MINUTE))).toEqual({ kind: 'acquired' });

      // run-2 never releases (a crash): its lease ends on its own
      expect((await store.acquireTenantLease(request('run-3', 5 * MINUTE))).kind).toBe('held');
      expect(await store.acquireTenantLease(request('run-3', 13 * MINUTE))).toEqual({ kind: 'acquired' });
    });

    it('is not released by a run that does not hold it', async () => {
      const store = harness.store();
      await store.acquireTenantLease(request('run-1'));

      await store.releaseTenantLease(tenantId, 'run-2', new Date(NOW.getTime() + MINUTE));

      expect((await store.acquireTenantLease(request('run-3', 2 * MINUTE))).kind).toBe('held');
    });

    it('goes to exactly one of 8 runs racing for it', async () => {
      const peers = await Promise.all(Array.from({ length: 8 }, () => harness.peer()));

      const results = await Promise.all(peers.map((p, i) => p.acquireTenantLease(request(`run-${i}`))));

      expect(results.filter((r) => r.kind === 'acquired')).toHaveLength(1);
      const lease = await harness.store().getTenantLease(tenantId);
      expect(lease?.skipped).toBe(7);
    });
  });
}
