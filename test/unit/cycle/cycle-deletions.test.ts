import { runDetectionCycle } from '../../../src/cycle';
import type { TenantSnapshot } from '../../../src/directory/snapshot';
import { StoreError } from '../../../src/errors';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import type { Finding } from '../../../src/rules/finding';
import { SAMPLE_TENANT_ID } from '../../../src/sim/sample-tenant';
import { SAMPLE_PEOPLE } from '../../../src/sim/sample-tenant-directory';
import { createMemoryStore } from '../../../src/store/memory-store';
import { createMemoryTables, type MemoryTables } from '../../../src/store/memory-tables';
import type { FindingStore } from '../../../src/store/store';
import { scenarioTenant } from '../../support/alert-scenarios';
import { LATE_TAP_ID, lateTapTenant } from '../../support/late-tap-tenant';
import { buildFinding } from '../../support/stored-finding-builder';
import { type FakeChannel, fakeChannel, memoryDeps, NOW } from './cycle-fixture';

const MIN = 60_000;

describe('runDetectionCycle: a victim method deleted before the TAP, read cycles before it', () => {
  it('links a deletion read in cycle N to the TAP read in cycle N+1 and alerts the finding as high', async () => {
    // Prepare
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const tenant = lateTapTenant(NOW);
    const run = (at: Date) =>
      runDetectionCycle(
        {
          ...memoryDeps(tenant, [channel], tables),
          source: createSnapshotTenantSource(tenant, { clock: () => at }),
        },
        at,
      );

    // Act
    const n = await run(NOW);
    const next = await run(new Date(NOW.getTime() + 5 * MIN));

    // Assess: cycle N read only the deletion; cycle N+1 the TAP, rated with it
    expect(n.tapEvents).toBe(0);
    expect(n.chain.events).toBe(1);
    expect(next.tapEvents).toBe(1);
    expect(next.windows.every((w) => Date.parse(w.from) > NOW.getTime() - 30 * MIN)).toBe(true);
    const sent = channel.taken.filter((f: Finding) => f.tap.id === LATE_TAP_ID);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.severity).toBe('high');
    expect(sent[0]?.rules.map((r) => r.id)).toContain('tap-victim-methods-removed');
    expect(sent[0]?.timeline?.map((e) => e.kind)).toEqual(['method-deleted', 'tap-issued']);
    expect(next.status).toBe('ok');
  });

  it('does not count a deletion of an earlier TAP of the target as a victim wipe', async () => {
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const tenant = lateTapTenant(NOW, { tapDeletion: true });
    const run = (at: Date) =>
      runDetectionCycle(
        {
          ...memoryDeps(tenant, [channel], tables),
          source: createSnapshotTenantSource(tenant, { clock: () => at }),
        },
        at,
      );

    await run(NOW);
    await run(new Date(NOW.getTime() + 5 * MIN));

    expect(tables.deletions.size).toBe(0);
    expect(channel.taken.filter((f) => f.tap.id === LATE_TAP_ID)).toEqual([]);
  });
});

/** A memory store over `tables` whose deletions look-up throws while `failing` is set, and counts its calls. */
function faultyDeletionsStore(tables: MemoryTables) {
  const inner = createMemoryStore(tables);
  const state = { failing: false, lookups: 0 };
  const store: FindingStore = {
    ...inner,
    async listMethodDeletions(tenantId, userId, now) {
      state.lookups += 1;
      if (state.failing) throw new StoreError('deletions: listEntities answered 503 (ServerBusy)');
      return inner.listMethodDeletions(tenantId, userId, now);
    },
  };
  return { store, state };
}

function cycleRunner(tenant: TenantSnapshot, channel: FakeChannel, tables: MemoryTables) {
  const { store, state } = faultyDeletionsStore(tables);
  const run = (at: Date) =>
    runDetectionCycle(
      {
        ...memoryDeps(tenant, [channel], tables),
        store,
        source: createSnapshotTenantSource(tenant, { clock: () => at }),
      },
      at,
    );
  return { run, state, store };
}

