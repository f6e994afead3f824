import { runDetectionCycle } from '../../../src/cycle';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import type { Finding } from '../../../src/rules/finding';
import { methodDeleted, tapCreated, tapDeleted } from '../../../src/sim/audit-builders';
import { createPrng, hashSeed, stableUuid } from '../../../src/sim/prng';
import { PUBLISH_DELAY_FIELD } from '../../../src/sim/publishing';
import { SAMPLE_PEOPLE } from '../../../src/sim/sample-tenant-directory';
import { createMemoryTables } from '../../../src/store/memory-tables';
import { scenarioTenant } from '../../support/alert-scenarios';
import { fakeChannel, memoryDeps, NOW } from './cycle-fixture';

const MIN = 60_000;
const TAP_ID = stableUuid('deletions:tap');
const rng = (label: string) => createPrng(hashSeed(`deletions:${label}`));

/**
 * Henrietta's Authenticator is deleted 28 minutes before an Authentication Administrator issues her a TAP (informational alone). The deletion is
 * published at once and read by cycle N; the TAP record is published 5 minutes late, after cycle N, and
 * read by cycle N+1, whose windows do not reach back to the deletion.
 */
function lateTapTenant(options: { tapDeletion?: boolean } = {}) {
  const victim = SAMPLE_PEOPLE.henrietta;
  const admin = { user: SAMPLE_PEOPLE.authAdmin, ipAddress: '198.51.100.7' };
  const deletion = options.tapDeletion
    ? tapDeleted({
        rng: rng('del'),
        at: NOW.getTime() - 30 * MIN,
        initiator: admin,
        target: victim,
        tapId: stableUuid('old'),
      })
    : methodDeleted({
        rng: rng('del'),
        at: NOW.getTime() - 30 * MIN,
        kind: 'authenticator',
        target: victim,
        admin,
      });
  const tap = tapCreated({
    rng: rng('tap'),
    at: NOW.getTime() - 2 * MIN,
    initiator: admin,
    target: victim,
    tap: { id: TAP_ID, lifetimeMinutes: 60 },
  });
  (tap as unknown as Record<string, unknown>)[PUBLISH_DELAY_FIELD] = 5;
  return scenarioTenant([deletion, tap]);
}

describe('runDetectionCycle: a victim method deleted before the TAP, read cycles before it', () => {
  it('links a deletion read in cycle N to the TAP read in cycle N+1 and alerts the finding as high', async () => {
    // Prepare
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const tenant = lateTapTenant();
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
    const sent = channel.taken.filter((f: Finding) => f.tap.id === TAP_ID);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.severity).toBe('high');
    expect(sent[0]?.rules.map((r) => r.id)).toContain('tap-victim-methods-removed');
    expect(sent[0]?.timeline?.map((e) => e.kind)).toEqual(['method-deleted', 'tap-issued']);
    expect(next.status).toBe('ok');
  });

  it('does not count a deletion of an earlier TAP of the target as a victim wipe', async () => {
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const tenant = lateTapTenant({ tapDeletion: true });
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
    expect(channel.taken.filter((f) => f.tap.id === TAP_ID)).toEqual([]);
  });
});
