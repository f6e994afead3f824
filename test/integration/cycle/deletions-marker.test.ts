import { runDetectionCycle } from '../../../src/cycle';
import type { CycleSummary } from '../../../src/cycle-summary';
import { StoreError } from '../../../src/errors';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import { SAMPLE_TENANT_ID } from '../../../src/sim/sample-tenant';
import { SAMPLE_PEOPLE } from '../../../src/sim/sample-tenant-directory';
import { createMemoryStore } from '../../../src/store/memory-store';
import { createMemoryTables } from '../../../src/store/memory-tables';
import { OPEN_TAP_GRACE_MS, type OpenTap } from '../../../src/store/open-taps';
import type { FindingStore } from '../../../src/store/store';
import { createTableStore } from '../../../src/store/table-store';
import { useAzurite } from '../../support/azurite';
import { LATE_TAP_ID, lateTapTenant } from '../../support/late-tap-tenant';
import { type FakeChannel, fakeChannel, memoryDeps, NOW } from '../../unit/cycle/cycle-fixture';

const MIN = 60_000;
const azurite = useAzurite();
let prefixes = 0;

/** Opens the store a process starting now would use: every call is a restart over the same data. */
type StoreFactory = () => Promise<FindingStore>;

const backends: Array<[string, () => StoreFactory]> = [
  [
    'the in-memory store',
    () => {
      const tables = createMemoryTables();
      return async () => createMemoryStore(tables);
    },
  ],
  [
    'Azure Tables on Azurite',
    () => {
      prefixes += 1;
      const tablePrefix = `marker${prefixes}`;
      return () => createTableStore({ connectionString: azurite().connectionString, tablePrefix });
    },
  ],
];

/** What the faulty store does: deletion look-ups fail while `lookupsFail`; `dieAfter` ends the process. */
interface Faults {
  lookupsFail: boolean;
  /** Once a call this accepts has finished, every later call fails: the process died right there. */
  dieAfter?: (operation: string, result: unknown) => boolean;
}

/**
 * `inner` as one process sees it: once `dieAfter` accepted a finished call, every call fails, so the
 * storage holds exactly what a process killed at that point leaves behind.
 */
function faulty(inner: FindingStore, faults: Faults): FindingStore {
  let dead = false;
  return new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || name === 'operationCount') return value;
      return async (...args: unknown[]) => {
        if (dead) throw new StoreError(`process killed before ${String(name)}`);
        if (name === 'listMethodDeletions' && faults.lookupsFail)
          throw new StoreError('deletions: listEntities answered 503 (ServerBusy)');
        const result = await value.apply(target, args);
        if (faults.dieAfter?.(String(name), result)) dead = true;
        return result;
      };
    },
  });
}

const savedNew = (operation: string, result: unknown) =>
  operation === 'saveFinding' && (result as { outcome?: string }).outcome === 'new';

/** Longer than TENANT_LEASE_MS (10 min): the first cycle a new process can run after one died holding the lease. */
const AFTER_LEASE = 11;

