import { runCli } from './run-cli';

describe('tapwatch main', () => {
  it('lists the commands on --help and exits 0', async () => {
    // Act
    const { code, stdout } = await runCli(['--help']);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: tapwatch <command>/);
    expect(stdout).toMatch(/^ {2}scan {2}/m);
  });

  it.each([['--version'], ['-V'], ['version']])('prints the package version for %s', async (flag) => {
    // Prepare
    const { version } = require('../../../package.json') as { version: string };

    // Act
    const { code, stdout, stderr } = await runCli([flag]);

    // Assess
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `tapwatch ${version}\n`, stderr: '' });
  });

  it('prints usage on stderr and exits 2 without a command', async () => {
    // Act
    const { code, stdout, stderr } = await runCli([]);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: tapwatch/);
  });

  it.each([[['scan', '--help']], [['help', 'scan']], [['scan', 'any.json', '-h']]])(
    'prints the scan help for %j',
    async (argv) => {
      // Act
      const { code, stdout } = await runCli(argv);

      // Assess
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: tapwatch scan \[FILE\|-\]\.\.\. \[options\]/);
      expect(stdout).toContain('--fail-on S');
    },
  );

  it.each([
    [['frobnicate'], 'tapwatch: unknown command "frobnicate" (try tapwatch --help)'],
    [['toString'], 'tapwatch: unknown command "toString" (try tapwatch --help)'],
    [['scan', '--bogus'], "tapwatch: scan: Unknown option '--bogus'"],
    [['scan', '--format', 'xml'], 'tapwatch: --format must be table, json or jsonl, got "xml"'],
    [
      ['scan', '--fail-on', 'severe'],
      'tapwatch: --fail-on must be informational, low, medium, high or critical, got "severe"',
    ],
    [['scan', '--tenant-id', 'a b'], 'tapwatch: --tenant-id must be a tenant GUID or domain name'],
    [['scan', '-', '-'], 'tapwatch: stdin (-) can be read only once'],
    [['scan', 'missing.json'], 'tapwatch: missing.json: no such file'],
    [['scan', '.'], 'tapwatch: .: is a directory'],
    [['snapshot'], 'tapwatch: snapshot needs --out FILE (or --out - for stdout)'],
    [['snapshot', 'x.json'], 'tapwatch: snapshot takes no arguments, got "x.json"'],
  ])('rejects %j with one line on stderr and exit 2', async (argv, message) => {
    // Act
    const { code, stdout, stderr } = await runCli(argv);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\n`);
  });

  it('reports an invalid rule setting from the environment by its variable name, with exit 2', async () => {
    // Act
    const { code, stderr } = await runCli(['scan', 'mixed.jsonl'], {
      env: { MAX_TAP_LIFETIME_MINUTES: 'forever' },
    });

    // Assess
    expect(code).toBe(2);
    expect(stderr).toBe(
      'tapwatch: MAX_TAP_LIFETIME_MINUTES: expected a whole number from 1 to 43200, got "forever"\n',
    );
  });

  it.each([
    [
      ['findings', '--severity', 'urgent'],
      'tapwatch: --severity must be informational, low, medium, high or critical, got "urgent"\n',
    ],
    [['findings', '--since', 'yesterday'], /^tapwatch: --since /],
    [['findings', '--format', 'xml'], 'tapwatch: --format must be table or json, got "xml"\n'],
    [['poll', '--once', '--format', 'xml'], 'tapwatch: --format must be table or json, got "xml"\n'],
    [['doctor', '--tenant', 'contoso'], 'tapwatch: --tenant must be a tenant id (GUID), got "contoso"\n'],
    [['scan', '--fail-on', 'urgent', 'mixed.jsonl'], /^tapwatch: --fail-on must be/],
  ])('checks the flags of %j before the environment', async (argv, message) => {
    // Act: an environment that is wrong in several ways, TENANT_ID missing among them
    const { code, stderr } = await runCli(argv, {
      env: { LOOKBACK_HOURS: 'ten', MAX_TAP_LIFETIME_MINUTES: 'x' },
    });

    // Assess
    expect(code).toBe(2);
    if (typeof message === 'string') expect(stderr).toBe(message);
    else expect(stderr).toMatch(message);
  });

  it('prints every bad setting at once, one line each, once the flags are fine', async () => {
    // Act
    const { code, stderr } = await runCli(['findings', '--severity', 'high'], {
      env: { POLL_SCHEDULE: '0 0 * * *', TEAMS_WORKFLOW_URL: 'https://u:SECRET@example.test/x' },
    });

    // Assess
    expect(code).toBe(2);
    expect(stderr.split('\n')).toEqual([
      'tapwatch: TENANT_ID: is required: the Entra tenant id (a GUID)',
      expect.stringMatching(
        /^tapwatch: POLL_SCHEDULE: expected a 6-field NCRONTAB expression .*has 5 fields, not 6$/,
      ),
      'tapwatch: TEAMS_WORKFLOW_URL: must not carry user:password@ (value not shown: it is a secret)',
      '',
    ]);
    expect(stderr).not.toContain('SECRET@');
  });
});
