import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CycleSummary } from '../../../src/cycle-summary';
import type { Finding } from '../../../src/rules/finding';
import { atLeast, type Severity, severityRank } from '../../../src/severity';
import {
  buildSampleTenant,
  SAMPLE_TAP_IDS,
  SAMPLE_TENANT_EXPECTATIONS,
} from '../../../src/sim/sample-tenant';
import { build, tapwatch } from './built-cli';

interface DemoJson {
  findings: Finding[];
  alerts: Array<{ channel: string; findingId: string; receivedAt: string }>;
  cycles: CycleSummary[];
}

const alertable = SAMPLE_TENANT_EXPECTATIONS.filter((e) => atLeast(e.severity as Severity, 'medium'));

describe('tapwatch demo (built binary)', () => {
  let folder: string;
  beforeAll(async () => {
    await build();
    folder = mkdtempSync(join(tmpdir(), 'tapwatch-demo-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('finds every TAP of the bundled tenant and alerts each channel once per alertable finding', async () => {
    const result = await tapwatch(['demo', '--format', 'json', '--cycles', '2']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const demo = JSON.parse(result.stdout) as DemoJson;
    expect(demo.findings.map((f) => `${f.tap.id} ${f.severity}`).sort()).toEqual(
      SAMPLE_TENANT_EXPECTATIONS.map((e) => `${e.tapId} ${e.severity}`).sort(),
    );
    // Every alertable finding once per channel (one suppressed by dedup), plus the chain's escalation.
    const chain = demo.findings.find((f) => f.tap.id === SAMPLE_TAP_IDS.chainTier0);
    expect(chain?.escalation).toMatchObject({ from: 'high', to: 'critical' });
    for (const channel of ['teams', 'webhook']) {
      const ids = demo.alerts.filter((a) => a.channel === channel).map((a) => a.findingId);
      expect(ids).toHaveLength(alertable.length);
      expect(new Set(ids).size).toBe(alertable.length - 1);
      expect(ids.filter((id) => id === chain?.id)).toHaveLength(2);
    }
    expect(demo.cycles.map((c) => [c.status, c.findings.new, c.alerts.sent, c.chain.escalations])).toEqual([
      ['ok', SAMPLE_TENANT_EXPECTATIONS.length, 2 * (alertable.length - 1), 0],
      ['ok', 0, 2, 1],
    ]);
  }, 60_000);

  it('opens the default two-cycle report with the critical escalation and its timeline', async () => {
    const result = await tapwatch(['demo']);
    expect(result.code).toBe(0);
    const firstScreen = result.stdout.split('\n').slice(0, 12).join('\n');
    expect(firstScreen).toMatch(/ESCALATIONS \(1\)/);
    expect(firstScreen).toMatch(/critical\s+Lasting access gained with a TAP on MiriamG\S+ \(was high\)/);
    expect(firstScreen).toMatch(/tap-signin\s+Signed in with the TAP/);
    expect(firstScreen).toMatch(/method-registered\s+MiriamG\S+ registered Fido2 security key/);
    // Its row says each channel got it twice: the first alert (high) and the escalation (critical).
    expect(result.stdout).toMatch(/^critical .*MiriamG\S* .* teams x2, webhook x2$/m);
  }, 60_000);

  it('prints findings, alerts and cycles as one readable report', async () => {
    const result = await tapwatch(['demo', '--cycles', '1']);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain(
      `FINDINGS (${SAMPLE_TENANT_EXPECTATIONS.length}) stored in Table Storage, most severe first`,
    );
    const severities = out
      .split('\n')
      .flatMap((line) => /^(critical|high|medium|low|informational) /.exec(line)?.[1] ?? []);
    expect(severities).toHaveLength(SAMPLE_TENANT_EXPECTATIONS.length);
    expect(severities).toEqual(
      [...severities].sort((a, b) => severityRank(b as Severity) - severityRank(a as Severity)),
    );
    expect(out).toMatch(
      /^critical +\S+ \S+ +Sync_CONTOSO\S* +\S+ +directory sync account; issuer not allowed +teams, webhook$/m,
    );
    expect(out).toMatch(/^high .*JoniS\S* .* suppressed: repeat of \d\d:\d\d UTC$/m);
    expect(out).toMatch(/^ALERTS: \d+ findings alerted, \d+ channel deliveries/m);
    expect(out).toMatch(/^ {2}webhook +(\d+) for \1 findings: \1 of \1 signatures valid$/m);
    expect(out).toContain('TEAMS CARD of the most severe alert (critical), as the workflow received it');
    // Two criticals: the newest (the completed chain) is the card shown.
    expect(out).toMatch(/^ {2}│ Lasting access gained with a TAP on MiriamG/m);
    expect(out).toMatch(/^CYCLES$/m);
  }, 60_000);

  it('runs a tenant file given with --tenant', async () => {
    const tenant = buildSampleTenant();
    const sync = SAMPLE_TENANT_EXPECTATIONS.find((e) => e.severity === 'critical');
    tenant.directoryAudits = tenant.directoryAudits.filter((a) =>
      JSON.stringify(a).includes(String(sync?.tapId)),
    );
    const file = join(folder, 'tenant.json');
    writeFileSync(file, JSON.stringify(tenant));
    const result = await tapwatch(['demo', '--tenant', file, '--format', 'json', '--cycles', '1']);
    expect(result.code).toBe(0);
    const demo = JSON.parse(result.stdout) as DemoJson;
    expect(demo.findings.map((f) => f.tap.id)).toEqual([sync?.tapId]);
  }, 60_000);

  it('rejects a tenant file without an audit log in one line, exit 2', async () => {
    const file = join(folder, 'roles-only.json');
    writeFileSync(file, JSON.stringify({ roleDefinitions: [], roleAssignments: [] }));
    const result = await tapwatch(['demo', '--tenant', file]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^tapwatch: .*roles-only\.json.*directoryAudits/),
    ]);
  });
});