describe.each(backends)('the pending deletions check survives a crash (%s)', (_name, backend) => {
  let open: StoreFactory;
  let channel: FakeChannel;
  beforeEach(() => {
    open = backend();
    channel = fakeChannel('webhook:a');
  });

  /** One cycle `minutes` after NOW in a freshly started process. */
  async function cycle(minutes: number, faults: Faults, tapDeletion = false): Promise<CycleSummary> {
    const at = new Date(NOW.getTime() + minutes * MIN);
    const tenant = lateTapTenant(NOW, { tapDeletion });
    return runDetectionCycle(
      {
        ...memoryDeps(tenant, [channel]),
        store: faulty(await open(), faults),
        source: createSnapshotTenantSource(tenant, { clock: () => at }),
      },
      at,
    );
  }

  /** The state a process leaves that died after saving the finding and before writing its index row. */
  async function loseIndexRows(): Promise<OpenTap[]> {
    const store = await open();
    await store.deleteExpiredOpenTaps(SAMPLE_TENANT_ID, new Date(NOW.getTime() + 2 * OPEN_TAP_GRACE_MS));
    return store.listOpenTaps(SAMPLE_TENANT_ID, NOW);
  }

  const openRows = async () => (await open()).listOpenTaps(SAMPLE_TENANT_ID, NOW);
  const sentForTap = () => channel.taken.filter((f) => f.tap.id === LATE_TAP_ID);

  it('retries the look-up after a process that died right after saving the TAP, and alerts the wipe as high', async () => {
    // Prepare: cycle N reads the deletion; N+1 reads the TAP, its look-up fails, and the process dies
    // right after the save
    await cycle(0, { lookupsFail: false });
    const died = await cycle(5, { lookupsFail: true, dieAfter: savedNew });

    // Act: a new process once the dead one's lease ran out, the store healthy again
    const next = await cycle(5 + AFTER_LEASE, { lookupsFail: false });
    const later = await cycle(10 + AFTER_LEASE, { lookupsFail: false });

    // Assess
    expect(died.status).toBe('failed');
    expect(died.chain.deletionLookups).toMatchObject({ made: 1, failed: 1, marked: 1 });
    expect(next.status).toBe('ok');
    expect(next.chain.deletionLookups).toEqual({ made: 1, retried: 1, failed: 0, marked: 0, cleared: 1 });
    const sent = sentForTap();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.severity).toBe('high');
    expect(sent[0]?.rules.map((r) => r.id)).toContain('tap-victim-methods-removed');
    expect(later.chain.deletionLookups.made).toBe(0);
    expect((await openRows()).map((r) => r.deletionsPending)).toEqual([undefined]);
  });

  it('rebuilds a lost index row marked pending while the look-up fails, and a later process finds the wipe', async () => {
    // Prepare: N+1 died between the finding's write and its index row's (the row is gone)
    await cycle(0, { lookupsFail: false });
    await cycle(5, { lookupsFail: true, dieAfter: savedNew });
    const lost = await loseIndexRows();

    // Act: N+2 repairs the row with the look-up still failing and dies right after the repair; N+3 runs clean
    const repairing = await cycle(5 + AFTER_LEASE, {
      lookupsFail: true,
      dieAfter: (operation) => operation === 'putOpenTap',
    });
    const [rebuilt] = await openRows();
    const next = await cycle(5 + 2 * AFTER_LEASE, { lookupsFail: false });

    // Assess
    expect(lost).toEqual([]);
    expect(repairing.findings.unchanged).toBe(1);
    expect(repairing.chain.deletionLookups).toMatchObject({ made: 1, retried: 0, failed: 1, marked: 1 });
    expect(rebuilt?.deletionsPending).toBe(true);
    expect(next.chain.deletionLookups).toMatchObject({ made: 1, retried: 1, failed: 0, cleared: 1 });
    const sent = sentForTap();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.severity).toBe('high');
  });

  it('rebuilds a lost index row unmarked when the repairing cycle made the look-up, so no later cycle asks again', async () => {
    // Prepare: the deletion is of an earlier TAP (no victim wipe); N+1 dies after saving the TAP, before its row
    await cycle(0, { lookupsFail: false }, true);
    const died = await cycle(5, { lookupsFail: false, dieAfter: savedNew }, true);
    await loseIndexRows();

    // Act
    const repairing = await cycle(5 + AFTER_LEASE, { lookupsFail: false }, true);
    const [rebuilt] = await openRows();
    const later = await cycle(10 + AFTER_LEASE, { lookupsFail: false }, true);

    // Assess
    expect(died.findings.new).toBe(1);
    expect(repairing.findings.unchanged).toBe(1);
    expect(repairing.chain.deletionLookups).toEqual({
      made: 1,
      retried: 0,
      failed: 0,
      marked: 0,
      cleared: 0,
    });
    expect(rebuilt?.target.id).toBe(SAMPLE_PEOPLE.henrietta.id);
    expect(rebuilt?.deletionsPending).toBeUndefined();
    expect(later.chain.deletionLookups.made).toBe(0);
  });
});
