import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { normalize } from '../../../src/audit/normalize';
import { alertFindingId } from '../../../src/cli/format-demo';
import { runDetectionCycle } from '../../../src/cycle';
import type { CycleSummary } from '../../../src/cycle-summary';
import { type LocalStack, startLocalStack } from '../../../src/sim/local-stack';
import { SAMPLE_TAP_IDS, SAMPLE_TENANT_SETTINGS } from '../../../src/sim/sample-tenant';
import { buildScenarioRecords } from '../../../src/sim/sample-tenant-scenario';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { checkHealth } from '../../../src/store/health';
import type { FindingStore } from '../../../src/store/store';
import { floodRecords, scenarioTenant, syncAccountTap } from '../../support/alert-scenarios';
import { killable } from './killable-store';

/**
 * Alert delivery under the faults a SOC meets, through the HTTPS Graph simulator, the Table store on
 * Azurite and real HTTP receivers: a Teams flow answering 404 then 503 beside a healthy webhook, a flood
 * of app-issued TAPs ahead of a late critical sync-account TAP, a record that cannot be stored, and
 * processes killed between a channel taking an alert and the store recording it. Prints the figures.
 */
const FLOOD = 200;
const MAX_PER_CYCLE = 40;
const STEP_MS = 20 * 60_000;
const MAX_CYCLES = 16;
const BASE = new Date(Date.now() - 2 * 3_600_000);
/** Cycle in whose window the late critical TAP first appears. */
const CRITICAL_CYCLE = 2;
/** Teams answers this status in cycle i (undefined: healthy). */
const teamsFault = (i: number): number | undefined => (i < 2 ? 404 : i < 4 ? 503 : undefined);
/** Kill the process at this recordDeliveries call of cycle i (right after a channel took an alert). */
const KILLS: Record<number, number> = { 1: 3, 3: 1, 5: 2 };

