import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../../src/rules/finding';
import { methodDeleted, tapCreated } from '../../../src/sim/audit-builders';
import { createPrng, hashSeed, stableUuid } from '../../../src/sim/prng';
import { SAMPLE_PEOPLE } from '../../../src/sim/sample-tenant-directory';
import { AUDIT_FIXTURES, runCli } from './run-cli';

/** The chain fixtures, as the scan (whose cwd is the audit fixtures) names them. */
const chain = (name: string) => join('..', 'chain', name);
const SIGN_IN_SHAPES = ['graph', 'log-analytics', 'azure-monitor'] as const;
const ROLES = ['--directory', 'directory.json'];

/** What a finding says about its chain, without the time it was scanned. */
function story(f: Finding) {
  return {
    target: f.target.userPrincipalName,
    severity: f.severity,
    rules: f.rules.map((r) => r.id).sort(),
    timeline: (f.timeline ?? []).map((e) => [e.kind, e.time, e.auditId ?? e.signInId]),
  };
}

async function scan(...files: string[]): Promise<ReturnType<typeof story>[]> {
  const { code, stdout, stderr } = await runCli(['scan', ...ROLES, '--format', 'json', ...files]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(stdout) as Finding[])
    .map(story)
    .sort((a, b) => a.target?.localeCompare(b.target ?? '') ?? 0);
}

const GRACE_CHAIN = {
  target: 'grace.admin@contoso.com',
  severity: 'critical',
  rules: [
    'tap-initiator-not-authorized',
    'tap-issued',
    'tap-method-registered',
    'tap-persistence',
    'tap-privileged-target',
    'tap-signin',
  ],
  timeline: [
    [
      'tap-issued',
      '2026-11-20T10:00:00Z',
      'Authentication Methods_5a1b2c3d-0000-4000-8000-00000000d001_TAPGR_1',
    ],
    ['tap-signin', '2026-11-20T10:10:00Z', 'c4a1e2f3-0000-4000-8000-0000000051a1'],
    [
      'method-registered',
      '2026-11-20T10:20:00Z',
      'Authentication Methods_5a1b2c3d-0000-4000-8000-00000000e001_PASSK_1',
    ],
  ],
};
/** Ivy's passkey came after her TAP expired: nothing links, her finding keeps its TAP rules. */
const IVY_UNLINKED = {
  target: 'ivy.late@contoso.com',
  severity: 'high',
  rules: ['tap-initiator-not-authorized', 'tap-issued'],
  timeline: [],
};

