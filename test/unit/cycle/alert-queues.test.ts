import { runDetectionCycle } from '../../../src/cycle';
import type { CycleSummary } from '../../../src/cycle-summary';
import type { TenantSnapshot } from '../../../src/directory/snapshot';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import { atLeast, type Severity } from '../../../src/severity';
import {
  SAMPLE_PEOPLE as P,
  SAMPLE_TAP_IDS,
  SAMPLE_TENANT_EXPECTATIONS,
} from '../../../src/sim/sample-tenant';
import { floodRecords, scenarioTenant, syncAccountTap, tapBy } from '../../support/alert-scenarios';
import { type FakeChannel, fakeChannel, memoryDeps, NOW, sampleTenant } from './cycle-fixture';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Alertable findings of the sample tenant that are not suppressed (one repeat is). */
const ALERTED =
  SAMPLE_TENANT_EXPECTATIONS.filter((e) => atLeast(e.severity as Severity, 'medium')).length - 1;

/** Runs `cycles` hourly cycles over one store, each re-reading `tenant(i)`; returns their summaries. */
async function hourly(
  deps: ReturnType<typeof memoryDeps>,
  cycles: number,
  tenant: (i: number) => TenantSnapshot,
): Promise<CycleSummary[]> {
  const out: CycleSummary[] = [];
  for (let i = 0; i < cycles; i += 1) {
    const source = createSnapshotTenantSource(tenant(i));
    out.push(await runDetectionCycle({ ...deps, source }, new Date(NOW.getTime() + i * HOUR)));
  }
  return out;
}

const ids = (channel: FakeChannel) => channel.taken.map((f) => f.tap.id);

