import { randomUUID } from 'node:crypto';
import type { Finding } from '../../src/rules/finding';
import { OPEN_TAP_GRACE_MS } from '../../src/store/open-taps';
import type { StoreHarness } from './store-contract';
import { at, DAY, HOUR, NOW } from './store-contract-fixtures';
import { buildFinding } from './stored-finding-builder';

/** The finding with chain evidence added, as the cycle's chain step saves it. */
function withChain(
  finding: Finding,
  ruleId: string,
  severity: Finding['severity'],
  auditId: string,
): Finding {
  return {
    ...finding,
    severity,
    rules: [...finding.rules, { id: ruleId, severity, reason: `${ruleId} fired`, evidence: {} }],
    timeline: [
      {
        time: finding.activityDateTime,
        kind: 'tap-issued',
        summary: 'TAP issued',
        auditId: finding.audit.ids[0] ?? '',
      },
      {
        time: at(-HOUR + 10 * 60_000),
        kind: 'method-registered',
        summary: 'user registered Passkey',
        auditId,
      },
    ],
    updatedAt: NOW.toISOString(),
  };
}

/** The open-TAP index and findings that grow (DESIGN §5b, §7, §8). */
export function chainContract(harness: StoreHarness): void {
  describe('open TAPs and growing findings', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

    it('lists a saved TAP as open until its end plus the grace period, then cleanup deletes its row', async () => {
      // Prepare: a one-hour TAP issued an hour ago
      const finding = buildFinding({
        tenantId,
        activityDateTime: at(-HOUR),
        rules: ['tap-privileged-target'],
      });
      await harness.store().saveFinding(finding, 'pending');
      const closes = new Date(NOW.getTime() + OPEN_TAP_GRACE_MS);

      // Act
      const open = await harness.store().listOpenTaps(tenantId, NOW);
      const later = await harness.store().listOpenTaps(tenantId, new Date(closes.getTime() + 1000));
      const deleted = await harness
        .store()
        .deleteExpiredOpenTaps(tenantId, new Date(closes.getTime() + 1000));
      const afterCleanup = await harness.store().listOpenTaps(tenantId, NOW);

      // Assess
      expect(open).toEqual([
        expect.objectContaining({
          findingId: finding.id,
          target: { id: finding.target.id, name: finding.target.id },
          severity: 'high',
          openUntil: closes.toISOString(),
          escalationPending: false,
          rules: finding.rules.map((r) => ({ id: r.id, severity: r.severity })),
        }),
      ]);
      expect(later).toEqual([]);
      expect(deleted).toBe(1);
      expect(afterCleanup).toEqual([]);
    });

    it("lists only the tenant's own open TAPs", async () => {
      const mine = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      const theirs = buildFinding({ tenantId: randomUUID(), activityDateTime: at(-HOUR) });
      await harness.store().saveFinding(mine, 'below-threshold');
      await harness.store().saveFinding(theirs, 'below-threshold');

      const open = await harness.store().listOpenTaps(tenantId, NOW);

      expect(open.map((row) => row.findingId)).toEqual([mine.id]);
    });

    it('keeps the index row current when chain evidence grows the finding', async () => {
      // Prepare
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      await harness.store().saveFinding(finding, 'below-threshold');

      // Act
      const saved = await harness
        .store()
        .saveFinding(
          withChain(finding, 'tap-method-registered', 'informational', 'reg-1'),
          'below-threshold',
        );
      const [row] = await harness.store().listOpenTaps(tenantId, NOW);

      // Assess
      expect(saved.outcome).toBe('merged');
      expect(saved.stored.finding.timeline?.map((e) => e.kind)).toEqual(['tap-issued', 'method-registered']);
      expect(row?.rules.map((r) => r.id).sort()).toEqual(['tap-issued', 'tap-method-registered']);
      expect(row?.timelineKeys).toContain('method-registered|reg-1');
    });

    it('reports the same chain evidence saved again as unchanged, and a new record of a known rule as merged', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      await harness.store().saveFinding(finding, 'below-threshold');
      const grown = withChain(finding, 'tap-method-registered', 'informational', 'reg-1');
      await harness.store().saveFinding(grown, 'below-threshold');

      const again = await harness.store().saveFinding(grown, 'below-threshold');
      const more = await harness.store().saveFinding(
        {
          ...grown,
          timeline: [
            {
              time: at(-HOUR + 20 * 60_000),
              kind: 'method-registered',
              summary: 'user registered Phone',
              auditId: 'reg-2',
            },
          ],
        },
        'below-threshold',
      );

      expect(again.outcome).toBe('unchanged');
      expect(more.outcome).toBe('merged');
      expect(more.stored.finding.timeline?.map((e) => e.auditId)).toEqual([
        finding.audit.ids[0],
        'reg-1',
        'reg-2',
      ]);
    });

    it('makes an alerted finding whose severity rises pending again as an escalation, with fresh deliveries', async () => {
      // Prepare: a high finding alerted to one channel
      const finding = buildFinding({
        tenantId,
        activityDateTime: at(-HOUR),
        rules: ['tap-privileged-target'],
      });
      await harness.store().saveFinding(finding, 'pending');
      await harness.store().recordDeliveries({
        tenantId,
        findingId: finding.id,
        activityDateTime: finding.activityDateTime,
        generation: 'first',
        alertStatus: 'alerted',
        alertedAt: at(-HOUR / 2),
        deliveries: {
          teams: {
            status: 'delivered',
            attempts: 1,
            lastAttemptAt: at(-HOUR / 2),
            deliveredAt: at(-HOUR / 2),
          },
        },
      });

      // Act: a PIM activation with the TAP arrives
      const saved = await harness
        .store()
        .saveFinding(withChain(finding, 'tap-role-activated', 'critical', 'pim-1'), 'pending');
      const [row] = await harness.store().listOpenTaps(tenantId, NOW);

      // Assess
      expect(saved.stored).toMatchObject({
        alertStatus: 'pending',
        deliveries: {},
        alertedAt: at(-HOUR / 2),
        finding: {
          severity: 'critical',
          escalation: { from: 'high', to: 'critical', at: NOW.toISOString() },
        },
      });
      expect(row?.escalationPending).toBe(true);
    });

    it('ignores a delivery written for the alert before an escalation: the escalation stays owed to that channel', async () => {
      // Prepare: a high finding alerted to teams, the webhook still failing, then escalated to critical
      const finding = buildFinding({
        tenantId,
        activityDateTime: at(-HOUR),
        rules: ['tap-privileged-target'],
      });
      await harness.store().saveFinding(finding, 'pending');
      const ref = {
        tenantId,
        findingId: finding.id,
        activityDateTime: finding.activityDateTime,
      };
      const took = { status: 'delivered' as const, attempts: 1, lastAttemptAt: at(0), deliveredAt: at(0) };
      await harness.store().recordDeliveries({
        ...ref,
        generation: 'first',
        alertStatus: 'pending',
        deliveries: { teams: took },
      });
      await harness
        .store()
        .saveFinding(withChain(finding, 'tap-role-activated', 'critical', 'pim-1'), 'pending');

      // Act: the webhook's delivery of the first alert is recorded after the reset (a slow run finishing)
      const stale = await harness.store().recordDeliveries({
        ...ref,
        generation: 'first',
        alertStatus: 'alerted',
        alertedAt: at(0),
        deliveries: { 'webhook:0a1b2c3d': took },
      });
      const afterStale = await harness.store().getFinding(tenantId, finding.id);
      const current = await harness.store().recordDeliveries({
        ...ref,
        generation: 'escalation-critical',
        alertStatus: 'pending',
        deliveries: { teams: took },
      });
      const afterCurrent = await harness.store().getFinding(tenantId, finding.id);

      // Assess
      expect(stale).toBe('stale');
      expect(afterStale).toMatchObject({ alertStatus: 'pending', deliveries: {} });
      expect(current).toBe('recorded');
      expect(afterCurrent?.deliveries).toEqual({ teams: { ...took, generation: 'escalation-critical' } });
    });

    it('makes an escalation that rises again before any channel took it the escalation to the new level', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR), rules: ['tap-app-initiator'] });
      await harness.store().saveFinding(finding, 'pending');
      await harness.store().recordDeliveries({
        tenantId,
        findingId: finding.id,
        activityDateTime: finding.activityDateTime,
        generation: 'first',
        alertStatus: 'alerted',
        deliveries: {},
      });
      const high = withChain(finding, 'tap-victim-methods-removed', 'high', 'del-1');
      await harness.store().saveFinding(high, 'pending');

      const saved = await harness
        .store()
        .saveFinding(withChain(high, 'tap-role-activated', 'critical', 'pim-1'), 'pending');

      expect(saved.stored.alertStatus).toBe('pending');
      expect(saved.stored.finding.escalation).toMatchObject({ from: 'medium', to: 'critical' });
    });

    it('escalates a finding the dedup window suppressed', async () => {
      const finding = buildFinding({
        tenantId,
        activityDateTime: at(-HOUR),
        rules: ['tap-privileged-target'],
      });
      await harness.store().saveFinding(finding, 'pending');
      await harness.store().recordDeliveries({
        tenantId,
        findingId: finding.id,
        activityDateTime: finding.activityDateTime,
        generation: 'first',
        alertStatus: 'suppressed',
        suppressedBy: 'another',
        deliveries: {},
      });

      const saved = await harness
        .store()
        .saveFinding(withChain(finding, 'tap-role-activated', 'critical', 'pim-1'), 'pending');

      expect(saved.stored.alertStatus).toBe('pending');
      expect(saved.stored.suppressedBy).toBeUndefined();
      expect(saved.stored.finding.escalation).toMatchObject({ from: 'high', to: 'critical' });
    });

    it('alerts a finding that rises from below the threshold as a first alert, not an escalation', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      await harness.store().saveFinding(finding, 'below-threshold');

      const saved = await harness
        .store()
        .saveFinding(withChain(finding, 'tap-victim-methods-removed', 'high', 'del-1'), 'pending');

      expect(saved.stored.alertStatus).toBe('pending');
      expect(saved.stored.finding.escalation).toBeUndefined();
    });

    it('finds an open TAP issued weeks ago by its index row, whatever day partition holds the finding', async () => {
      const finding = {
        ...buildFinding({ tenantId, activityDateTime: at(-20 * DAY) }),
        tap: {
          id: randomUUID(),
          startDateTime: at(-20 * DAY),
          endDateTime: at(5 * DAY),
          lifetimeMinutes: 25 * 24 * 60,
        },
      };
      await harness.store().saveFinding(finding, 'below-threshold');

      const open = await harness.store().listOpenTaps(tenantId, NOW);

      expect(open.map((row) => [row.findingId, row.tap.end])).toEqual([[finding.id, at(5 * DAY)]]);
    });
  });
}