describe('tapwatch scan correlating chain records', () => {
  it.each(SIGN_IN_SHAPES)(
    'links a %s sign-in export given before the audit file: TAP to an admin, sign-in, passkey → tap-persistence critical',
    async (shape) => {
      // Act
      const findings = await scan(chain(`signins.${shape}.json`), chain('audits.jsonl'));

      // Assess
      expect(findings).toEqual([GRACE_CHAIN, IVY_UNLINKED]);
    },
  );

  it('rates the same records the same whichever file comes first, JSON array or JSON Lines', async () => {
    // Act
    const auditsFirst = await scan(chain('audits.graph.json'), chain('signins.graph.json'));
    const signInsFirst = await scan(chain('signins.azure-monitor.json'), chain('audits.graph.json'));
    const lines = await scan(chain('audits.jsonl'), chain('signins.log-analytics.json'));

    // Assess
    expect(auditsFirst).toEqual([GRACE_CHAIN, IVY_UNLINKED]);
    expect(signInsFirst).toEqual(auditsFirst);
    expect(lines).toEqual(auditsFirst);
  });

  it('links sign-ins and audit records mixed in one input read from stdin, sign-ins last', async () => {
    // Prepare
    const read = (name: string) => readFileSync(join(AUDIT_FIXTURES, chain(name)), 'utf8');
    const signIns = (JSON.parse(read('signins.log-analytics.json')) as unknown[]).map((r) =>
      JSON.stringify(r),
    );
    const stdin = `${read('audits.jsonl')}${signIns.join('\n')}\n`;

    // Act
    const { code, stdout } = await runCli(['scan', ...ROLES, '--format', 'json'], { stdin });

    // Assess
    expect(code).toBe(0);
    const findings = (JSON.parse(stdout) as Finding[]).map(story);
    expect(findings.sort((a, b) => (a.target ?? '').localeCompare(b.target ?? ''))).toEqual([
      GRACE_CHAIN,
      IVY_UNLINKED,
    ]);
  });

  it('links chain records read from a pipe, which cannot be read twice', async () => {
    // Prepare
    const fifo = join(mkdtempSync(join(tmpdir(), 'tapwatch-fifo-')), 'audits.pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = writeFile(fifo, readFileSync(join(AUDIT_FIXTURES, chain('audits.jsonl'))));

    // Act
    const findings = await scan(chain('signins.graph.json'), fifo);
    await writer;

    // Assess
    expect(findings).toEqual([GRACE_CHAIN, IVY_UNLINKED]);
  });

  it('without the sign-ins still links the passkey, and the table counts the chain records about TAP targets (the late passkey too)', async () => {
    // Act
    const { code, stdout } = await runCli(['scan', ...ROLES, chain('audits.jsonl')]);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(/^critical .*grace\[\.\]admin.*tap-persistence/m);
    expect(stdout).toMatch(/\(5 records in 1 input, 2 TAP events, 2 chain events\)/);
  });

  it('links a method deleted 40 minutes before the TAP whichever file comes first (tap-victim-methods-removed)', async () => {
    // Prepare: the deletion and the TAP in separate JSON Lines files
    const folder = mkdtempSync(join(tmpdir(), 'tapwatch-wipe-'));
    const victim = SAMPLE_PEOPLE.henrietta;
    const admin = { user: SAMPLE_PEOPLE.authAdmin, ipAddress: '198.51.100.7' };
    const tapAt = Date.parse('2026-11-20T10:00:00Z');
    const rng = (label: string) => createPrng(hashSeed(`scan-wipe:${label}`));
    const deletions = join(folder, 'deletions.jsonl');
    const taps = join(folder, 'taps.jsonl');
    await writeFile(
      deletions,
      `${JSON.stringify(methodDeleted({ rng: rng('del'), at: tapAt - 40 * 60_000, kind: 'phone', target: victim, admin }))}\n`,
    );
    await writeFile(
      taps,
      `${JSON.stringify(
        tapCreated({
          rng: rng('tap'),
          at: tapAt,
          initiator: admin,
          target: victim,
          tap: { id: stableUuid('scan-wipe:tap'), lifetimeMinutes: 60 },
        }),
      )}\n`,
    );

    // Act
    const deletionsFirst = await scan(deletions, taps);
    const tapsFirst = await scan(taps, deletions);

    // Assess
    expect(deletionsFirst).toHaveLength(1);
    expect(deletionsFirst[0]?.rules).toContain('tap-victim-methods-removed');
    expect(deletionsFirst[0]?.timeline.map(([kind]) => kind)).toEqual(['method-deleted', 'tap-issued']);
    expect(tapsFirst).toEqual(deletionsFirst);
  });

  it('counts and reports a chain record that names no user with its audit id, from a file and from stdin', async () => {
    // Prepare: a TAP to Henrietta, and her own deletion of her phone whose record lists no target user
    // (it names her account as the initiator, so the file's second read parses it)
    const folder = mkdtempSync(join(tmpdir(), 'tapwatch-malformed-'));
    const victim = SAMPLE_PEOPLE.henrietta;
    const tapAt = Date.parse('2026-11-20T10:00:00Z');
    const rng = (label: string) => createPrng(hashSeed(`scan-malformed:${label}`));
    const tap = tapCreated({
      rng: rng('tap'),
      at: tapAt,
      initiator: { user: SAMPLE_PEOPLE.authAdmin, ipAddress: '198.51.100.7' },
      target: victim,
      tap: { id: stableUuid('scan-malformed:tap'), lifetimeMinutes: 60 },
    });
    const wipe = {
      ...methodDeleted({ rng: rng('del'), at: tapAt - 10 * 60_000, kind: 'phone', target: victim }),
      targetResources: [],
    };
    const lines = `${JSON.stringify(tap)}\n${JSON.stringify(wipe)}\n`;
    const file = join(folder, 'audits.jsonl');
    await writeFile(file, lines);
    const expected = `tapwatch: skipped 1 malformed record in %s (first at line 2, audit id ${wipe.id}: security-info record that names no user account)\n`;

    // Act
    const fromFile = await runCli(['scan', '--format', 'json', file]);
    const fromStdin = await runCli(['scan', '--format', 'json'], { stdin: lines });

    // Assess
    expect(fromFile.stderr).toBe(expected.replace('%s', file));
    expect(fromStdin.stderr).toBe(expected.replace('%s', 'stdin'));
    expect(fromFile.code).toBe(0);
    expect((JSON.parse(fromFile.stdout) as Finding[]).map((f) => f.tap.id)).toEqual([
      tap.targetResources[0] && stableUuid('scan-malformed:tap'),
    ]);
  });

  it('says in its help which chain records it correlates and which sign-in shapes it reads', async () => {
    // Act
    const { stdout } = await runCli(['scan', '--help']);

    // Assess
    expect(stdout).toMatch(/SigninLogs/);
    expect(stdout).toMatch(/tap-persistence/);
    expect(stdout).toMatch(/in any\s+order/);
  });
});