describe('runDetectionCycle: a failed look-up of kept deletions is retried by later cycles', () => {
  it('adds tap-victim-methods-removed and alerts the escalation in the cycle after the failed look-up', async () => {
    // Prepare: cycle N reads the deletion, cycle N+1 the TAP, whose look-up fails
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const { run, state, store } = cycleRunner(lateTapTenant(NOW), channel, tables);
    await run(NOW);
    state.failing = true;
    const failed = await run(new Date(NOW.getTime() + 5 * MIN));
    const sentBefore = channel.taken.filter((f: Finding) => f.tap.id === LATE_TAP_ID).length;
    const [pendingRow] = await store.listOpenTaps(SAMPLE_TENANT_ID, NOW);
    const before = pendingRow && (await store.getFinding(SAMPLE_TENANT_ID, pendingRow.findingId));

    // Act: the store recovers
    state.failing = false;
    const retried = await run(new Date(NOW.getTime() + 10 * MIN));
    const lookupsThen = state.lookups;
    const after = await run(new Date(NOW.getTime() + 15 * MIN));

    // Assess: N+1 stored the TAP without the rule and said partial; N+2 added it and alerted the escalation
    expect(failed.status).toBe('partial');
    expect(failed.errors.join('\n')).toMatch(/method deletions kept for a TAP target failed/);
    expect(failed.chain.deletionLookups).toEqual({ made: 1, retried: 0, failed: 1, marked: 1, cleared: 0 });
    expect(retried.chain.deletionLookups).toEqual({ made: 1, retried: 1, failed: 0, marked: 0, cleared: 1 });
    expect(after.chain.deletionLookups).toEqual({ made: 0, retried: 0, failed: 0, marked: 0, cleared: 0 });
    expect(pendingRow?.deletionsPending).toBe(true);
    expect(before?.finding.rules.map((r) => r.id)).not.toContain('tap-victim-methods-removed');
    expect(retried.status).toBe('ok');
    const stored = pendingRow && (await store.getFinding(SAMPLE_TENANT_ID, pendingRow.findingId));
    expect(stored?.finding.rules.map((r) => r.id)).toContain('tap-victim-methods-removed');
    expect(stored?.finding.severity).toBe('high');
    const sent = channel.taken.filter((f: Finding) => f.tap.id === LATE_TAP_ID);
    expect(sentBefore).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent.at(-1)?.severity).toBe('high');
    expect(sent.at(-1)?.rules.map((r) => r.id)).toContain('tap-victim-methods-removed');
    // once it succeeded, the marker is gone and no later cycle asks again
    const [row] = await store.listOpenTaps(SAMPLE_TENANT_ID, NOW);
    expect(row?.deletionsPending).toBeUndefined();
    expect(after.status).toBe('ok');
    expect(state.lookups).toBe(lookupsThen);
  });

  it('keeps retrying while the look-up keeps failing, and never loses the marker to a rewrite of the row', async () => {
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const { run, state, store } = cycleRunner(lateTapTenant(NOW), channel, tables);
    await run(NOW);
    state.failing = true;
    await run(new Date(NOW.getTime() + 5 * MIN));
    const lookupsBefore = state.lookups;
    const [written] = await store.listOpenTaps(SAMPLE_TENANT_ID, NOW);
    const stored = written && (await store.getFinding(SAMPLE_TENANT_ID, written.findingId));
    if (stored) await store.putOpenTap(SAMPLE_TENANT_ID, stored); // a repair rewrites the row

    const again = await run(new Date(NOW.getTime() + 10 * MIN));
    const [row] = await store.listOpenTaps(SAMPLE_TENANT_ID, NOW);

    expect(again.status).toBe('partial');
    expect(state.lookups).toBe(lookupsBefore + 1);
    expect(again.chain.deletionLookups).toEqual({ made: 1, retried: 1, failed: 1, marked: 0, cleared: 0 });
    expect(row?.deletionsPending).toBe(true);
  });

  it('does not query deletions for an open TAP whose index row has no marker (written before markers existed)', async () => {
    // Prepare: a stored TAP without the rule, its row as the save path wrote it before this change
    const tables = createMemoryTables();
    const tenant = scenarioTenant([]);
    const { run, state, store } = cycleRunner(tenant, fakeChannel('webhook:a'), tables);
    await store.saveFinding(
      buildFinding({
        tenantId: SAMPLE_TENANT_ID,
        activityDateTime: new Date(NOW.getTime() - 10 * MIN).toISOString(),
        targetId: SAMPLE_PEOPLE.henrietta.id,
      }),
      'below-threshold',
    );

    // Act
    const summary = await run(NOW);

    // Assess
    expect(summary.chain.openTaps).toBe(1);
    expect(state.lookups).toBe(0);
    expect(summary.status).toBe('ok');
  });
});

describe('runDetectionCycle: the chain step fails as a whole', () => {
  it('writes the new TAP marked pending, and the next cycle makes the look-up and finds the wipe', async () => {
    // Prepare: cycle N reads the deletion; in N+1 the open-TAP index cannot be listed
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const { run, store } = cycleRunner(lateTapTenant(NOW), channel, tables);
    await run(NOW);
    const listOpenTaps = store.listOpenTaps;
    store.listOpenTaps = async () => {
      throw new StoreError('opentaps: listEntities answered 503 (ServerBusy)');
    };
    const failed = await run(new Date(NOW.getTime() + 5 * MIN));
    store.listOpenTaps = listOpenTaps;
    const [marked] = await store.listOpenTaps(SAMPLE_TENANT_ID, NOW);

    // Act
    const next = await run(new Date(NOW.getTime() + 10 * MIN));

    // Assess
    expect(failed.status).toBe('partial');
    expect(failed.errors.join('\n')).toMatch(/chain correlation failed/);
    expect(failed.chain.deletionLookups).toEqual({ made: 0, retried: 0, failed: 0, marked: 1, cleared: 0 });
    expect(marked?.deletionsPending).toBe(true);
    expect(next.chain.deletionLookups).toEqual({ made: 1, retried: 1, failed: 0, marked: 0, cleared: 1 });
    const sent = channel.taken.filter((f: Finding) => f.tap.id === LATE_TAP_ID);
    expect(sent.at(-1)?.severity).toBe('high');
  });
});
