import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src/rules/finding';
import { AUDIT_FIXTURES, runCli } from './run-cli';

const fixture = (name: string) => readFileSync(join(AUDIT_FIXTURES, name), 'utf8');
const APP = 'ce79fdc4-cd1d-4ea5-8139-e74d7dbe0bb7';

describe('tapwatch scan (in-process)', () => {
  it('reads stdin when no file is named, and takes the tenant from Azure Monitor records', async () => {
    // Act
    const { code, stdout } = await runCli(['scan', '--format', 'json'], {
      stdin: fixture('tap-variants.azure-monitor.json'),
    });

    // Assess
    const findings = JSON.parse(stdout) as Finding[];
    expect(code).toBe(0);
    expect(findings).toHaveLength(9);
    expect(new Set(findings.map((f) => f.tenantId))).toEqual(
      new Set(['6c1a4f0e-8d3b-4f7a-9b2e-3d5c7e9f1a2b']),
    );
    expect(new Set(findings.map((f) => f.audit.source))).toEqual(new Set(['azure-monitor']));
  });

  it('uses --tenant-id over the records, and "offline" when nothing names a tenant', async () => {
    // Act
    const named = await runCli([
      'scan',
      '--format',
      'jsonl',
      '--tenant-id',
      'Contoso.onmicrosoft.com',
      'mixed.jsonl',
    ]);
    const unnamed = await runCli(['scan', '--format', 'jsonl', 'mixed.jsonl']);

    // Assess
    const tenants = (out: string) =>
      out
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as Finding).tenantId);
    expect(tenants(named.stdout)).toEqual(Array(3).fill('contoso.onmicrosoft.com'));
    expect(tenants(unnamed.stdout)).toEqual(Array(3).fill('offline'));
  });

  it('scans several files of different shapes into one result, without double-counting a TAP', async () => {
    // Act
    const { stdout } = await runCli([
      'scan',
      '--format',
      'json',
      'tap-variants.graph.json',
      'page.value.json',
    ]);

    // Assess: the page repeats two TAPs of the variants file; they merge into their findings.
    const findings = JSON.parse(stdout) as Finding[];
    expect(findings).toHaveLength(9);
    expect(findings.filter((f) => f.audit.ids.length > 1)).toHaveLength(0);
  });

  it('lets ALLOWED_TAP_APP_IDS from the environment silence the app-initiator rule', async () => {
    // Act
    const before = await runCli(['scan', '--format', 'json', 'mixed.jsonl']);
    const after = await runCli(['scan', '--format', 'json', 'mixed.jsonl'], {
      env: { ALLOWED_TAP_APP_IDS: APP },
    });

    // Assess
    const appFinding = (out: string) => (JSON.parse(out) as Finding[]).find((f) => f.initiator.appId === APP);
    expect(appFinding(before.stdout)?.rules.map((r) => r.id)).toContain('tap-app-initiator');
    expect(appFinding(after.stdout)?.rules.map((r) => r.id)).toEqual(['tap-issued']);
  });

  it('prints no finding for the quiet corpus in any shape', async () => {
    // Act
    const { code, stdout } = await runCli([
      'scan',
      'quiet.graph.json',
      'quiet.log-analytics.json',
      'quiet.azure-monitor.json',
      'quiet.jsonl',
    ]);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toBe('No TAP findings (44 records in 4 inputs, 0 TAP events).\n');
  });
});
