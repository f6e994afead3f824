import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src/rules/finding';
import { AUDIT_FIXTURES, build, tapwatch } from './built-cli';

const fixture = (name: string) => readFileSync(join(AUDIT_FIXTURES, name), 'utf8');
const byTarget = (findings: Finding[]) =>
  Object.fromEntries(findings.map((f) => [f.target.userPrincipalName, f.rules.map((r) => r.id).sort()]));

beforeAll(async () => {
  await build();
}, 120_000);

describe('tapwatch scan (built binary)', () => {
  it.each([
    ['tap-variants.graph.json', 'graph'],
    ['tap-variants.log-analytics.json', 'log-analytics'],
    ['tap-variants.azure-monitor.json', 'azure-monitor'],
  ])('finds every TAP variant in %s with the directory, exit 0', async (file, source) => {
    // Act
    const { code, stdout, stderr } = await tapwatch([
      'scan',
      file,
      '--directory',
      'directory.json',
      '--format',
      'json',
    ]);

    // Assess
    const findings = JSON.parse(stdout) as Finding[];
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(new Set(findings.map((f) => f.audit.source))).toEqual(new Set([source]));
    expect(byTarget(findings)).toEqual({
      'victim@example.onmicrosoft.com': ['tap-initiator-not-authorized', 'tap-issued'],
      'ga@contoso.com': [
        'tap-initiator-not-authorized',
        'tap-issued',
        'tap-long-lifetime',
        'tap-privileged-target',
      ],
      'Sync_AADC01_0a1b2c3d4e5f@contoso.onmicrosoft.com': ['tap-issued', 'tap-sync-account'],
      'new.hire@contoso.com': ['tap-app-initiator', 'tap-issued'],
      'alice@contoso.com': ['tap-initiator-not-authorized', 'tap-issued'],
      'bob@contoso.com': ['tap-issued', 'tap-privileged-target'],
      'carol@contoso.com': ['tap-issued'],
      'dave@contoso.com': ['tap-issued'],
      'grace.admin@contoso.com': ['tap-initiator-not-authorized', 'tap-issued', 'tap-privileged-target'],
    });
  });

  it('prints a table for a saved Graph page and says what it scanned (its TAP deletion is a chain event) and could not check', async () => {
    // Act
    const { code, stdout } = await tapwatch(['scan', 'page.value.json']);

    // Assess
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'SEVERITY  TIME (UTC)        TARGET                                            INITIATOR                      REASON',
      'low       2026-11-20 08:14  ga[@]contoso[.]com                                helen[.]desk[@]contoso[.]com   valid 24 h',
      'critical  2026-11-20 09:02  Sync_AADC01_0a1b2c3d4e5f[@]contoso[.]onmicrosof…  grace[.]admin[@]contoso[.]com  directory sync account',
      '',
      '2 findings: 1 critical, 1 low (5 records in 1 input, 2 TAP events, 1 chain event)',
      '',
      'No directory data (--directory not given): tap-privileged-target could not run,',
      'tap-initiator-not-authorized caught self-issued TAPs only, tap-sync-account matched names only.',
      'Severities may be under-rated: run "tapwatch snapshot --out roles.json" and scan with --directory roles.json.',
      '',
    ]);
  });

  it('prints one finding per line with --format jsonl, read from stdin', async () => {
    // Act
    const { code, stdout } = await tapwatch(['scan', '--format', 'jsonl', '-'], {
      stdin: fixture('mixed.jsonl'),
    });

    // Assess
    const lines = stdout.trimEnd().split('\n');
    expect(code).toBe(0);
    expect(lines.map((l) => (JSON.parse(l) as Finding).target.userPrincipalName)).toEqual([
      'victim@example.onmicrosoft.com',
      'new.hire@contoso.com',
      'grace.admin@contoso.com',
    ]);
  });

  it('unwraps Event Hubs capture lines', async () => {
    // Act
    const { stdout } = await tapwatch(['scan', '--format', 'json', 'eventhub.jsonl']);

    // Assess
    expect((JSON.parse(stdout) as Finding[]).map((f) => f.target.userPrincipalName).sort()).toEqual([
      'carol@contoso.com',
      'dave@contoso.com',
    ]);
  });

  it('exits 1 when a finding reaches --fail-on, and 0 when none does', async () => {
    // Act
    const hit = await tapwatch(['scan', 'page.value.json', '--fail-on', 'critical']);
    const missed = await tapwatch(['scan', 'mixed.jsonl', '--fail-on', 'critical']);

    // Assess
    expect(hit.code).toBe(1);
    expect(missed.code).toBe(0);
  });

  it('shows only findings at or above --min-severity', async () => {
    // Act
    const { stdout } = await tapwatch([
      'scan',
      '--format',
      'json',
      '--min-severity',
      'high',
      'tap-variants.graph.json',
    ]);

    // Assess
    expect((JSON.parse(stdout) as Finding[]).map((f) => f.severity)).toEqual(['critical', 'high']);
  });

  it('skips malformed lines, counts them in one stderr line and scans the rest', async () => {
    // Act
    const { code, stdout, stderr } = await tapwatch(['scan', '--format', 'json', 'malformed-line.jsonl']);

    // Assess
    expect(code).toBe(0);
    expect(stderr).toBe(
      'tapwatch: skipped 2 malformed records in malformed-line.jsonl (first at line 4: not a complete JSON object)\n',
    );
    expect((JSON.parse(stdout) as Finding[]).map((f) => f.target.userPrincipalName)).toEqual([
      'victim@example.onmicrosoft.com',
      'grace.admin@contoso.com',
    ]);
  });

  it.each([
    [
      ['scan', 'truncated-array.txt'],
      /^tapwatch: truncated-array\.txt: truncated JSON at line 84 \(byte \d+\): input ends inside the record that starts at line 51\n$/,
    ],
    [
      ['scan', 'mixed.jsonl', 'mismatched-brackets.txt'],
      /^tapwatch: mismatched-brackets\.txt: unexpected '}' at line 2 \(byte 36\)\n$/,
    ],
    [['scan', 'nowhere.jsonl'], /^tapwatch: nowhere\.jsonl: no such file\n$/],
    [['scan', '--format', 'yaml'], /^tapwatch: --format must be table, json or jsonl, got "yaml"\n$/],
    [['scan', '--directory'], /^tapwatch: scan: Option '--directory <value>' argument missing\n$/],
    [
      ['scan', 'mixed.jsonl', '--directory', 'missing-roles.json'],
      /^tapwatch: missing-roles\.json: cannot read snapshot file \(ENOENT\)\n$/,
    ],
  ])('fails %j with exit 2, one line on stderr, no stack and no findings', async (args, message) => {
    // Act
    const { code, stdout, stderr } = await tapwatch(args);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('never lets a hostile display name reach the terminal as control sequences', async () => {
    // Prepare
    const [real] = JSON.parse(fixture('tap-variants.graph.json')) as [
      { targetResources: Record<string, unknown>[] },
    ];
    const target = real.targetResources[0] as Record<string, unknown>;
    target.userPrincipalName = null;
    target.displayName = '\u001b[2J\u001b[31mVictim\u001b]0;owned\u0007\nfake row';

    // Act
    const { code, stdout } = await tapwatch(['scan'], { stdin: JSON.stringify(real) });

    // Assess
    expect(code).toBe(0);
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('Victim\ufffdfake row');
  });
});
