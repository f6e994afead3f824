import { randomUUID } from 'node:crypto';
import type { MethodDeletedEvent } from '../../src/audit/chain-event';
import { storedDeletionOf } from '../../src/store/method-deletions';
import { OPEN_TAP_GRACE_MS } from '../../src/store/open-taps';
import type { StoreHarness } from './store-contract';
import { at, HOUR, NOW } from './store-contract-fixtures';
import { buildFinding } from './stored-finding-builder';

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

  describe('the pending earlier-deletions check on open-TAP rows', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

    it('keeps a set marker through every rewrite of the row until it is cleared', async () => {
      // Prepare: a saved TAP (target id in upper case: keys compare lower-cased)
      const finding = buildFinding({
        tenantId,
        activityDateTime: at(-HOUR),
        targetId: randomUUID().toUpperCase(),
      });
      const saved = await harness.store().saveFinding(finding, 'below-threshold');
      const [unmarked] = await harness.store().listOpenTaps(tenantId, NOW);
      const ref = { targetId: finding.target.id, findingId: finding.id };

      // Act: mark, then rewrite the row by a merging save and by a repair, then clear
      await harness.store().setDeletionsPending(tenantId, ref, true);
      const merged = await harness
        .store()
        .saveFinding(
          { ...finding, audit: { ...finding.audit, ids: [...finding.audit.ids, randomUUID()] } },
          'below-threshold',
        );
      await harness.store().putOpenTap(tenantId, saved.stored);
      const [marked] = await harness.store().listOpenTaps(tenantId, NOW);
      await harness.store().setDeletionsPending(tenantId, ref, false);
      const [cleared] = await harness.store().listOpenTaps(tenantId, NOW);

      // Assess
      expect(unmarked?.deletionsPending).toBeUndefined();
      expect(merged.outcome).toBe('merged');
      expect(marked).toMatchObject({ findingId: finding.id, deletionsPending: true });
      expect(cleared?.findingId).toBe(finding.id);
      expect(cleared?.deletionsPending).toBeUndefined();
    });

    it("writes a new finding's index row already marked when the save is asked to, in the one index write", async () => {
      // Prepare: a TAP whose look-up of earlier deletions failed
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      const before = harness.store().operationCount();

      // Act: the save alone, nothing after it (a process that dies here keeps the marker)
      const saved = await harness.store().saveFinding(finding, 'below-threshold', { deletionsPending: true });
      const writes = harness.store().operationCount() - before;
      const [row] = await harness.store().listOpenTaps(tenantId, NOW);

      // Assess: as many requests as a save without the marker (a read, the insert, the index row)
      expect(saved.outcome).toBe('new');
      expect(row).toMatchObject({ findingId: finding.id, deletionsPending: true });
      const other = buildFinding({ tenantId: randomUUID(), activityDateTime: at(-HOUR) });
      const plainBefore = harness.store().operationCount();
      await harness.store().saveFinding(other, 'below-threshold');
      expect(writes).toBe(harness.store().operationCount() - plainBefore);
    });

    it('keeps a marker written with the row through rewrites that do not set it, and an unchanged save writes nothing', async () => {
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      const ref = { targetId: finding.target.id, findingId: finding.id };
      const saved = await harness.store().saveFinding(finding, 'below-threshold', { deletionsPending: true });

      // Act: a merging save and a repair without marks, then an unchanged save asked to mark a cleared row
      await harness
        .store()
        .saveFinding(
          { ...finding, audit: { ...finding.audit, ids: [...finding.audit.ids, randomUUID()] } },
          'below-threshold',
        );
      await harness.store().putOpenTap(tenantId, saved.stored);
      const [kept] = await harness.store().listOpenTaps(tenantId, NOW);
      await harness.store().setDeletionsPending(tenantId, ref, false);
      const unchanged = await harness
        .store()
        .saveFinding(finding, 'below-threshold', { deletionsPending: true });
      const [cleared] = await harness.store().listOpenTaps(tenantId, NOW);

      // Assess
      expect(kept?.deletionsPending).toBe(true);
      expect(unchanged.outcome).toBe('unchanged');
      expect(cleared?.findingId).toBe(finding.id);
      expect(cleared?.deletionsPending).toBeUndefined();
    });

    it('rebuilds a lost index row marked pending when the repair asks for it', async () => {
      // Prepare: a stored finding whose index row is gone (the process died between the two writes)
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
      const saved = await harness.store().saveFinding(finding, 'below-threshold');
      await harness.store().deleteExpiredOpenTaps(tenantId, new Date(NOW.getTime() + 2 * OPEN_TAP_GRACE_MS));
      const lost = await harness.store().listOpenTaps(tenantId, NOW);

      // Act
      await harness.store().putOpenTap(tenantId, saved.stored, { deletionsPending: true });
      const [rebuilt] = await harness.store().listOpenTaps(tenantId, NOW);

      // Assess
      expect(lost).toEqual([]);
      expect(rebuilt).toMatchObject({ findingId: finding.id, deletionsPending: true });
    });

    it('writes no row for the marker of a TAP the index does not hold', async () => {
      // Prepare: a TAP not saved yet
      const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });

      // Act: mark it, then save it (a marker-only row would be merged into the row the save writes)
      await harness
        .store()
        .setDeletionsPending(tenantId, { targetId: finding.target.id, findingId: finding.id }, true);
      const before = await harness.store().listOpenTaps(tenantId, NOW);
      await harness.store().saveFinding(finding, 'below-threshold');
      const after = await harness.store().listOpenTaps(tenantId, NOW);
      const deleted = await harness
        .store()
        .deleteExpiredOpenTaps(tenantId, new Date(NOW.getTime() + 2 * OPEN_TAP_GRACE_MS));

      // Assess
      expect(before).toEqual([]);
      expect(after.map((row) => [row.findingId, row.deletionsPending])).toEqual([[finding.id, undefined]]);
      expect(deleted).toBe(1);
    });
  });
}
