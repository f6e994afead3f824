import { randomUUID } from 'node:crypto';
import { QueryError } from '../../src/store/query-error';
import type { FindingQuery, FindingStore, StoredFinding } from '../../src/store/store';
import type { StoreHarness } from './store-contract';
import { at, DAY, HOUR, NOW } from './store-contract-fixtures';
import { buildFinding } from './stored-finding-builder';

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

/** Queries: every filter, injection attempts, paging across day partitions and token validation. */
export function queryContract(harness: StoreHarness): void {
  describe('queries', () => {
    let tenantId: string;
    beforeEach(() => {
      tenantId = randomUUID();
    });

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
}
