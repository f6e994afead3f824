import { randomUUID } from 'node:crypto';
import { StoreError } from '../../src/errors';
import type { StoreHarness } from './store-contract';
import { at, claim, DAY, HOUR, NOW } from './store-contract-fixtures';
import { buildFinding } from './stored-finding-builder';

/** Saving, merging, delivery records, pending listing and retention. */
export function savingContract(harness: StoreHarness): void {
  describe('saving findings', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

    it('inserts a new finding with its initial status and reads it back by id', async () => {
      // Prepare
      const finding = buildFinding({
        tenantId,
        activityDateTime: at(-HOUR),
        rules: ['tap-privileged-target'],
      });

      // Act
      const saved = await harness.store().saveFinding(finding, 'pending');
      const read = await harness.store().getFinding(tenantId, finding.id);

      // Assess
      expect(saved.outcome).toBe('new');
      expect(read).toEqual({ finding, alertStatus: 'pending', deliveries: {} });
    });

    it('reports an identical second save as unchanged', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      await harness.store().saveFinding(finding, 'below-threshold');

      const again = await harness.store().saveFinding(finding, 'below-threshold');

      expect(again.outcome).toBe('unchanged');
      expect(again.stored.alertStatus).toBe('below-threshold');
    });

    it('keeps one finding when the records of one TAP straddle UTC midnight and arrive in either order', async () => {
      // Prepare: the record after midnight is seen first; the one before midnight arrives late
      const after = buildFinding({ tenantId, activityDateTime: '2026-03-09T00:00:04.000Z', auditIds: ['b'] });
      const before = {
        ...after,
        activityDateTime: '2026-03-08T23:59:58.000Z',
        audit: { ...after.audit, ids: ['a'] },
      };
      await harness.store().saveFinding(after, 'pending');

      // Act
      const second = await harness.store().saveFinding(before, 'pending');

      // Assess
      expect(second.outcome).toBe('merged');
      expect(second.stored.finding.audit.ids).toEqual(['a', 'b']);
      const page = await harness.store().queryFindings({
        tenantId,
        since: new Date('2026-03-08T00:00:00Z'),
        until: new Date('2026-03-09T23:59:59Z'),
        limit: 100,
      });
      expect(page.items.map((s) => s.finding.id)).toEqual([after.id]);
    });

    it('upgrades a finding stored below the threshold when a later classification finds more rules', async () => {
      // Prepare: first seen without eligibility data (tap-issued only), later with it (privileged target)
      const degraded = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      await harness
        .store()
        .saveFinding({ ...degraded, notes: ['eligibility unavailable'] }, 'below-threshold');
      const full = buildFinding({
        tenantId,
        id: degraded.id,
        activityDateTime: degraded.activityDateTime,
        auditIds: degraded.audit.ids,
        rules: ['tap-privileged-target'],
      });

      // Act
      const upgraded = await harness.store().saveFinding({ ...full, detectedAt: at(0) }, 'pending');

      // Assess
      expect(upgraded.outcome).toBe('merged');
      expect(upgraded.stored.alertStatus).toBe('pending');
      expect(upgraded.stored.finding.severity).toBe('high');
      expect(upgraded.stored.finding.rules.map((r) => r.id).sort()).toEqual([
        'tap-issued',
        'tap-privileged-target',
      ]);
      expect(upgraded.stored.finding.detectedAt).toBe(degraded.detectedAt);
      expect(upgraded.stored.finding.notes).toBeUndefined();
      const read = await harness.store().getFinding(tenantId, degraded.id);
      expect(read?.alertStatus).toBe('pending');
      expect(read?.finding.severity).toBe('high');
    });

    it('merges the audit ids of a duplicate and keeps the stored alert state', async () => {
      const first = buildFinding({ tenantId, activityDateTime: at(-HOUR), auditIds: ['b-audit'] });
      await harness.store().saveFinding(first, 'pending');
      await harness.store().recordDeliveries({
        tenantId,
        findingId: first.id,
        activityDateTime: first.activityDateTime,
        generation: 'first',
        alertStatus: 'alerted',
        alertedAt: at(0),
        deliveries: {
          teams: { status: 'delivered', attempts: 1, lastAttemptAt: at(0), deliveredAt: at(0) },
        },
      });

      const merged = await harness
        .store()
        .saveFinding({ ...first, audit: { ...first.audit, ids: ['a-audit', 'b-audit'] } }, 'pending');

      expect(merged.outcome).toBe('merged');
      expect(merged.stored.finding.audit.ids).toEqual(['a-audit', 'b-audit']);
      expect(merged.stored.alertStatus).toBe('alerted');
      expect((await harness.store().getFinding(tenantId, first.id))?.finding.audit.ids).toEqual([
        'a-audit',
        'b-audit',
      ]);
    });

    it('keeps both audit ids when two runs save the same new finding at once', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR), auditIds: ['x-1'] });
      const other = await harness.peer();

      const results = await Promise.all([
        harness.store().saveFinding(finding, 'pending'),
        other.saveFinding({ ...finding, audit: { ...finding.audit, ids: ['x-2'] } }, 'pending'),
      ]);

      expect(results.map((r) => r.outcome).sort()).toEqual(['merged', 'new']);
      expect((await harness.store().getFinding(tenantId, finding.id))?.finding.audit.ids).toEqual([
        'x-1',
        'x-2',
      ]);
    });

    it('round-trips a finding whose JSON is larger than one table property', async () => {
      const finding = buildFinding({
        tenantId,
        activityDateTime: at(-HOUR),
        title: `big ${'é'.repeat(70_000)}😀`,
      });

      await harness.store().saveFinding(finding, 'pending');

      expect((await harness.store().getFinding(tenantId, finding.id))?.finding).toEqual(finding);
    });

    it('stores ids and targets containing characters tables forbid in keys', async () => {
      const finding = buildFinding({
        tenantId,
        id: 'a/b\\c#d?e%f',
        targetId: 'tgt/#?',
        activityDateTime: at(-HOUR),
      });
      await harness.store().saveFinding(finding, 'pending');

      const read = await harness.store().getFinding(tenantId, finding.id);
      const claimed = await harness
        .store()
        .claimAlert(claim({ tenantId, targetId: finding.target.id, findingId: finding.id }));

      expect(read?.finding.id).toBe(finding.id);
      expect(claimed).toEqual({ kind: 'claimed' });
    });

    it('finds nothing for an unknown id or another tenant', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      await harness.store().saveFinding(finding, 'pending');

      expect(await harness.store().getFinding(tenantId, 'no-such-finding')).toBeUndefined();
      expect(await harness.store().getFinding(randomUUID(), finding.id)).toBeUndefined();
    });
  });

  describe('deliveries and pending findings', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

    it('merges deliveries per channel and never downgrades a delivered channel', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      await harness.store().saveFinding(finding, 'pending');
      const ref = {
        tenantId,
        findingId: finding.id,
        activityDateTime: finding.activityDateTime,
        generation: 'first',
      };
      await harness.store().recordDeliveries({
        ...ref,
        alertStatus: 'pending',
        deliveries: {
          teams: { status: 'delivered', attempts: 1, lastAttemptAt: at(0), deliveredAt: at(0) },
          'webhook:0a1b2c3d': { status: 'failed', attempts: 4, lastAttemptAt: at(0), error: '503' },
        },
      });

      await harness.store().recordDeliveries({
        ...ref,
        alertStatus: 'alerted',
        alertedAt: at(HOUR),
        deliveries: {
          teams: { status: 'failed', attempts: 1, lastAttemptAt: at(HOUR), error: 'timeout' },
          'webhook:0a1b2c3d': {
            status: 'delivered',
            attempts: 1,
            lastAttemptAt: at(HOUR),
            deliveredAt: at(HOUR),
          },
        },
      });

      const read = await harness.store().getFinding(tenantId, finding.id);
      expect(read?.alertStatus).toBe('alerted');
      expect(read?.alertedAt).toBe(at(HOUR));
      expect(read?.deliveries.teams?.status).toBe('delivered');
      expect(read?.deliveries['webhook:0a1b2c3d']?.status).toBe('delivered');
    });

    it('records a suppression with the finding that suppressed it', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      await harness.store().saveFinding(finding, 'pending');

      await harness.store().recordDeliveries({
        tenantId,
        findingId: finding.id,
        activityDateTime: finding.activityDateTime,
        generation: 'first',
        alertStatus: 'suppressed',
        suppressedBy: 'f0',
        deliveries: {},
      });

      expect(await harness.store().getFinding(tenantId, finding.id)).toMatchObject({
        alertStatus: 'suppressed',
        suppressedBy: 'f0',
      });
    });

    it('fails with StoreError when recording deliveries of a finding that is not stored', async () => {
      await expect(
        harness.store().recordDeliveries({
          tenantId,
          findingId: 'missing',
          activityDateTime: at(0),
          generation: 'first',
          alertStatus: 'alerted',
          deliveries: {},
        }),
      ).rejects.toThrow(StoreError);
    });

    it('lists pending findings with activity since the given time, across days', async () => {
      const old = buildFinding({ tenantId, activityDateTime: at(-3 * DAY) });
      const yesterday = buildFinding({ tenantId, activityDateTime: at(-DAY) });
      const today = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      const quiet = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      for (const f of [old, yesterday, today]) await harness.store().saveFinding(f, 'pending');
      await harness.store().saveFinding(quiet, 'below-threshold');
      await harness
        .store()
        .saveFinding(buildFinding({ tenantId: randomUUID(), activityDateTime: at(-HOUR) }), 'pending');

      const pending = await harness.store().listPending(tenantId, new Date(NOW.getTime() - 2 * DAY));

      expect(pending.map((p) => p.finding.id).sort()).toEqual([yesterday.id, today.id].sort());
    });
  });

  describe('retention', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

    it('deletes alert claims older than the cutoff, keeping recent ones and other tenants', async () => {
      // Prepare: one claim 40 days old, one 2 days old, one of another tenant 40 days old
      const store = harness.store();
      const targetId = randomUUID();
      const otherTenant = randomUUID();
      await store.claimAlert(claim({ tenantId, targetId, findingId: 'old', now: new Date(at(-40 * DAY)) }));
      await store.claimAlert(
        claim({
          tenantId,
          targetId,
          findingId: 'recent',
          ruleSetKey: 'tap-issued',
          now: new Date(at(-2 * DAY)),
        }),
      );
      await store.claimAlert(
        claim({ tenantId: otherTenant, targetId, findingId: 'x', now: new Date(at(-40 * DAY)) }),
      );

      // Act
      const result = await store.deleteFindingsBefore(tenantId, new Date(NOW.getTime() - 30 * DAY));

      // Assess: the old claim no longer suppresses (a 60-day window would otherwise), the others still do
      expect(result.alertClaims).toBe(1);
      const window = { dedupWindowHours: 60 * 24 };
      expect(await store.claimAlert(claim({ tenantId, targetId, findingId: 'new', ...window }))).toEqual({
        kind: 'claimed',
      });
      expect(
        await store.claimAlert(
          claim({ tenantId, targetId, findingId: 'new2', ruleSetKey: 'tap-issued', ...window }),
        ),
      ).toMatchObject({ kind: 'suppressed', by: 'recent' });
      expect(
        await store.claimAlert(claim({ tenantId: otherTenant, targetId, findingId: 'y', ...window })),
      ).toMatchObject({ kind: 'suppressed', by: 'x' });
    });

    it('deletes whole day partitions before the cutoff and nothing else', async () => {
      const old = Array.from({ length: 130 }, () =>
        buildFinding({ tenantId, activityDateTime: at(-40 * DAY) }),
      );
      const older = buildFinding({ tenantId, activityDateTime: at(-41 * DAY) });
      const kept = buildFinding({ tenantId, activityDateTime: at(-29 * DAY) });
      const otherTenant = buildFinding({ tenantId: randomUUID(), activityDateTime: at(-40 * DAY) });
      for (const f of [...old, older, kept, otherTenant])
        await harness.store().saveFinding(f, 'below-threshold');

      const result = await harness.store().deleteFindingsBefore(tenantId, new Date(NOW.getTime() - 30 * DAY));

      expect(result).toEqual({ partitions: 2, deleted: 131, alertClaims: 0 });
      expect(await harness.store().getFinding(tenantId, old[0]?.id ?? '')).toBeUndefined();
      expect(await harness.store().getFinding(tenantId, kept.id)).toBeDefined();
      expect(await harness.store().getFinding(otherTenant.tenantId, otherTenant.id)).toBeDefined();
    });
  });
}
