import { randomUUID } from 'node:crypto';
import { StoreError } from '../../src/errors';
import { ruleSetKey } from '../../src/rules/finding';
import { QueryError } from '../../src/store/query-error';
import type { ClaimRequest, FindingQuery, FindingStore, StoredFinding } from '../../src/store/store';
import { buildFinding } from './stored-finding-builder';

/** A store under test plus a second client of the same data (two runs, two function instances). */
export interface StoreHarness {
  store(): FindingStore;
  peer(): Promise<FindingStore>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-03-10T12:00:00.000Z');
const at = (offsetMs: number): string => new Date(NOW.getTime() + offsetMs).toISOString();

function claim(
  over: Partial<ClaimRequest> & Pick<ClaimRequest, 'tenantId' | 'targetId' | 'findingId'>,
): ClaimRequest {
  return {
    ruleSetKey: 'tap-issued+tap-privileged-target',
    owner: 'run-a',
    now: NOW,
    dedupWindowHours: 24,
    leaseMs: 10 * 60_000,
    ...over,
  };
}

async function collect(
  store: FindingStore,
  query: FindingQuery,
): Promise<{ items: StoredFinding[]; pages: number }> {
  const items: StoredFinding[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await store.queryFindings(token ? { ...query, continuationToken: token } : query);
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    items.push(...page.items);
    token = page.continuationToken;
    pages += 1;
  } while (token && pages < 200);
  return { items, pages };
}

/**
 * The behaviour every FindingStore must have (DESIGN §7), run against the in-memory twin and the Table
 * store on Azurite. Each test works in its own random tenant, so tests never see each other's rows.
 */
export function describeStoreContract(kind: string, harness: StoreHarness): void {
  describe(`FindingStore contract (${kind})`, () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

    describe('saving findings', () => {
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

      it('merges the audit ids of a duplicate and keeps the stored alert state', async () => {
        const first = buildFinding({ tenantId, activityDateTime: at(-HOUR), auditIds: ['b-audit'] });
        await harness.store().saveFinding(first, 'pending');
        await harness.store().recordDeliveries({
          tenantId,
          findingId: first.id,
          activityDateTime: first.activityDateTime,
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

    describe('alert claims', () => {
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
            { tenantId, targetId, ruleSetKey: claim(key).ruleSetKey },
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
          .releaseAlert({ tenantId, targetId, ruleSetKey: claim(key).ruleSetKey }, 'run-b', NOW);

        expect(await harness.store().claimAlert(claim({ ...key, owner: 'run-b' }))).toEqual({ kind: 'busy' });
      });

      it('uses the rule-set key of a finding as the claim key', async () => {
        const finding = buildFinding({
          tenantId,
          activityDateTime: at(-HOUR),
          rules: ['tap-sync-account', 'tap-app-initiator'],
        });
        const key = { tenantId, targetId: finding.target.id, ruleSetKey: ruleSetKey(finding) };

        await harness
          .store()
          .claimAlert({ ...claim({ ...key, findingId: finding.id }), ruleSetKey: key.ruleSetKey });
        const second = await harness
          .store()
          .claimAlert({ ...claim({ ...key, findingId: 'other' }), ruleSetKey: key.ruleSetKey });

        expect(second).toMatchObject({ kind: 'suppressed', by: finding.id });
      });
    });

    describe('deliveries and pending findings', () => {
      it('merges deliveries per channel and never downgrades a delivered channel', async () => {
        const finding = buildFinding({ tenantId, activityDateTime: at(-HOUR) });
        await harness.store().saveFinding(finding, 'pending');
        const ref = { tenantId, findingId: finding.id, activityDateTime: finding.activityDateTime };
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

    describe('checkpoint', () => {
      it('is absent at first, then reads back what was written', async () => {
        expect(await harness.store().getCheckpoint(tenantId)).toBeUndefined();
        const checkpoint = {
          tenantId,
          lastSuccessAt: at(0),
          windowEnd: at(0),
          status: 'ok' as const,
          summary: { findings: 2 },
        };

        await harness.store().putCheckpoint(checkpoint);
        await harness.store().putCheckpoint({ ...checkpoint, lastSuccessAt: at(HOUR) });

        expect(await harness.store().getCheckpoint(tenantId)).toEqual({
          ...checkpoint,
          lastSuccessAt: at(HOUR),
        });
      });

      it('refuses to overwrite a checkpoint another run wrote after this one read it', async () => {
        const base = { tenantId, lastSuccessAt: at(0), windowEnd: at(0), status: 'ok' as const };
        const other = await harness.peer();
        await harness.store().putCheckpoint(base);
        await harness.store().getCheckpoint(tenantId);
        await other.getCheckpoint(tenantId);
        await other.putCheckpoint({ ...base, lastSuccessAt: at(HOUR) });

        await expect(harness.store().putCheckpoint({ ...base, lastSuccessAt: at(2 * HOUR) })).rejects.toThrow(
          StoreError,
        );
        expect((await other.getCheckpoint(tenantId))?.lastSuccessAt).toBe(at(HOUR));
      });
    });

    describe('retention', () => {
      it('deletes whole day partitions before the cutoff and nothing else', async () => {
        const old = Array.from({ length: 130 }, () =>
          buildFinding({ tenantId, activityDateTime: at(-40 * DAY) }),
        );
        const older = buildFinding({ tenantId, activityDateTime: at(-41 * DAY) });
        const kept = buildFinding({ tenantId, activityDateTime: at(-29 * DAY) });
        const otherTenant = buildFinding({ tenantId: randomUUID(), activityDateTime: at(-40 * DAY) });
        for (const f of [...old, older, kept, otherTenant])
          await harness.store().saveFinding(f, 'below-threshold');

        const result = await harness
          .store()
          .deleteFindingsBefore(tenantId, new Date(NOW.getTime() - 30 * DAY));

        expect(result).toEqual({ partitions: 2, deleted: 131 });
        expect(await harness.store().getFinding(tenantId, old[0]?.id ?? '')).toBeUndefined();
        expect(await harness.store().getFinding(tenantId, kept.id)).toBeDefined();
        expect(await harness.store().getFinding(otherTenant.tenantId, otherTenant.id)).toBeDefined();
      });
    });

    describe('queries', () => {
      const range = { since: new Date(NOW.getTime() - 7 * DAY), until: NOW };

      async function seed(): Promise<Record<string, string>> {
        const specs = {
          ga: {
            activityDateTime: at(-2 * HOUR),
            rules: ['tap-privileged-target'],
            targetUpn: 'GA@Contoso.test',
            initiatorUpn: 'Helpdesk@contoso.test',
          },
          sync: {
            activityDateTime: at(-DAY),
            rules: ['tap-sync-account'],
            targetUpn: 'sync_srv@contoso.test',
            initiatorAppId: 'a0a0a0a0-0000-0000-0000-000000000001',
          },
          user: {
            activityDateTime: at(-2 * DAY),
            targetUpn: 'user@contoso.test',
            initiatorUpn: 'helpdesk@contoso.test',
          },
          quote: {
            activityDateTime: at(-3 * DAY),
            rules: ['tap-long-lifetime'],
            targetUpn: "o'brien@contoso.test",
            initiatorUpn: 'admin@contoso.test',
          },
          ancient: {
            activityDateTime: at(-9 * DAY),
            rules: ['tap-privileged-target'],
            targetUpn: 'ga@contoso.test',
          },
        };
        const ids: Record<string, string> = {};
        for (const [name, spec] of Object.entries(specs)) {
          const finding = buildFinding({ tenantId, ...spec });
          ids[name] = finding.id;
          await harness.store().saveFinding(finding, 'pending');
        }
        return ids;
      }
      const ids = (items: StoredFinding[]): string[] => items.map((i) => i.finding.id).sort();

      it('applies minimum severity, exact severity, rule, target, initiator and time filters', async () => {
        const seeded = await seed();
        const query = { tenantId, ...range, limit: 100 };
        const run = async (extra: Partial<FindingQuery>): Promise<string[]> =>
          ids((await collect(harness.store(), { ...query, ...extra })).items);

        expect(await run({})).toEqual([seeded.ga, seeded.sync, seeded.user, seeded.quote].sort());
        expect(await run({ minSeverity: 'high' })).toEqual([seeded.ga, seeded.sync].sort());
        expect(await run({ severity: 'high' })).toEqual([seeded.ga]);
        expect(await run({ rule: 'tap-long-lifetime' })).toEqual([seeded.quote]);
        expect(await run({ rule: 'tap-long' })).toEqual([]);
        expect(await run({ target: 'ga@CONTOSO.test' })).toEqual([seeded.ga]);
        expect(await run({ target: "O'Brien@contoso.test" })).toEqual([seeded.quote]);
        expect(await run({ initiator: 'HELPDESK@contoso.test' })).toEqual([seeded.ga, seeded.user].sort());
        expect(await run({ initiator: 'a0a0a0a0-0000-0000-0000-000000000001' })).toEqual([seeded.sync]);
        expect(
          await run({ since: new Date(NOW.getTime() - 3 * HOUR), until: new Date(NOW.getTime() - HOUR) }),
        ).toEqual([seeded.ga]);
      });

      it('returns nothing extra for filter injection attempts', async () => {
        await seed();
        const query = { tenantId, ...range, limit: 100 };

        for (const attack of ["' or PartitionKey ne '", "x' or '1' eq '1", "') or (RowKey ne '"]) {
          expect((await collect(harness.store(), { ...query, target: attack })).items).toEqual([]);
          expect((await collect(harness.store(), { ...query, initiator: attack })).items).toEqual([]);
        }
      });

      it('pages across day partitions, newest day first, each finding exactly once', async () => {
        const all = [];
        for (let day = 0; day < 5; day += 1) {
          for (let n = 0; n < 5; n += 1)
            all.push(buildFinding({ tenantId, activityDateTime: at(-day * DAY - n * 60_000 - 60_000) }));
        }
        for (const f of all) await harness.store().saveFinding(f, 'pending');

        const { items, pages } = await collect(harness.store(), { tenantId, ...range, limit: 4 });

        expect(ids(items)).toEqual(all.map((f) => f.id).sort());
        expect(pages).toBeGreaterThanOrEqual(7);
        const days = items.map((i) => i.finding.activityDateTime.slice(0, 10));
        expect(days).toEqual([...days].sort().reverse());
      });

      it('rejects a tampered continuation token or one from another range with QueryError', async () => {
        await seed();
        const page = await harness.store().queryFindings({ tenantId, ...range, limit: 1 });
        expect(page.continuationToken).toBeDefined();

        await expect(
          harness.store().queryFindings({ tenantId, ...range, limit: 1, continuationToken: 'not!base64' }),
        ).rejects.toThrow(QueryError);
        await expect(
          harness.store().queryFindings({
            tenantId,
            since: new Date(NOW.getTime() - 5 * DAY),
            until: new Date(NOW.getTime() - 4 * DAY),
            limit: 1,
            continuationToken: page.continuationToken ?? '',
          }),
        ).rejects.toThrow(QueryError);
        const forged = Buffer.from(JSON.stringify({ v: 1, d: '19990101' })).toString('base64url');
        await expect(
          harness.store().queryFindings({ tenantId, ...range, limit: 1, continuationToken: forged }),
        ).rejects.toThrow(QueryError);
      });

      it('rejects a page limit outside 1 to 1000', async () => {
        await expect(harness.store().queryFindings({ tenantId, ...range, limit: 1001 })).rejects.toThrow(
          QueryError,
        );
        await expect(harness.store().queryFindings({ tenantId, ...range, limit: 0 })).rejects.toThrow(
          QueryError,
        );
      });
    });
  });
}
