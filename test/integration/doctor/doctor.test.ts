import { Webhook } from 'standardwebhooks';
import { urlHash } from '../../../src/alerts/sign';
import { main } from '../../../src/cli/main';
import type { DoctorReport } from '../../../src/doctor/run-doctor';
import { TEST_ALERT_RULE } from '../../../src/doctor/test-finding';
import type { Finding } from '../../../src/rules/finding';
import { SAMPLE_TENANT_ID } from '../../../src/sim/sample-tenant';
import { captureIo } from '../../support/capture-io';
import {
  closedPort,
  type DoctorStack,
  deadStorageConnectionString,
  GRANTED,
  PRINCIPAL_ID,
  startDoctorStack,
} from './doctor-stack';

describe('tapwatch doctor', () => {
  let stack: DoctorStack;
  /** Every line any run printed, to check for secrets at the end. */
  const printed: string[] = [];
  beforeAll(async () => {
    stack = await startDoctorStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });
  beforeEach(() => {
    stack.configure({});
    stack.teams.requests.length = 0;
    stack.hook.requests.length = 0;
    stack.teams.setFallback(202);
    stack.hook.setFallback(200);
  });

  const run = async (args: string[], env?: Record<string, string>) => {
    const { code, io } = await stack.doctor(args, env);
    printed.push(io.out(), io.err());
    return { code, out: io.out(), err: io.err() };
  };
  const lineOf = (out: string, title: string): string =>
    out.split('\n').find((l) => new RegExp(`^. ${title.replace(/[.:]/g, '\\$&')}\\s`).test(l)) ?? '';
  const webhookId = () => `webhook:${urlHash(stack.env().WEBHOOK_URLS ?? '')}`;

  it('passes every check on a correct set-up and sends nothing without --send-test-alert', async () => {
    // Act
    const { code, out } = await run([]);

    // Assess
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    const checks = lines.slice(1, -1);
    expect(checks.map((l) => l.split(' ')[1])).toEqual([
      'identity',
      'app',
      ...GRANTED,
      'licence',
      'tables',
      'teams',
      webhookId(),
    ]);
    expect(checks.filter((l) => !l.startsWith('✓ '))).toEqual([]);
    expect(lineOf(out, 'identity')).toContain(`service principal (object id) ${PRINCIPAL_ID}`);
    expect(lineOf(out, 'licence')).toContain('Entra ID P2');
    expect(lineOf(out, 'tables')).toContain(`at http://127.0.0.1:${stack.azurite.port}/devstoreaccount1`);
    expect(lines.at(-1)).toBe('10 passed, 0 degraded, 0 failed, 0 skipped: exit 0');
    expect(stack.teams.requests).toHaveLength(0);
    expect(stack.hook.requests).toHaveLength(0);
  });

  it('posts a labelled test card to Teams and a signed test event to the webhook with --send-test-alert', async () => {
    // Act
    const { code, out } = await run(['--send-test-alert']);

    // Assess
    expect(code).toBe(0);
    expect(lineOf(out, 'teams')).toMatch(/^✓ teams\s+test card accepted/);
    expect(lineOf(out, webhookId())).toMatch(/test event accepted, signed/);
    const [card] = stack.teams.requests;
    expect(card?.body).toContain('TEST ALERT from tapwatch doctor');
    const [event] = stack.hook.requests;
    const finding = new Webhook(stack.env().WEBHOOK_SECRET ?? '').verify(
      event?.body ?? '',
      event?.headers ?? {},
    ) as Finding;
    expect(finding.title).toMatch(/^TEST ALERT from tapwatch doctor/);
    expect(finding.rules.map((r) => r.id)).toEqual([TEST_ALERT_RULE]);
    expect(finding.tenantId).toBe(SAMPLE_TENANT_ID);
  });

  it('names a missing permission, its failed call and the grant that fixes it, with exit 1', async () => {
    // Prepare
    stack.configure({ granted: GRANTED.filter((p) => p !== 'AuditLog.Read.All') });

    // Act
    const { code, out } = await run([]);

    // Assess
    expect(code).toBe(1);
    const roles = lineOf(out, 'app roles');
    expect(roles).toMatch(/^✗ app roles\s+the token lacks AuditLog\.Read\.All/);
    const call = lineOf(out, 'AuditLog.Read.All');
    expect(call).toMatch(
      /^✗ AuditLog\.Read\.All\s+GET \/auditLogs\/directoryAudits .*: 403 Authorization_RequestDenied: the identity lacks AuditLog\.Read\.All/,
    );
    expect(call).toContain(
      `fix: grant AuditLog.Read.All: scripts/grant-graph-permissions.sh ${PRINCIPAL_ID}`,
    );
    expect(call).toContain('GRANT_GRAPH_PERMISSIONS true');
    expect(lineOf(out, 'Directory.Read.All')).toMatch(/^✓/);
  });

  it('catches a deployment that still holds GroupMember.Read.All instead of Directory.Read.All', async () => {
    // Prepare
    stack.configure({
      granted: [
        'AuditLog.Read.All',
        'GroupMember.Read.All',
        'RoleManagement.Read.Directory',
        'RoleEligibilitySchedule.Read.Directory',
      ],
    });

    // Act
    const { code, out } = await run(['--format', 'json']);

    // Assess
    expect(code).toBe(1);
    const report = JSON.parse(out) as DoctorReport;
    const status = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({
      'app-roles': 'fail',
      'graph:AuditLog.Read.All': 'fail',
      'graph:Directory.Read.All': 'fail',
      'graph:RoleManagement.Read.Directory': 'pass',
      'graph:RoleEligibilitySchedule.Read.Directory': 'pass',
    });
    const audit = report.checks.find((c) => c.id === 'graph:AuditLog.Read.All');
    expect(audit?.detail).toMatch(/the identity lacks Directory\.Read\.All$/);
    expect(report.exitCode).toBe(1);
  });

  it('reports a P1 tenant as a degradation: no P2, eligibility off, exit 0', async () => {
    // Prepare
    stack.configure({ licence: 'p1' });

    // Act
    const { code, out } = await run([]);

    // Assess
    expect(code).toBe(0);
    expect(lineOf(out, 'licence')).toMatch(
      /^! licence\s+Entra ID P1, no P2 \(eligibility 400 AadPremiumLicenseRequired, sign-ins 200\): PIM-eligible roles are not read/,
    );
    expect(lineOf(out, 'RoleEligibilitySchedule.Read.Directory')).toMatch(
      /^✓ .*400 AadPremiumLicenseRequired/,
    );
    expect(out.trim().split('\n').at(-1)).toBe('9 passed, 1 degraded, 0 failed, 0 skipped: exit 0');
  });

  it('reports a Free tenant: no eligibility, no sign-ins, 7-day audit retention and the setting to match', async () => {
    // Prepare
    stack.configure({ licence: 'free' });

    // Act
    const { code, out } = await run([]);

    // Assess
    expect(code).toBe(0);
    const licence = lineOf(out, 'licence');
    expect(licence).toMatch(
      /^! licence\s+Entra ID Free \(.*sign-ins 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant\)/,
    );
    expect(licence).toContain('audit records are kept 7 days');
    expect(licence).toContain('fix: set AUDIT_RETENTION_DAYS=7 (it is 30)');
  });

  it('fails the tables line naming the endpoint, never the key, when storage is down', async () => {
    // Prepare
    const connection = await deadStorageConnectionString();
    const port = /127\.0\.0\.1:(\d+)/.exec(connection)?.[1];

    // Act
    const { code, out } = await run([], stack.env({ STORAGE_CONNECTION_STRING: connection }));

    // Assess
    expect(code).toBe(1);
    const tables = lineOf(out, 'tables');
    expect(tables).toMatch(
      new RegExp(`^✗ tables\\s+http://127\\.0\\.0\\.1:${port}/devstoreaccount1: .*failed without a response`),
    );
    expect(tables).toContain('fix: Table storage did not answer');
    expect(out).not.toContain('AccountKey');
    expect(lineOf(out, 'identity')).toMatch(/^✓/);
  }, 60_000);

  it('fails a channel that is down by its id, not its URL, with --send-test-alert', async () => {
    // Prepare
    const deadHook = `http://127.0.0.1:${await closedPort()}/hooks/${'d'.repeat(24)}`;
    stack.teams.setFallback(404);
    const env = stack.env({ WEBHOOK_URLS: deadHook });

    // Act
    const { code, out } = await run(['--send-test-alert'], env);

    // Assess
    expect(code).toBe(1);
    const hookLine = lineOf(out, `webhook:${urlHash(deadHook)}`);
    expect(hookLine).toMatch(
      /^✗ webhook:[0-9a-f]{8}\s+test alert not taken: webhook:[0-9a-f]{8} could not be reached \(ECONNREFUSED\)/,
    );
    expect(lineOf(out, 'teams')).toMatch(
      /^✗ teams\s+test alert not taken: Teams workflow rejected the alert with 404 — fix: nothing is listening/,
    );
    expect(out).not.toContain(deadHook);
    expect(out).not.toContain('d'.repeat(24));
    printed.push(deadHook);
  });

  it('accepts --tenant equal to TENANT_ID and refuses another tenant or bad usage with exit 2', async () => {
    // Act
    const same = await run(['--tenant', SAMPLE_TENANT_ID.toUpperCase()]);
    const other = captureIo(stack.env());
    const otherCode = await main(['doctor', '--tenant', '11111111-2222-4333-8444-555555555555'], other);
    const positional = captureIo(stack.env());
    const positionalCode = await main(['doctor', 'now'], positional);
    const format = captureIo(stack.env());
    const formatCode = await main(['doctor', '--format', 'xml'], format);

    // Assess
    expect(same.code).toBe(0);
    expect(otherCode).toBe(2);
    expect(other.err()).toBe(
      `tapwatch: --tenant 11111111-2222-4333-8444-555555555555 is neither TENANT_ID (${SAMPLE_TENANT_ID}) nor a registered tenant: add it with "tapwatch tenants add 11111111-2222-4333-8444-555555555555 --name NAME --app-id APP_ID"\n`,
    );
    expect(positionalCode).toBe(2);
    expect(positional.err()).toBe('tapwatch: doctor takes no arguments, got "now"\n');
    expect(formatCode).toBe(2);
    expect(format.err()).toBe('tapwatch: --format must be text or json, got "xml"\n');
  });

  it('never prints a webhook URL, sig=, secret, token or connection string in any run', () => {
    // Assess (every run above, passing and failing, text and JSON)
    const deadHooks = printed.filter((p) => p.startsWith('http://127.0.0.1:') && p.includes('/hooks/'));
    const output = printed.filter((p) => !deadHooks.includes(p)).join('\n');
    expect(output.length).toBeGreaterThan(1000);
    for (const secret of [...stack.secrets, ...deadHooks]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/sig=[0-9a-f]/);
    expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    expect(output).not.toContain('whsec_');
  });
});
