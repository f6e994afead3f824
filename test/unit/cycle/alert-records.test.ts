import { Writable } from 'node:stream';
import pino from 'pino';
import { runDetectionCycle } from '../../../src/cycle';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import { SAMPLE_TAP_IDS } from '../../../src/sim/sample-tenant';
import { findingView } from '../../../src/store/finding-view';
import { checkHealth } from '../../../src/store/health';
import type { FindingStore } from '../../../src/store/store';
import { scenarioTenant, syncAccountTap } from '../../support/alert-scenarios';
import { fakeChannel, memoryDeps, NOW, sampleTenant } from './cycle-fixture';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A pino logger whose JSON lines land in `lines`. */
function capturingLogger() {
  const lines: Array<{ level: number; msg: string } & Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** Waits until `condition` holds, yielding to the event loop in between (bounded). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await condition()); i += 1) await new Promise((r) => setImmediate(r));
}

describe('alert records: what was delivered, accepted, quarantined and how healthy each channel is', () => {
  it('records the channel that took the alert before a slower channel has finished', async () => {
    // Prepare: one critical TAP; Teams is held in flight until the test lets it go
    const webhook = fakeChannel('webhook:a');
    const teams = fakeChannel('teams', 'teams');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    teams.gate = () => held;
    const tenant = scenarioTenant([syncAccountTap(NOW.getTime() - 30 * MINUTE)]);
    const deps = memoryDeps(tenant, [teams, webhook]);

    // Act
    const cycle = runDetectionCycle(deps, NOW);
    await until(() => webhook.taken.length === 1);
    const findingId = webhook.taken[0]?.id ?? '';
    await until(
      async () =>
        (await deps.store.getFinding(deps.config.tenantId, findingId))?.deliveries['webhook:a'] !== undefined,
    );
    const whileTeamsInFlight = await deps.store.getFinding(deps.config.tenantId, findingId);
    release();
    await cycle;
    const after = await deps.store.getFinding(deps.config.tenantId, findingId);

    // Assess
    expect(whileTeamsInFlight).toMatchObject({
      alertStatus: 'pending',
      deliveries: { 'webhook:a': { status: 'delivered' } },
    });
    expect(whileTeamsInFlight?.deliveries.teams).toBeUndefined();
    expect(after).toMatchObject({ alertStatus: 'alerted', deliveries: { teams: { status: 'accepted' } } });
  });

  it('records a Teams 202 as accepted, shows it in the API shape, and never sends the finding to Teams again', async () => {
    // Prepare
    const teams = fakeChannel('teams', 'teams');
    const deps = memoryDeps(sampleTenant(), [teams]);
    await runDetectionCycle(deps, NOW);
    const sent = teams.taken.length;

    // Act
    await runDetectionCycle(
      { ...deps, source: createSnapshotTenantSource(sampleTenant()) },
      new Date(NOW.getTime() + HOUR),
    );
    const stored = (
      await deps.store.queryFindings({
        tenantId: deps.config.tenantId,
        since: new Date(NOW.getTime() - 48 * HOUR),
        until: NOW,
        limit: 100,
      })
    ).items.find((s) => s.finding.tap.id === SAMPLE_TAP_IDS.syncAccount);

    // Assess
    expect(teams.taken).toHaveLength(sent);
    expect(stored && findingView(stored).alert).toMatchObject({
      status: 'alerted',
      deliveries: { teams: { status: 'accepted', attempts: 1, acceptedAt: expect.any(String) } },
    });
    expect(stored?.deliveries.teams?.deliveredAt).toBeUndefined();
  });

  it('quarantines a finding that cannot be stored, logs its audit id, and stores and alerts the rest', async () => {
    // Prepare: the store is handed a 100,000-character UPN for the break-glass TAP (an index column
    // holds at most 32,768 characters), whatever the normalizer upstream did with it
    const webhook = fakeChannel('webhook:a');
    const { logger, lines } = capturingLogger();
    const base = memoryDeps(sampleTenant(), [webhook]);
    const store: FindingStore = {
      ...base.store,
      saveFinding: (finding, status, marks) =>
        base.store.saveFinding(
          finding.tap.id === SAMPLE_TAP_IDS.authAdminToGlobalAdmin
            ? { ...finding, target: { ...finding.target, userPrincipalName: `${'a'.repeat(100_000)}@x` } }
            : finding,
          status,
          marks,
        ),
    };
    const deps = { ...base, store, logger };

    // Act
    const summary = await runDetectionCycle(deps, NOW);
    const health = await checkHealth(store, deps.config.tenantId, NOW);

    // Assess
    expect(summary.status).toBe('partial');
    expect(summary.findings).toMatchObject({ quarantined: 1, new: summary.findings.total - 1 });
    const [entry] = summary.quarantine;
    expect(entry?.reason).toMatch(/column targetUpn would hold 100002 characters/);
    expect(webhook.taken.some((f) => f.tap.id === SAMPLE_TAP_IDS.syncAccount)).toBe(true);
    expect(webhook.taken.some((f) => f.tap.id === SAMPLE_TAP_IDS.authAdminToGlobalAdmin)).toBe(false);
    const logged = lines.find((l) => l.msg === 'finding quarantined: it cannot be stored');
    expect(logged).toMatchObject({ level: 50, quarantined: { auditIds: entry?.auditIds } });
    expect(entry?.auditIds[0]).toMatch(/^Authentication Methods_/);
    expect(health).toMatchObject({
      status: 503,
      jsonBody: { status: 'degraded', quarantine: { count: 1, auditIds: entry?.auditIds } },
    });
  });

  it('reports failed deliveries as partial at warn, and health names the failing channel and since when', async () => {
    // Prepare: Teams answers 503 for two cycles, then recovers
    const teams = fakeChannel('teams', 'teams');
    const webhook = fakeChannel('webhook:a');
    teams.failing = true;
    const { logger, lines } = capturingLogger();
    const deps = { ...memoryDeps(sampleTenant(), [teams, webhook]), logger };
    const cycle = (i: number) =>
      runDetectionCycle(
        { ...deps, source: createSnapshotTenantSource(sampleTenant()) },
        new Date(NOW.getTime() + i * HOUR),
      );

    // Act
    const first = await cycle(0);
    await cycle(1);
    const whileFailing = await checkHealth(deps.store, deps.config.tenantId, new Date(NOW.getTime() + HOUR));
    teams.failing = false;
    const third = await cycle(2);
    const recovered = await checkHealth(deps.store, deps.config.tenantId, new Date(NOW.getTime() + 2 * HOUR));

    // Assess
    expect(first.status).toBe('partial');
    expect(lines.filter((l) => l.msg === 'detection cycle partial').map((l) => l.level)).toEqual([40, 40]);
    expect(whileFailing.status).toBe(503);
    expect(whileFailing.jsonBody).toMatchObject({
      status: 'degraded',
      channels: {
        teams: { status: 'failing', lastError: expect.stringMatching(/^teams answered 503/) },
        'webhook:a': { status: 'ok', pending: 0 },
      },
    });
    const since = (whileFailing.jsonBody as { channels: { teams: { failingSince: string } } }).channels.teams
      .failingSince;
    expect(Date.parse(since)).toBeGreaterThanOrEqual(NOW.getTime());
    expect(Date.parse(since)).toBeLessThan(NOW.getTime() + HOUR);
    expect(third.status).toBe('ok');
    expect(recovered).toMatchObject({ status: 200, jsonBody: { channels: { teams: { status: 'ok' } } } });
  });
});
