import { runDetectionCycle } from '../../../src/cycle';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import { methodDeleted } from '../../../src/sim/audit-builders';
import { createPrng, hashSeed } from '../../../src/sim/prng';
import { SAMPLE_PEOPLE } from '../../../src/sim/sample-tenant-directory';
import { signIn } from '../../../src/sim/sign-in-builders';
import { scenarioTenant, syncAccountTap } from '../../support/alert-scenarios';
import { fakeChannel, memoryDeps, NOW } from './cycle-fixture';

const MIN = 60_000;
const rng = (label: string) => createPrng(hashSeed(`malformed:${label}`));

describe('runDetectionCycle: malformed chain records', () => {
  it('counts and reports a security-info record naming no user and a TAP sign-in without ids, with the audit id it has', async () => {
    // Prepare: a critical TAP (its sign-ins are read), a deletion whose record lists no user, and a sign-in
    // with the TAP that carries neither id nor correlation id
    const wipe = {
      ...methodDeleted({
        rng: rng('del'),
        at: NOW.getTime() - 20 * MIN,
        kind: 'phone',
        target: SAMPLE_PEOPLE.henrietta,
        admin: { user: SAMPLE_PEOPLE.authAdmin, ipAddress: '198.51.100.7' },
      }),
      targetResources: [],
    };
    const tenant = scenarioTenant([syncAccountTap(NOW.getTime() - 30 * MIN), wipe]);
    const {
      id: _id,
      correlationId: _correlation,
      ...idless
    } = signIn({
      rng: rng('signin'),
      at: NOW.getTime() - 25 * MIN,
      user: SAMPLE_PEOPLE.syncAccount,
      ipAddress: '203.0.113.9',
      method: 'Temporary Access Pass',
    });
    tenant.signIns = [idless];
    const deps = {
      ...memoryDeps(tenant, [fakeChannel('webhook:a')]),
      source: createSnapshotTenantSource(tenant),
    };

    // Act
    const summary = await runDetectionCycle(deps, NOW);

    // Assess: both counted, both listed (the audit record by its id), the cycle says so
    expect(summary.chain.signIns.requested).toBe(1);
    expect(summary.audits.malformed).toBe(2);
    expect(summary.audits.malformedRecords).toEqual([
      { recordId: wipe.id, reason: 'security-info record that names no user account' },
      { reason: 'sign-in with a TAP but without id, time or user id' },
    ]);
    expect(summary.errors).toContain(
      `skipped 2 malformed records (${wipe.id}: security-info record that names no user account; sign-in with a TAP but without id, time or user id)`,
    );
    expect(summary.status).toBe('partial');
    expect(summary.findings.new).toBe(1);
  });
});