describe('alert delivery: one queue per channel, most severe first', () => {
  it('a Teams flow answering 404 never holds back the webhook: it gets every alert within a few cycles', async () => {
    // Prepare: three slots per channel per cycle; Teams rejects everything
    const teams = fakeChannel('teams', 'teams');
    teams.failing = true;
    teams.failStatus = 404;
    const webhook = fakeChannel('webhook:a');
    const deps = memoryDeps(sampleTenant(), [teams, webhook], undefined, { ALERT_MAX_PER_CYCLE: '3' });

    // Act
    const summaries = await hourly(deps, 4, () => sampleTenant());

    // Assess: the critical sync-account TAP went out in the first cycle, everything by the fourth
    expect(ids(webhook).slice(0, 1)).toEqual([SAMPLE_TAP_IDS.syncAccount]);
    expect(new Set(ids(webhook)).size).toBe(ALERTED);
    expect(webhook.taken).toHaveLength(ALERTED);
    expect(teams.taken).toHaveLength(0);
    expect(summaries.map((s) => s.status)).toEqual(['partial', 'partial', 'partial', 'partial']);
    expect(summaries[0]?.alerts.byChannel.teams).toMatchObject({ failed: 2, down: true, sent: 0 });
    expect(summaries[0]?.alerts.byChannel['webhook:a']).toMatchObject({ sent: 3, failed: 0, down: false });
    expect(summaries[0]?.errors.join('\n')).toMatch(
      /^teams: 2 deliveries failed \(last: teams rejected with 404/m,
    );
  });

  it('sends the most severe finding first, then the oldest, whatever the order of activity', async () => {
    // Prepare: one slot per cycle; the oldest alertable TAP (02:47, high) predates both criticals (the
    // sync account at 03:26, the completed chain at 22:40), which both go out in the first cycle
    const webhook = fakeChannel('webhook:a');
    const deps = memoryDeps(sampleTenant(), [webhook], undefined, { ALERT_MAX_PER_CYCLE: '1' });

    // Act
    await hourly(deps, 2, () => sampleTenant());

    // Assess
    expect(ids(webhook)).toEqual([
      SAMPLE_TAP_IDS.syncAccount,
      SAMPLE_TAP_IDS.chainTier0,
      SAMPLE_TAP_IDS.authAdminToGlobalAdmin,
    ]);
  });

  it('a critical TAP reaches every channel in the cycle that stores it, behind a flood of 2,500 medium TAPs', async () => {
    // Prepare: 2,500 app-issued TAPs arrive first; three critical sync-account TAPs arrive an hour later,
    // with two slots per channel per cycle
    const teams = fakeChannel('teams', 'teams');
    const webhook = fakeChannel('webhook:a');
    const flood = floodRecords(2500, NOW.getTime() - 10 * MINUTE);
    const criticals = [0, 1, 2].map((i) => syncAccountTap(NOW.getTime() + HOUR - (20 + i) * MINUTE, i));
    const deps = memoryDeps(scenarioTenant(flood), [teams, webhook], undefined, {
      ALERT_MAX_PER_CYCLE: '2',
    });

    // Act
    const [first, second] = await hourly(deps, 2, (i) =>
      scenarioTenant(i === 0 ? flood : [...flood, ...criticals]),
    );

    // Assess: in the second cycle all three criticals reach both channels, over the two-slot limit
    const critical = (c: FakeChannel) => c.taken.filter((f) => f.severity === 'critical').length;
    expect([critical(teams), critical(webhook)]).toEqual([3, 3]);
    expect(second?.alerts.byChannel.teams).toMatchObject({ sent: 3, accepted: 3, failed: 0 });
    expect(first).toMatchObject({ status: 'partial', alerts: { sent: 4, deferred: 2498 } });
    expect(second?.alerts.pending).toBe(2498);
  }, 30_000); // 2,500 findings through the in-memory store: seconds on a loaded machine

  it('a suppressed finding spends no delivery slot', async () => {
    // Prepare: Isaiah's TAP to Joni alerts in the first cycle; in the second, a repeat (same target,
    // initiator and rules, older than the new app-issued TAP) is suppressed and the app TAP takes the slot
    const webhook = fakeChannel('webhook:a');
    const first = tapBy(P.privilegedAuthAdmin, P.eligibleSecurityAdmin, NOW.getTime() - 2 * HOUR, 'joni-1');
    const repeat = tapBy(
      P.privilegedAuthAdmin,
      P.eligibleSecurityAdmin,
      NOW.getTime() + 20 * MINUTE,
      'joni-2',
    );
    const appTap = floodRecords(1, NOW.getTime() + 40 * MINUTE, 'late-app');
    const deps = memoryDeps(scenarioTenant([first]), [webhook], undefined, { ALERT_MAX_PER_CYCLE: '1' });

    // Act
    const [, second] = await hourly(deps, 2, (i) =>
      scenarioTenant(i === 0 ? [first] : [first, repeat, ...appTap]),
    );

    // Assess
    expect(second).toMatchObject({
      status: 'ok',
      alerts: { suppressed: 1, sent: 1, deferred: 0, pending: 0 },
    });
    expect(webhook.taken.map((f) => f.severity)).toEqual(['high', 'medium']);
  });

  it('alerts a TAP from a different initiator to the same target and rule set, and suppresses the same initiator', async () => {
    // Prepare: Isaiah (Privileged Authentication Administrator) then Megan (Global Administrator) issue
    // Joni a TAP, both authorized: the same rule set; then Isaiah again
    const webhook = fakeChannel('webhook:a');
    const audits = [
      tapBy(P.privilegedAuthAdmin, P.eligibleSecurityAdmin, NOW.getTime() - 3 * HOUR, 'helpdesk'),
      tapBy(P.globalAdmin, P.eligibleSecurityAdmin, NOW.getTime() - 2 * HOUR, 'other-admin'),
      tapBy(P.privilegedAuthAdmin, P.eligibleSecurityAdmin, NOW.getTime() - HOUR, 'helpdesk-again'),
    ];
    const deps = memoryDeps(scenarioTenant(audits), [webhook]);

    // Act
    const [summary] = await hourly(deps, 1, () => scenarioTenant(audits));

    // Assess
    expect(webhook.taken.map((f) => f.initiator.userPrincipalName)).toEqual([
      P.privilegedAuthAdmin.userPrincipalName,
      P.globalAdmin.userPrincipalName,
    ]);
    expect(new Set(webhook.taken.map((f) => f.rules.map((r) => r.id).join('+'))).size).toBe(1);
    expect(summary?.alerts.suppressed).toBe(1);
  });
});