describe('fault injection: alert channels, a flood, a poison record and kills between send and record', () => {
  let stack: LocalStack;
  let folder: string;
  const late = syncAccountTap(BASE.getTime() + CRITICAL_CYCLE * STEP_MS - 5 * 60_000, 1);
  const lateTapId = normalize(late)[0]?.tap.id;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tapwatch-alert-fault-'));
    const sample = shiftAuditTimes(scenarioTenant(buildScenarioRecords()), BASE, 30).directoryAudits;
    const flood = floodRecords(FLOOD, BASE.getTime() - 40 * 60_000);
    stack = await startLocalStack({
      tenant: scenarioTenant([...(sample as typeof flood), ...flood, late]),
      env: {
        ...SAMPLE_TENANT_SETTINGS,
        LOOKBACK_HOURS: '48',
        ALERT_MAX_ATTEMPTS: '2',
        ALERT_TIMEOUT_MS: '500',
        ALERT_MAX_PER_CYCLE: String(MAX_PER_CYCLE),
      },
      sleep: async () => {},
      azuriteLocation: folder,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('delivers every alert to every channel, critical first, and repeats only what a kill left unrecorded', async () => {
    // Prepare: the break-glass TAP's finding carries a 100,000-character UPN when it reaches the store
    const logger = pino({ level: 'silent' });
    const tenantId = stack.config.tenantId;
    const real = await stack.runtime.store();
    const store = killable(poisoning(real, SAMPLE_TAP_IDS.authAdminToGlobalAdmin));
    const summaries: CycleSummary[] = [];
    const criticalSeen: Record<string, number> = {};
    let healthWhileTeamsDown: unknown;

    // Act: hourly-ish cycles until nothing is pending (or MAX_CYCLES)
    for (let i = 0; i < MAX_CYCLES; i += 1) {
      const now = new Date(BASE.getTime() + i * STEP_MS);
      stack.receiver.failPath('/teams', teamsFault(i));
      const kill = KILLS[i];
      if (kill === undefined) store.arm(undefined);
      else store.armAtRecord(kill);
      const deps = await stack.runtime.cycleDeps(now, logger);
      const summary = await runDetectionCycle({ ...deps, store }, now);
      summaries.push(summary);
      const lateIds = findingIdsOfTap(stack, lateTapId);
      for (const alert of took(stack)) {
        if (lateIds.has(alertFindingId(alert))) criticalSeen[alert.channel] ??= i;
      }
      if (i === 3) healthWhileTeamsDown = (await checkHealth(real, tenantId, now)).jsonBody;
      if (i > 5 && summary.alerts.pending === 0 && summary.status !== 'failed') break;
    }

    // Assess: every alertable stored finding reached both channels; repeats only where a kill hid a send
    const page = await real.queryFindings({
      tenantId,
      since: new Date(BASE.getTime() - 3 * 86_400_000),
      until: new Date(BASE.getTime() + 86_400_000),
      limit: 1000,
    });
    const alerted = page.items.filter((s) => s.alertStatus === 'alerted');
    expect(page.items.filter((s) => s.alertStatus === 'pending')).toEqual([]);
    const perChannel = new Map<string, number>();
    for (const alert of took(stack)) {
      const key = `${alertFindingId(alert)} ${alert.channel}`;
      perChannel.set(key, (perChannel.get(key) ?? 0) + 1);
    }
    const lost = alerted.flatMap((s) =>
      ['teams', 'webhook'].filter((c) => !perChannel.has(`${s.finding.id} ${c}`)),
    );
    const unrecorded = new Set(store.unrecorded().map((e) => e.replace(/ webhook:[0-9a-f]+$/, ' webhook')));
    const repeats = [...perChannel].filter(([, n]) => n > 1).map(([key]) => key);
    const unexplained = repeats.filter((key) => !unrecorded.has(key));
    const webhookIdsRepeated = repeats.filter((key) => key.endsWith(' webhook'));
    expect(lost).toEqual([]);
    expect(unexplained).toEqual([]);
    expect(criticalSeen.webhook).toBe(CRITICAL_CYCLE);
    expect(summaries[0]?.findings.quarantined).toBe(1);
    expect(healthWhileTeamsDown).toMatchObject({
      status: 'degraded',
      channels: { teams: { status: 'failing' }, [webhookId(stack)]: { status: 'ok' } },
      quarantine: { count: 1 },
    });
    expect(summaries.slice(0, 4).every((s) => s.status !== 'ok')).toBe(true);

    const figures = {
      cycles: summaries.length,
      status: count(summaries.map((s) => s.status)),
      findings: page.items.length,
      quarantined: summaries[0]?.findings.quarantined,
      alerted: alerted.length,
      deliveriesPerChannel: count(took(stack).map((a) => a.channel)),
      refusedByTeams: stack.receiver.received().filter((a) => a.channel === 'teams' && a.status >= 400)
        .length,
      lost: lost.length,
      duplicates: {
        total: repeats.length,
        killBetweenSendAndRecord: repeats.length - unexplained.length,
        webhookSameIdDroppable: webhookIdsRepeated.length,
        unexplained: unexplained.length,
      },
      kills: Object.keys(KILLS).length,
      criticalLatencyCycles: {
        webhook: (criticalSeen.webhook ?? Number.NaN) - CRITICAL_CYCLE,
        teams: (criticalSeen.teams ?? Number.NaN) - CRITICAL_CYCLE,
        teamsDownUntilCycle: 4 - CRITICAL_CYCLE,
      },
    };
    process.stdout.write(`alert fault figures: ${JSON.stringify(figures)}\n`);
  }, 240_000);
});

/** Successful requests the receivers took (2xx). */
function took(stack: LocalStack) {
  return stack.receiver.received().filter((a) => a.status >= 200 && a.status < 300);
}

/** Finding ids the webhook received for the TAP `tapId` (the webhook body is the finding). */
function findingIdsOfTap(stack: LocalStack, tapId: string | undefined): Set<string> {
  return new Set(
    took(stack)
      .filter((a) => a.channel === 'webhook' && (a.body as { tap?: { id?: string } }).tap?.id === tapId)
      .map((a) => alertFindingId(a)),
  );
}

function webhookId(stack: LocalStack): string {
  return stack.runtime.channels.find((c) => c.kind === 'webhook')?.id ?? '';
}

/** The store a record too large for Tables reaches: one TAP's finding gets a 100,000-character UPN. */
function poisoning(inner: FindingStore, tapId: string): FindingStore {
  return {
    ...inner,
    saveFinding: (finding, status, marks) =>
      inner.saveFinding(
        finding.tap.id === tapId
          ? { ...finding, target: { ...finding.target, userPrincipalName: `${'x'.repeat(100_000)}@contoso` } }
          : finding,
        status,
        marks,
      ),
  };
}

function count(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
