import { main } from '../../../src/cli/main';
import { makePollCommand } from '../../../src/cli/poll';
import type { CycleSummary } from '../../../src/cycle-summary';
import { createRuntime } from '../../../src/runtime';
import { type LocalStack, startLocalStack } from '../../../src/sim/local-stack';
import {
  buildSampleTenant,
  SAMPLE_TENANT_EXPECTATIONS,
  SAMPLE_TENANT_SETTINGS,
} from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { staticCredential } from '../../../src/sim/static-credential';
import { captureIo } from '../../support/capture-io';

describe('tapwatch poll --once', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ tenant: shiftAuditTimes(buildSampleTenant(), new Date(), 5) });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  /** The environment a user would export to point poll at this tenant and store. */
  const env = () => ({
    TENANT_ID: stack.config.tenantId,
    GRAPH_BASE_URL: stack.config.graphBaseUrl,
    STORAGE_CONNECTION_STRING: String(stack.config.storageConnectionString),
    TABLE_PREFIX: 'poll',
    ...SAMPLE_TENANT_SETTINGS,
  });
  const poll = makePollCommand((config) =>
    createRuntime(config, { credential: staticCredential(stack.graphToken), graphCa: stack.sim.ca }),
  );

  it('runs one cycle from the environment and prints its summary as JSON', async () => {
    const io = captureIo(env());
    const code = await poll(['--once', '--format', 'json'], io);
    expect(code).toBe(0);
    const summary = JSON.parse(io.out()) as CycleSummary;
    expect(summary).toMatchObject({ status: 'ok', findings: { new: SAMPLE_TENANT_EXPECTATIONS.length } });
    expect(summary.alerts.channels).toBe(0);
  });

  it('prints a table by default, and reports a second run as nothing new', async () => {
    const io = captureIo(env());
    expect(await poll(['--once'], io)).toBe(0);
    expect(io.out()).toMatch(/^cycle\s+status\s+audits/m);
    expect(io.out()).toMatch(/^1\s+ok\s+\d+\s+\d+\s+0\s/m);
  });

  it('refuses to run without --once, or with bad configuration, in one line with exit 2', async () => {
    const noOnce = captureIo(env());
    expect(await main(['poll'], noOnce)).toBe(2);
    expect(noOnce.err()).toBe('tapwatch: poll needs --once (scheduled polling runs in the function app)\n');
    const badTenant = captureIo({ ...env(), TENANT_ID: 'contoso' });
    expect(await main(['poll', '--once'], badTenant)).toBe(2);
    expect(badTenant.err()).toMatch(/^tapwatch: TENANT_ID: expected a GUID, got "contoso"\n$/);
  });
});
