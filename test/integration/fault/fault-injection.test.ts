import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { formatAlertChannel } from '../../../src/cli/format-demo';
import { runDetectionCycle } from '../../../src/cycle';
import type { CycleSummary } from '../../../src/cycle-summary';
import { type LocalStack, startLocalStack } from '../../../src/sim/local-stack';
import { createPrng } from '../../../src/sim/prng';
import {
  buildSampleTenant,
  SAMPLE_TENANT_EXPECTATIONS,
  SAMPLE_TENANT_SETTINGS,
} from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import type { FindingStore, StoredFinding } from '../../../src/store/store';
import { killable } from './killable-store';

/**
 * Many cycles against the HTTPS Graph simulator, Azurite and alert receivers with faults drawn from one
 * seed (TAPWATCH_FAULT_SEED reproduces a run), then clean cycles; afterwards nothing may be lost or doubled.
 */
const SEED = Number(process.env.TAPWATCH_FAULT_SEED ?? 20261123);
const FAULT_CYCLES = 24;
const RECOVERY_CYCLES = 3;
const BASE = new Date(Date.now() - 60 * 60_000);
const STEP_MS = 20 * 60_000;
const GRAPH_FAULTS = ['429', '503', '500', '504', 'truncated', 'reset'] as const;

describe('fault injection: Graph, storage, alert receivers and killed cycles', () => {
  let stack: LocalStack;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tapwatch-fault-'));
    stack = await startLocalStack({
      tenant: shiftAuditTimes(buildSampleTenant(), BASE, 5),
      env: {
        ...SAMPLE_TENANT_SETTINGS,
        LOOKBACK_HOURS: '48',
        ALERT_MAX_ATTEMPTS: '2',
        ALERT_TIMEOUT_MS: '250',
        GRAPH_THROTTLE_BUDGET_SECONDS: '20',
      },
      sleep: async () => {},
      azuriteLocation: folder,
    });
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('ends with one finding per TAP, every alert on every channel once, and no checkpoint past unstored data', async () => {
    // Prepare
    const rng = createPrng(SEED);
    const logger = pino({ level: 'silent' });
    const tenantId = stack.config.tenantId;
    const real = await stack.runtime.store();
    const store = killable(real);
    const injected = { eligibility403: 0, hangs: 0, azuriteRestarts: 0, kills: 0 };
    const summaries: CycleSummary[] = [];
    let checkpointMoves = 0;

    // Act
    for (let cycle = 0; cycle < FAULT_CYCLES + RECOVERY_CYCLES; cycle += 1) {
      const now = new Date(BASE.getTime() + cycle * STEP_MS);
      stack.sim.faults.clear();
      stack.receiver.failRandomly(0, rng.next);
      store.arm(undefined);
      if (cycle < FAULT_CYCLES) {
        const graphRate = rng.pick([0, 0.15, 0.35]);
        if (graphRate > 0)
          stack.sim.faults.random({ seed: SEED + cycle, rate: graphRate, kinds: GRAPH_FAULTS });
        if (rng.chance(0.3)) {
          stack.sim.faults.add({ path: /roleEligibilityScheduleInstances/, kind: '403' });
          injected.eligibility403 += 1;
        }
        stack.receiver.failRandomly(rng.pick([0, 0.3, 0.6]), rng.next);
        if (rng.chance(0.2)) {
          stack.receiver.script([{ hang: true }]);
          injected.hangs += 1;
        }
        if (rng.chance(0.2)) {
          await stack.azurite.restart();
          injected.azuriteRestarts += 1;
        }
        if (rng.chance(0.35)) store.arm(rng.int(0, 30));
      }
      const before = await real.getCheckpoint(tenantId);
      const deps = await stack.runtime.cycleDeps(now, logger);
      const summary = await runDetectionCycle({ ...deps, store }, now);
      summaries.push(summary);
      if (store.killed()) injected.kills += 1;
      const after = await real.getCheckpoint(tenantId);
      if (summary.status === 'failed') expect(after).toEqual(before);
      if (after?.lastSuccessAt !== before?.lastSuccessAt) {
        checkpointMoves += 1;
        // The checkpoint moved: everything the window held must be stored by then.
        expect((await allFindings(real, tenantId, now)).length).toBe(SAMPLE_TENANT_EXPECTATIONS.length);
      }
    }

    // Assess: one finding per TAP
    const stored = await allFindings(real, tenantId, new Date(BASE.getTime() + 30 * STEP_MS));
    expect(stored.map((s) => s.finding.tap.id).sort()).toEqual(
      SAMPLE_TENANT_EXPECTATIONS.map((e) => e.tapId).sort(),
    );
    for (const expectation of SAMPLE_TENANT_EXPECTATIONS) {
      const finding = stored.find((s) => s.finding.tap.id === expectation.tapId)?.finding;
      expect({ tap: expectation.tapId, severity: finding?.severity }).toEqual({
        tap: expectation.tapId,
        severity: expectation.severity,
      });
    }

    // Assess: every alertable finding reached every channel exactly once
    const alertable = stored.filter((s) => s.alertStatus === 'alerted');
    const suppressed = stored.filter((s) => s.alertStatus === 'suppressed');
    expect(stored.filter((s) => s.alertStatus === 'pending')).toEqual([]);
    expect(suppressed).toHaveLength(1);
    const deliveries = new Map<string, number>();
    for (const alert of stack.receiver.received()) {
      if (alert.status < 200 || alert.status >= 300) continue;
      const key = formatAlertChannel(alert);
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
    }
    const channels = stack.runtime.channels.map((c) => c.kind);
    const missing = alertable.flatMap((s) =>
      channels.filter((c) => !deliveries.has(`${s.finding.id} ${c}`)).map((c) => `${s.finding.id} ${c}`),
    );
    expect(missing).toEqual([]);
    const lostRecords = new Set(
      store.unrecorded().map((entry) => entry.replace(/ webhook:[0-9a-f]+$/, ' webhook')),
    );
    const duplicated = [...deliveries].filter(([key, count]) => count > 1 && !lostRecords.has(key));
    const redelivered = [...deliveries].filter(([key, count]) => count > 1 && lostRecords.has(key));
    expect(duplicated).toEqual([]);
    expect(deliveries.size).toBe(alertable.length * channels.length);

    const figures = {
      seed: SEED,
      cycles: summaries.length,
      status: count(summaries.map((s) => s.status)),
      graphFaults: stack.sim.faults.injected(),
      ...injected,
      alertFailures: stack.receiver.received().filter((a) => a.status < 200 || a.status >= 300).length,
      checkpointMoves,
      findings: stored.length,
      alerted: alertable.length,
      suppressed: suppressed.length,
      deliveries: deliveries.size,
      lost: missing.length,
      duplicated: duplicated.length,
      redeliveredAfterKillBetweenSendAndRecord: redelivered.length,
    };
    process.stdout.write(`fault-injection figures: ${JSON.stringify(figures)}\n`);
    expect(summaries.slice(-RECOVERY_CYCLES).every((s) => s.status === 'ok')).toBe(true);
  }, 240_000);
});

async function allFindings(store: FindingStore, tenantId: string, until: Date): Promise<StoredFinding[]> {
  const page = await store.queryFindings({
    tenantId,
    since: new Date(until.getTime() - 4 * 86_400_000),
    until,
    limit: 1000,
  });
  return page.items;
}

function count(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
