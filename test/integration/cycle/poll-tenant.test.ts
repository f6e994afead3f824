import { InvocationContext, type Timer } from '@azure/functions';
import { makePollTenant } from '../../../functions/pollTenant';
import { SELECTED_AUDIT_ACTIVITIES } from '../../../src/audit/audit-activities';
import { atLeast, type Severity } from '../../../src/severity';
import { type LocalStack, startLocalStack } from '../../../src/sim/local-stack';
import {
  buildSampleTenant,
  SAMPLE_TENANT_EXPECTATIONS,
  SAMPLE_TENANT_SETTINGS,
} from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';

const alertable = SAMPLE_TENANT_EXPECTATIONS.filter((e) => atLeast(e.severity as Severity, 'medium'));
const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '', next: '', lastUpdated: '' },
};

describe('pollTenant through the real Graph client, Table store and alert channels', () => {
  let stack: LocalStack;
  const logs: string[] = [];
  const context = () =>
    new InvocationContext({
      invocationId: 'test-invocation',
      functionName: 'pollTenant',
      logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')),
    });

  beforeAll(async () => {
    stack = await startLocalStack({
      tenant: shiftAuditTimes(buildSampleTenant(), new Date(), 5),
      env: { ...SAMPLE_TENANT_SETTINGS, LOG_LEVEL: 'info' },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('stores every expected finding in Table Storage and alerts both channels once per alertable finding', async () => {
    // Act
    await makePollTenant(() => stack.runtime)(timer, context());
    // Assess
    const store = await stack.runtime.store();
    const page = await store.queryFindings({
      tenantId: stack.config.tenantId,
      since: new Date(Date.now() - 2 * 86_400_000),
      until: new Date(),
      limit: 1000,
    });
    expect(page.items.map((s) => s.finding.tap.id).sort()).toEqual(
      SAMPLE_TENANT_EXPECTATIONS.map((e) => e.tapId).sort(),
    );
    const received = stack.receiver.received();
    expect(received.filter((r) => r.channel === 'teams')).toHaveLength(alertable.length - 1);
    const webhooks = received.filter((r) => r.channel === 'webhook');
    expect(webhooks).toHaveLength(alertable.length - 1);
    expect(webhooks.every((r) => r.signatureValid)).toBe(true);
  });

  it('sends nothing more when the timer fires again over the same window', async () => {
    const before = stack.receiver.received().length;
    await makePollTenant(() => stack.runtime)(timer, context());
    expect(stack.receiver.received()).toHaveLength(before);
  });

  it('asks Graph only for the selected activities, and for role data with a constant number of requests', () => {
    const audits = stack.sim.received().filter((r) => r.path === '/auditLogs/directoryAudits');
    expect(audits.length).toBeGreaterThan(0);
    const asked = new Set<string>();
    for (const request of audits.filter((r) => r.query.$filter)) {
      const activity = /^activityDisplayName eq '(.+?)' and activityDateTime ge /.exec(
        request.query.$filter ?? '',
      );
      expect(activity).not.toBeNull();
      asked.add(activity?.[1] ?? '');
    }
    expect([...asked].sort()).toEqual([...SELECTED_AUDIT_ACTIVITIES].sort());
    const counts = stack.sim.counts();
    const directory = Object.entries(counts).filter(([path]) => !path.startsWith('/auditLogs'));
    // Sign-ins: at most one request per target of an open alertable TAP, per cycle (two cycles ran).
    const targets = new Set(alertable.map((e) => e.targetUpn)).size;
    expect(counts['/auditLogs/signIns'] ?? 0).toBeLessThanOrEqual(2 * targets);
    expect(directory.reduce((n, [, c]) => n + c, 0)).toBeLessThanOrEqual(2 * 4);
  });

  it('logs one summary line per cycle through the invocation context, without any secret', () => {
    const summaries = logs.filter((line) => line.includes('detection cycle ok'));
    expect(summaries).toHaveLength(2);
    const secrets = [stack.config.teamsWorkflowUrl, stack.config.webhookSecret, ...stack.config.webhookUrls];
    for (const secret of secrets) expect(logs.join('\n')).not.toContain(String(secret));
    expect(logs.join('\n')).not.toMatch(/sig=|whsec_/);
  });
});
