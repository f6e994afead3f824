import { randomUUID } from 'node:crypto';
import { initiatorKey } from '../../src/alerts/dedup-key';
import { ruleSetKey } from '../../src/rules/finding';
import type { StoreHarness } from './store-contract';
import { at, claim, HOUR, NOW } from './store-contract-fixtures';
import { buildFinding } from './stored-finding-builder';

/** Alert claims: dedup window, rule sets, leases and races between runs. */
export function claimContract(harness: StoreHarness): void {
  describe('alert claims', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

    it('claims the first alert, suppresses another finding inside the window, claims again after it', async () => {
      const targetId = randomUUID();
      const first = await harness.store().claimAlert(claim({ tenantId, targetId, findingId: 'f1' }));

      const inside = await harness.store().claimAlert(
        claim({
          tenantId,
          targetId,
          findingId: 'f2',
          owner: 'run-b',
          now: new Date(NOW.getTime() + 23 * HOUR),
        }),
      );
      const after = await harness.store().claimAlert(
        claim({
          tenantId,
          targetId,
          findingId: 'f3',
          owner: 'run-c',
          now: new Date(NOW.getTime() + 25 * HOUR),
        }),
      );

      expect(first).toEqual({ kind: 'claimed' });
      expect(inside).toEqual({ kind: 'suppressed', by: 'f1', alertedAt: NOW.toISOString() });
      expect(after).toEqual({ kind: 'claimed' });
    });

    it('lets a different rule set for the same target claim inside the window', async () => {
      const targetId = randomUUID();
      await harness.store().claimAlert(claim({ tenantId, targetId, findingId: 'f1' }));

      const other = await harness.store().claimAlert(
        claim({
          tenantId,
          targetId,
          findingId: 'f2',
          owner: 'run-b',
          ruleSetKey: 'tap-issued+tap-sync-account',
        }),
      );

      expect(other).toEqual({ kind: 'claimed' });
    });

    it('gives exactly one of two concurrent claims for one finding', async () => {
      const targetId = randomUUID();
      const other = await harness.peer();

      const results = await Promise.all([
        harness.store().claimAlert(claim({ tenantId, targetId, findingId: 'f1', owner: 'run-a' })),
        other.claimAlert(claim({ tenantId, targetId, findingId: 'f1', owner: 'run-b' })),
      ]);

      expect(results.map((r) => r.kind).sort()).toEqual(['busy', 'claimed']);
    });

    it('gives exactly one of two concurrent claims for two findings of one target and rule set', async () => {
      const targetId = randomUUID();
      const other = await harness.peer();

      const results = await Promise.all([
        harness.store().claimAlert(claim({ tenantId, targetId, findingId: 'f1', owner: 'run-a' })),
        other.claimAlert(claim({ tenantId, targetId, findingId: 'f2', owner: 'run-b' })),
      ]);

      expect(results.map((r) => r.kind).sort()).toEqual(['claimed', 'suppressed']);
    });

    it('answers busy while another owner holds the lease, and claims once it expired or was released', async () => {
      const targetId = randomUUID();
      const key = { tenantId, targetId, findingId: 'f1' };
      await harness.store().claimAlert(claim({ ...key, owner: 'run-a' }));

      const whileHeld = await harness
        .store()
        .claimAlert(claim({ ...key, owner: 'run-b', now: new Date(NOW.getTime() + 60_000) }));
      const afterExpiry = await harness
        .store()
        .claimAlert(claim({ ...key, owner: 'run-b', now: new Date(NOW.getTime() + 11 * 60_000) }));
      await harness
        .store()
        .releaseAlert(
          { tenantId, targetId, initiatorKey: claim(key).initiatorKey, ruleSetKey: claim(key).ruleSetKey },
          'run-b',
          new Date(NOW.getTime() + 12 * 60_000),
        );
      const afterRelease = await harness
        .store()
        .claimAlert(claim({ ...key, owner: 'run-c', now: new Date(NOW.getTime() + 13 * 60_000) }));

      expect(whileHeld).toEqual({ kind: 'busy' });
      expect(afterExpiry).toEqual({ kind: 'claimed' });
      expect(afterRelease).toEqual({ kind: 'claimed' });
    });

    it('ignores a release by an owner that does not hold the lease', async () => {
      const targetId = randomUUID();
      const key = { tenantId, targetId, findingId: 'f1' };
      await harness.store().claimAlert(claim({ ...key, owner: 'run-a' }));

      await harness
        .store()
        .releaseAlert(
          { tenantId, targetId, initiatorKey: claim(key).initiatorKey, ruleSetKey: claim(key).ruleSetKey },
          'run-b',
          NOW,
        );

      expect(await harness.store().claimAlert(claim({ ...key, owner: 'run-b' }))).toEqual({ kind: 'busy' });
    });

    it('uses the initiator and rule-set keys of a finding as the claim key', async () => {
      const finding = buildFinding({
        tenantId,
        activityDateTime: at(-HOUR),
        rules: ['tap-sync-account', 'tap-app-initiator'],
      });
      const key = {
        tenantId,
        targetId: finding.target.id,
        initiatorKey: initiatorKey(finding),
        ruleSetKey: ruleSetKey(finding),
      };

      await harness.store().claimAlert({ ...claim({ ...key, findingId: finding.id }), ...key });
      const second = await harness.store().claimAlert({ ...claim({ ...key, findingId: 'other' }), ...key });

      expect(second).toMatchObject({ kind: 'suppressed', by: finding.id });
    });

    it('never suppresses a TAP to the same target and rule set from a different initiator', async () => {
      // Prepare: a help-desk TAP alerted for the target
      const targetId = randomUUID();
      const helpDesk = claim({
        tenantId,
        targetId,
        findingId: 'help-desk',
        initiatorKey: 'user:helpdesk-id',
      });
      await harness.store().claimAlert(helpDesk);

      // Act: the target issues itself one an hour later, same rule set
      const selfIssued = await harness.store().claimAlert(
        claim({
          tenantId,
          targetId,
          findingId: 'self-issued',
          initiatorKey: `user:${targetId}`,
          now: new Date(NOW.getTime() + HOUR),
        }),
      );
      const sameInitiatorAgain = await harness.store().claimAlert(
        claim({
          tenantId,
          targetId,
          findingId: 'help-desk-2',
          initiatorKey: 'user:helpdesk-id',
          now: new Date(NOW.getTime() + 2 * HOUR),
        }),
      );

      // Assess
      expect(selfIssued).toEqual({ kind: 'claimed' });
      expect(sameInitiatorAgain).toMatchObject({ kind: 'suppressed', by: 'help-desk' });
    });
  });
}
