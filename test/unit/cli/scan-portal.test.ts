import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src/rules/finding';
import { AUDIT_FIXTURES, runCli } from './run-cli';

const CSV = 'entra-portal.audit.csv';

describe('tapwatch scan of Entra admin center downloads', () => {
  it('reads the Audit logs CSV download: TAP creations become findings, other rows are only counted', async () => {
    // Act
    const { code, stdout, stderr } = await runCli([
      'scan',
      CSV,
      '--directory',
      'directory.json',
      '--format',
      'json',
    ]);

    // Assess
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const findings = JSON.parse(stdout) as Finding[];
    expect(
      findings.map((f) => [f.target.userPrincipalName, f.severity, f.rules.map((r) => r.id).sort(), f.tap]),
    ).toEqual([
      [
        'grace.admin@contoso.com',
        'high',
        ['tap-initiator-not-authorized', 'tap-issued', 'tap-long-lifetime', 'tap-privileged-target'],
        {
          id: '7d2c1b0a-9e8f-4a6b-b5c4-d3e2f1a0b9c8',
          startDateTime: '2026-11-20T08:14:04Z',
          endDateTime: '2026-11-27T08:14:04Z',
          usage: 'Multiple',
          lifetimeMinutes: 10080,
        },
      ],
      [
        'new.hire@contoso.com',
        'medium',
        ['tap-app-initiator', 'tap-issued'],
        expect.objectContaining({
          id: '9f8e7d6c-5b4a-4938-a7b6-c5d4e3f2a1b0',
          usage: 'OneTime',
          lifetimeMinutes: 60,
        }),
      ],
    ]);
    expect(findings[0]?.audit.ids).toEqual([expect.stringMatching(/^portal-csv_[0-9a-f]{32}$/)]);
    expect(findings[1]?.initiator).toEqual(
      expect.objectContaining({ type: 'app', servicePrincipalId: 'c26fba79-3dfd-4ea1-97e6-87bb921d3c45' }),
    );
  });

  it('gives a CSV record the same id on every download, so two downloads of it are one finding', async () => {
    // Prepare
    const text = readFileSync(join(AUDIT_FIXTURES, CSV), 'utf8');

    // Act
    const once = await runCli(['scan', CSV, '--format', 'json']);
    const twice = await runCli(['scan', CSV, '-', '--format', 'json'], { stdin: text });

    // Assess
    const ids = (out: string) => (JSON.parse(out) as Finding[]).map((f) => [f.id, f.audit.ids]);
    expect(ids(twice.stdout)).toEqual(ids(once.stdout));
  });

  it('rejects the sign-in log download in one line naming the download to use instead', async () => {
    // Act
    const { code, stdout, stderr } = await runCli(['scan', 'entra-portal.signins.csv']);

    // Assess
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(
      'tapwatch: entra-portal.signins.csv: a sign-in log download, not audit logs: download Entra ID > Monitoring > Audit logs as JSON (or CSV) and scan that file\n',
    );
  });

  it('rejects a CSV of other columns in one line', async () => {
    // Act
    const { code, stderr } = await runCli(['scan'], { stdin: 'name,value\nx,1\n' });

    // Assess
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^tapwatch: stdin: a CSV without the columns of the Entra audit log download .*\n$/,
    );
  });
});

describe('tapwatch scan without role data', () => {
  it('says in the table which rules could not run and how to get role data', async () => {
    // Act
    const { code, stdout } = await runCli(['scan', CSV]);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/^low +2026-11-20 08:14 +grace\[\.\]admin\[@\]contoso\[\.\]com .* valid 7 days$/m);
    expect(stdout.trimEnd().split('\n').slice(-3)).toEqual([
      'No directory data (--directory not given): tap-privileged-target could not run,',
      'tap-initiator-not-authorized caught self-issued TAPs only, tap-sync-account matched names only.',
      'Severities may be under-rated: run "tapwatch snapshot --out roles.json" and scan with --directory roles.json.',
    ]);
  });

  it('says nothing about role data when it was given, or when there was no TAP to judge', async () => {
    // Act
    const given = await runCli(['scan', CSV, '--directory', 'directory.json']);
    const quiet = await runCli(['scan', 'quiet.graph.json']);

    // Assess
    expect(given.stdout).not.toContain('No directory data');
    expect(quiet.stdout).not.toContain('No directory data');
  });
});

describe('tapwatch scan --fail-on with nothing read', () => {
  it('exits 2 when no record was read, so an empty export cannot pass a gate', async () => {
    // Act
    const { code, stderr } = await runCli(['scan', '--fail-on', 'high'], { stdin: '' });

    // Assess
    expect(code).toBe(2);
    expect(stderr).toBe(
      'tapwatch: --fail-on high: no audit records were read (empty input?); pass --allow-empty if that is expected\n',
    );
  });

  it('passes an empty input with --allow-empty, and an empty array without --fail-on', async () => {
    // Act
    const allowed = await runCli(['scan', '--fail-on', 'high', '--allow-empty'], { stdin: '[]' });
    const ungated = await runCli(['scan'], { stdin: '[]' });

    // Assess
    expect(allowed.code).toBe(0);
    expect(ungated.code).toBe(0);
  });

  it('still gates normally when records were read but none was a TAP', async () => {
    // Act
    const { code, stderr } = await runCli(['scan', 'quiet.graph.json', '--fail-on', 'high']);

    // Assess
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
