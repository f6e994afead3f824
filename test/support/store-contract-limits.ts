import { randomUUID } from 'node:crypto';
import { UnstorableFindingError } from '../../src/errors';
import type { TenantHealth } from '../../src/store/store';
import type { StoreHarness } from './store-contract';
import { at, HOUR } from './store-contract-fixtures';
import { buildFinding } from './stored-finding-builder';

/** Table limits (a finding that can never be stored), accepted deliveries, and the health row. */
export function limitsContract(harness: StoreHarness): void {
  describe('limits, accepted deliveries and health', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

    it('refuses a finding with a 100,000-character UPN as unstorable, naming it, and writes nothing', async () => {
      // Prepare
      const poison = buildFinding({
        tenantId,
        activityDateTime: at(-HOUR),
        targetUpn: `${'u'.repeat(100_000)}@x`,
      });
      const healthy = buildFinding({ tenantId, activityDateTime: at(-HOUR) });

      // Act
      const error = await harness
        .store()
        .saveFinding(poison, 'pending')
        .catch((e: unknown) => e);
      const saved = await harness.store().saveFinding(healthy, 'pending');

      // Assess
      expect(error).toBeInstanceOf(UnstorableFindingError);
      expect(error).toMatchObject({ findingId: poison.id, auditIds: poison.audit.ids });
      expect((error as Error).message).toMatch(/column targetUpn would hold 100002 characters/);
      expect(await harness.store().getFinding(tenantId, poison.id)).toBeUndefined();
      expect(saved.outcome).toBe('new');
    });

    it('keeps an accepted channel accepted whatever a later update says', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      await harness.store().saveFinding(finding, 'pending');
      const ref = {
        tenantId,
        findingId: finding.id,
        activityDateTime: finding.activityDateTime,
        generation: 'first',
      };
      const accepted = { status: 'accepted' as const, attempts: 1, lastAttemptAt: at(0), acceptedAt: at(0) };
      await harness
        .store()
        .recordDeliveries({ ...ref, alertStatus: 'pending', deliveries: { teams: accepted } });

      await harness.store().recordDeliveries({
        ...ref,
        alertStatus: 'pending',
        deliveries: { teams: { status: 'failed', attempts: 2, lastAttemptAt: at(HOUR), error: '503' } },
      });

      expect((await harness.store().getFinding(tenantId, finding.id))?.deliveries.teams).toEqual({
        ...accepted,
        generation: 'first',
      });
    });

    it('reads back the health row it wrote, apart from the checkpoint', async () => {
      const health: TenantHealth = {
        tenantId,
        updatedAt: at(0),
        channels: {
          teams: { status: 'failing', failingSince: at(-HOUR), lastError: 'teams answered 503', pending: 3 },
          'webhook:0a1b2c3d': { status: 'ok', lastSuccessAt: at(0), pending: 0 },
        },
        quarantine: { count: 1, auditIds: ['Authentication Methods_x'] },
      };

      const before = await harness.store().getHealth(tenantId);
      await harness.store().putHealth(health);

      expect(before).toBeUndefined();
      expect(await harness.store().getHealth(tenantId)).toEqual(health);
      expect(await harness.store().getCheckpoint(tenantId)).toBeUndefined();
    });
  });
}
