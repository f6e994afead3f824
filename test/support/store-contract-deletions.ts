import { randomUUID } from 'node:crypto';
import type { MethodDeletedEvent } from '../../src/audit/chain-event';
import { storedDeletionOf } from '../../src/store/method-deletions';
import type { StoreHarness } from './store-contract';
import { at, HOUR, NOW } from './store-contract-fixtures';

/** A deletion of `userId`'s Authenticator `offsetMs` before NOW, as the normalizer gives it. */
function deletion(userId: string, offsetMs: number, recordId: string = randomUUID()): MethodDeletedEvent {
  return {
    kind: 'method-deleted',
    recordId: `Authentication Methods_${recordId}`,
    recordType: 'audit',
    time: at(offsetMs),
    source: 'graph',
    target: { id: userId, userPrincipalName: 'victim@contoso.test' },
    initiator: { type: 'user', id: randomUUID(), userPrincipalName: 'admin@contoso.test' },
    activity: 'Admin deleted security info',
    resultReason: 'Admin deleted microsoft authenticator method for user',
    method: 'Authenticator App with Notification and Code',
    isTap: false,
  };
}

const KEEP_MS = 2 * HOUR;

function rows(...events: MethodDeletedEvent[]) {
  return events.flatMap((event) => {
    const row = storedDeletionOf(event, KEEP_MS);
    return row ? [row] : [];
  });
}

/** Kept method deletions (docs/architecture.md, "Deletions before the TAP"). */
export function deletionsContract(harness: StoreHarness): void {
  describe('kept method deletions', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

    it("lists one user's kept deletions, never another user's or another tenant's", async () => {
      // Prepare: the same user id in two tenants, and a second user
      const victim = randomUUID();
      const mine = deletion(victim.toUpperCase(), -HOUR / 2);
      const other = deletion(randomUUID(), -HOUR / 2);
      const theirs = deletion(victim, -HOUR / 2);
      await harness.store().putMethodDeletions(tenantId, rows(mine, other));
      await harness.store().putMethodDeletions(randomUUID(), rows(theirs));

      // Act
      const listed = await harness.store().listMethodDeletions(tenantId, victim, NOW);

      // Assess: ids compare case-insensitively; the row keeps what the rule needs
      expect(listed.map((e) => e.recordId)).toEqual([mine.recordId]);
      expect(listed[0]).toMatchObject({
        kind: 'method-deleted',
        time: mine.time,
        method: mine.method,
        isTap: false,
        target: { id: mine.target.id },
      });
    });

    it('writes a deletion read again once, and keeps no deletion of a TAP itself', async () => {
      const victim = randomUUID();
      const first = deletion(victim, -HOUR / 2, 'same');
      await harness.store().putMethodDeletions(tenantId, rows(first, first));
      await harness
        .store()
        .putMethodDeletions(tenantId, rows(first, { ...deletion(victim, -10), isTap: true }));

      const listed = await harness.store().listMethodDeletions(tenantId, victim, NOW);

      expect(listed.map((e) => e.recordId)).toEqual([first.recordId]);
    });

    it('stops listing a deletion after its keep period, and cleanup deletes it', async () => {
      // Prepare: kept until NOW + 1 h and NOW + 1.5 h
      const victim = randomUUID();
      const older = deletion(victim, -HOUR);
      const newer = deletion(victim, -HOUR / 2);
      await harness.store().putMethodDeletions(tenantId, rows(older, newer));
      const later = new Date(NOW.getTime() + HOUR + 60_000);

      // Act
      const listed = await harness.store().listMethodDeletions(tenantId, victim, later);
      const deleted = await harness.store().deleteExpiredMethodDeletions(tenantId, later);
      const afterCleanup = await harness.store().listMethodDeletions(tenantId, victim, NOW);

      // Assess
      expect(listed.map((e) => e.recordId)).toEqual([newer.recordId]);
      expect(deleted).toBe(1);
      expect(afterCleanup.map((e) => e.recordId)).toEqual([newer.recordId]);
    });
  });
}
