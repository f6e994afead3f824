import pino from 'pino';
import { formatAlertChannel } from '../../../src/cli/format-demo';
import { runDetectionCycle } from '../../../src/cycle';
import type { CycleSummary } from '../../../src/cycle-summary';
import { type LocalStack, startLocalStack } from '../../../src/sim/local-stack';
import {
  buildSampleTenant,
  SAMPLE_TENANT_EXPECTATIONS,
  SAMPLE_TENANT_SETTINGS,
} from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { checkHealth } from '../../../src/store/health';
import { createTableStore } from '../../../src/store/table-store';

const logger = pino({ level: 'silent' });
const MIN = 60_000;

/**
 * Concurrent cycles of one tenant through the real pipeline: HTTPS Graph simulator, Azurite, alert
 * receiver. Each cycle has its own Table client, as separate function instances would.
 */
describe('concurrent cycles of one tenant on Azurite', () => {
  let stack: LocalStack;
  const base = new Date(Date.now() - 5 * MIN);

  beforeAll(async () => {
    stack = await startLocalStack({
      tenant: shiftAuditTimes(buildSampleTenant(), base, 5),
      env: { ...SAMPLE_TENANT_SETTINGS },
      sleep: async () => {},
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  /** One cycle at `now` with a fresh Table client over tables prefixed `prefix`. */
  async function cycle(prefix: string, now: Date, runId: string): Promise<CycleSummary> {
    const store = await createTableStore({
      connectionString: stack.azurite.connectionString,
      tablePrefix: prefix,
    });
    const deps = await stack.runtime.cycleDeps(now, logger);
    return runDetectionCycle({ ...deps, store, runId }, now);
  }

  it.each([2, 4, 8])(
    'runs %i cycles started together as one: the others are skipped, none fails, each alert goes out once',
    async (n) => {
      // Prepare
      const prefix = `conc${n}`;
      const sentBefore = stack.receiver.received().length;

      // Act
      const summaries = await Promise.all(
        Array.from({ length: n }, (_, i) => cycle(prefix, base, `run-${n}-${i}`)),
      );

      // Assess: one worker, the rest skipped with no error
      expect(summaries.map((s) => s.status).sort()).toEqual(['ok', ...Array<string>(n - 1).fill('skipped')]);
      expect(summaries.flatMap((s) => s.errors)).toEqual([]);
      const worker = summaries.find((s) => s.status === 'ok') as CycleSummary;
      expect(worker.findings.new).toBe(SAMPLE_TENANT_EXPECTATIONS.length);
      const alerts = stack.receiver.received().slice(sentBefore);
      const keys = alerts.map(formatAlertChannel);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(worker.alerts.sent);

      const store = await createTableStore({
        connectionString: stack.azurite.connectionString,
        tablePrefix: prefix,
      });
      const health = await checkHealth(store, stack.config.tenantId, base);
      expect(health.status).toBe(200);
      expect(health.jsonBody).toMatchObject({
        lease: { running: false, runId: worker.runId, skippedCycles: n - 1 },
      });
    },
    60_000,
  );

  it('keeps the newer window end when an older cycle, slowed by Graph past its lease, finishes last', async () => {
    // Prepare: a first cycle, then an older cycle whose first audit page takes 1.5 s
    const prefix = 'concslow';
    await cycle(prefix, base, 'first');
    stack.sim.faults.add({ path: '/auditLogs/directoryAudits', kind: 'slow', delayMs: 1500, times: 1 });
    const olderAt = new Date(base.getTime() + 5 * MIN);
    const newerAt = new Date(base.getTime() + 20 * MIN);

    // Act: the newer cycle starts after the older one's lease has run out on its clock
    const older = cycle(prefix, olderAt, 'older');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const newer = await cycle(prefix, newerAt, 'newer');
    const late = await older;

    // Assess
    expect([late.status, newer.status]).toEqual(['ok', 'ok']);
    const store = await createTableStore({
      connectionString: stack.azurite.connectionString,
      tablePrefix: prefix,
    });
    expect((await store.getCheckpoint(stack.config.tenantId))?.windowEnd).toBe(newerAt.toISOString());
  }, 60_000);
});
