import pino from 'pino';
import { runDetectionCycle } from '../../../src/cycle';
import { type LocalStack, startLocalStack } from '../../../src/sim/local-stack';
import { buildSampleTenant, SAMPLE_TENANT_SETTINGS } from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { createTableStore } from '../../../src/store/table-store';

const logger = pino({ level: 'silent' });

describe('a cycle that Graph will not serve', () => {
  let stack: LocalStack;
  const waits: number[] = [];
  beforeAll(async () => {
    stack = await startLocalStack({
      tenant: shiftAuditTimes(buildSampleTenant(), new Date(), 5),
      env: { ...SAMPLE_TENANT_SETTINGS, GRAPH_THROTTLE_BUDGET_SECONDS: '5' },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('fails cleanly when throttling outlasts the budget: nothing stored, alerted or checkpointed', async () => {
    // Prepare: every audit request is throttled for two seconds
    stack.sim.faults.add({
      path: '/auditLogs/directoryAudits',
      kind: '429',
      retryAfterSeconds: 2,
      times: Infinity,
    });
    const store = await stack.runtime.store();

    // Act
    const summary = await stack.runtime.runCycle(new Date(), logger);

    // Assess
    expect(summary.status).toBe('failed');
    expect(summary.errors.join(' ')).toMatch(/ThrottleBudgetExceededError/);
    expect(summary.graph.throttleWaitMs).toBeLessThanOrEqual(5000);
    expect(waits.every((ms) => ms === 2000)).toBe(true);
    expect(summary.findings.total).toBe(0);
    expect(stack.receiver.received()).toEqual([]);
    expect(await store.getCheckpoint(stack.config.tenantId)).toBeUndefined();
  });

  it('completes on the next cycle once Graph recovers, with every finding and alert', async () => {
    stack.sim.faults.clear();
    const summary = await stack.runtime.runCycle(new Date(), logger);
    expect(summary.status).toBe('ok');
    expect(summary.findings.new).toBeGreaterThan(0);
    expect(summary.alerts.sent).toBeGreaterThan(0);
    const store = await stack.runtime.store();
    expect(await store.getCheckpoint(stack.config.tenantId)).toMatchObject({ status: 'ok' });
  });

  it('degrades to active roles when eligibility answers 403, and says so in the summary', async () => {
    stack.sim.faults.add({ path: /roleEligibilityScheduleInstances/, kind: '403', times: 1 });
    // A store of its own: a first cycle reads the whole lookback, so it sees TAP events and loads role data.
    const store = await createTableStore({
      connectionString: stack.azurite.connectionString,
      tablePrefix: 'elig',
    });
    const now = new Date();
    const summary = await runDetectionCycle({ ...(await stack.runtime.cycleDeps(now, logger)), store }, now);
    expect(summary.status).toBe('ok');
    expect(summary.directory.warnings.join(' ')).toMatch(/eligibility unavailable \(403/);
  });
});
