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
    expect(stdout).toBe('No TAP findings (44 records in 4 inputs, 0 TAP events, 4 chain events).\n');
  });

  it('skips a record over --max-record-bytes, says where and why, and still reports the records around it', async () => {
    // Prepare
    const [first, ...rest] = fixture('mixed.jsonl').trimEnd().split('\n');
    const big = JSON.stringify({ id: 'big', resultReason: 'temporary access pass', pad: 'x'.repeat(8000) });
    const stdin = [first, big, ...rest].join('\n');
    const at = (first?.length ?? 0) + 1;

    // Act
    const table = await runCli(['scan', '--max-record-bytes', '4KB'], { stdin });
    const json = await runCli(['scan', '--format', 'json', '--max-record-bytes', '4096'], { stdin });
    const roomy = await runCli(['scan', '--format', 'json'], { stdin });

    // Assess
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/3 findings: .*; skipped 1 over the 4 KB record limit\)\n/);
    const note = `tapwatch: skipped 1 record over the 4 KB record limit in stdin, unread (line 2 at byte ${at}: ${(big.length / 1024).toFixed(1)} KB); --max-record-bytes raises the limit\n`;
    expect(table.stderr).toBe(note);
    expect(json.stderr).toBe(note);
    expect(JSON.parse(json.stdout)).toHaveLength(3);
    expect(roomy.stderr).not.toContain('record limit');
  });

  it.each(['0', '1023', '300MB', 'lots', '1.5MB'])(
    'refuses --max-record-bytes %s with the range',
    async (value) => {
      // Act
      const { code, stderr } = await runCli(['scan', '--max-record-bytes', value, 'mixed.jsonl']);

      // Assess
      expect(code).toBe(2);
      expect(stderr).toBe(
        `tapwatch: --max-record-bytes must be a size from 1 KB to 256 MB (bytes, or with KB, MB or GB), got ${JSON.stringify(value)}\n`,
      );
    },
  );

  it('documents --max-record-bytes and its default in scan --help', async () => {
    // Act
    const { stdout } = await runCli(['scan', '--help']);

    // Assess
    expect(stdout).toMatch(/--max-record-bytes N .*default 16MB/);
  });
});
