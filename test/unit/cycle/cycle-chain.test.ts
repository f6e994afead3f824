import { runDetectionCycle } from '../../../src/cycle';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import { buildSampleTenant } from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { createMemoryTables } from '../../../src/store/memory-tables';
import { chainFinding, fakeChannel, memoryDeps, NOW } from './cycle-fixture';

const HOUR = 3_600_000;

/** The sample day as the demo serves it over two cycles: the chain's passkey is published before the second. */
function chainTenant(licence?: 'free') {
  const tenant = shiftAuditTimes(buildSampleTenant(), new Date(NOW.getTime() + HOUR), 5);
  if (licence) tenant.licence = licence;
  return tenant;
}

describe('runDetectionCycle: what follows a TAP, across cycles', () => {
  it('alerts the chain TAP as high, then escalates it once to critical when the passkey arrives a cycle later', async () => {
    // Prepare
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const tenant = chainTenant();
    const run = (at: Date) => runDetectionCycle(memoryDeps(tenant, [channel], tables), at);

    // Act
    const first = await run(NOW);
    const afterFirst = chainFinding(channel.taken);
    const second = await run(new Date(NOW.getTime() + HOUR));
    const third = await run(new Date(NOW.getTime() + 2 * HOUR));

    // Assess: first alert high, with the TAP sign-in already linked
    expect(first.status).toBe('ok');
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]).toMatchObject({ severity: 'high' });
    expect(afterFirst[0]?.rules.map((r) => r.id)).toContain('tap-signin');
    expect(afterFirst[0]?.escalation).toBeUndefined();
    // then one escalation, with the timeline that built it
    expect(second.status).toBe('ok');
    expect(second.chain.escalations).toBe(1);
    const sent = chainFinding(channel.taken);
    expect(sent).toHaveLength(2);
    const escalated = sent[1];
    expect(escalated).toMatchObject({ severity: 'critical', escalation: { from: 'high', to: 'critical' } });
    expect(escalated?.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'tap-privileged-target',
        'tap-signin',
        'tap-method-registered',
        'tap-persistence',
      ]),
    );
    expect(escalated?.timeline?.map((e) => e.kind)).toEqual([
      'tap-issued',
      'tap-signin',
      'method-registered',
    ]);
    expect(escalated?.timeline?.[1]?.signInId).toEqual(expect.any(String));
    // and nothing more once it went out
    expect(third.chain.escalations).toBe(0);
    expect(chainFinding(channel.taken)).toHaveLength(2);
  });

  it('degrades without P1: sign-ins answer 403, the summary says so, the cycle is ok and the passkey still escalates', async () => {
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const tenant = chainTenant('free');
    const run = (at: Date) => runDetectionCycle(memoryDeps(tenant, [channel], tables), at);

    const first = await run(NOW);
    const second = await run(new Date(NOW.getTime() + HOUR));

    expect(first.status).toBe('ok');
    expect(first.chain.signIns).toEqual({ requested: 1, available: false });
    expect(first.directory.warnings.join('\n')).toMatch(
      /sign-ins unavailable \(Authentication_RequestFromNonPremiumTenantOrB2CTenant\)/,
    );
    expect(second.status).toBe('ok');
    const sent = chainFinding(channel.taken);
    expect(sent.map((f) => f.severity)).toEqual(['high', 'critical']);
    expect(sent[1]?.rules.map((r) => r.id)).not.toContain('tap-signin');
  });

  it('retries an escalation whose delivery failed, without sending it twice to the channel that took it', async () => {
    const a = fakeChannel('webhook:a');
    const b = fakeChannel('webhook:b');
    const tables = createMemoryTables();
    const tenant = chainTenant();
    const run = (at: Date) => runDetectionCycle(memoryDeps(tenant, [a, b], tables), at);

    await run(NOW);
    b.failing = true;
    const second = await run(new Date(NOW.getTime() + HOUR));
    b.failing = false;
    const third = await run(new Date(NOW.getTime() + 2 * HOUR));

    expect(second.alerts.failed).toBe(1);
    expect(chainFinding(a.taken).map((f) => f.severity)).toEqual(['high', 'critical']);
    expect(chainFinding(b.taken).map((f) => f.severity)).toEqual(['high', 'critical']);
    expect(third.alerts.sent).toBeGreaterThanOrEqual(1);
  });

  it('brings chain evidence of a later cycle to the stored finding of a TAP that cycle no longer reads', async () => {
    // Prepare: a one-hour lookback, so the second cycle sees the passkey but not the TAP
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const tenant = chainTenant();
    const run = (at: Date) =>
      runDetectionCycle(memoryDeps(tenant, [channel], tables, { LOOKBACK_HOURS: '1' }), at);
    await run(NOW);

    // Act
    const second = await run(new Date(NOW.getTime() + HOUR));

    // Assess
    expect(second.tapEvents).toBe(0);
    expect(second.chain.openTaps).toBeGreaterThan(0);
    expect(second.chain.escalations).toBe(1);
    expect(chainFinding(channel.taken).map((f) => f.severity)).toEqual(['high', 'critical']);
  });

  it('changes nothing when a cycle reads the same chain records again', async () => {
    const channel = fakeChannel('webhook:a');
    const tables = createMemoryTables();
    const tenant = chainTenant();
    const deps = () => ({
      ...memoryDeps(tenant, [channel], tables),
      source: createSnapshotTenantSource(tenant),
    });
    await runDetectionCycle(deps(), new Date(NOW.getTime() + HOUR));

    const again = await runDetectionCycle(deps(), new Date(NOW.getTime() + HOUR + 5 * 60_000));

    expect(again.chain.updated).toBe(0);
    expect(again.findings.new + again.findings.merged).toBe(0);
  });
});
