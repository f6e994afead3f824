import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { GRAPH_PERMISSIONS } from '../../../src/graph/graph-permissions';
import { createBicepParser, declared, literalString, parseBicep } from './bicep-tree';

// The Azure CLI and Microsoft Graph cannot run here, so `az` is a stand-in answering from a fake
// tenant (test/fixtures/infra/fake-az/az); the script itself runs for real under bash.
const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'grant-graph-permissions.sh');
const FAKE_AZ = join(ROOT, 'test', 'fixtures', 'infra', 'fake-az');
const PRINCIPAL = '5f0c6a57-2d7e-4c1b-9a55-3b1d2f6e8c90';
const GRAPH_SP = 'aaaaaaaa-0000-0000-0000-000000000001';
const PERMISSIONS_FILE = join(ROOT, 'src', 'graph', 'graph-permissions.json');
const NAMES = GRAPH_PERMISSIONS.map((p) => p.name);
/** The fake tenant's app role ids (distinct from the real ones, so a hard-coded real id would show). */
const ROLE_IDS: Record<string, string> = Object.fromEntries(
  NAMES.map((name, i) => [name, `bbbbbbbb-0000-0000-0000-${String(i + 1).padStart(12, '0')}`]),
);

let scratch: string;
let parser: Parser;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'tapwatch-grant-'));
  parser = await createBicepParser();
});

afterAll(() => {
  parser.delete();
  rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Every az invocation, in order. */
  calls: string[][];
}

function grant(
  args: string[],
  tenant: { held?: string[]; roles?: Record<string, string>; permissionsFile?: string } = {},
): Run {
  const log = join(scratch, `az-${Math.random().toString(36).slice(2)}.log`);
  const roles = Object.entries(tenant.roles ?? ROLE_IDS).map(([name, id]) => `${name}=${id}`);
  const result = spawnSync('bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${FAKE_AZ}${delimiter}${process.env.PATH ?? ''}`,
      FAKE_AZ_LOG: log,
      FAKE_AZ_HELD: (tenant.held ?? []).join(','),
      FAKE_AZ_ROLES: roles.join(','),
      ...(tenant.permissionsFile ? { PERMISSIONS_FILE: tenant.permissionsFile } : {}),
    },
  });
  let calls: string[][] = [];
  try {
    calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string[]);
  } catch {
    // No log file: az was never called.
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
}

const posts = (run: Run) =>
  run.calls
    .filter((c) => c[c.indexOf('--method') + 1] === 'post')
    .map((c) => JSON.parse(c[c.indexOf('--body') + 1] ?? '{}') as Record<string, string>);

describe('scripts/grant-graph-permissions.sh', () => {
  it('grants only the Graph app roles the identity does not hold yet', () => {
    // Act
    const run = grant([PRINCIPAL], { held: [ROLE_IDS['AuditLog.Read.All'] ?? ''] });

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('already granted: AuditLog.Read.All');
    expect(posts(run)).toEqual(
      NAMES.filter((name) => name !== 'AuditLog.Read.All').map((role) => ({
        principalId: PRINCIPAL,
        resourceId: GRAPH_SP,
        appRoleId: ROLE_IDS[role],
      })),
    );
  });

  it('changes nothing when every role is already granted', () => {
    // Act
    const run = grant([PRINCIPAL], { held: Object.values(ROLE_IDS) });

    // Assess
    expect(run.status).toBe(0);
    expect(posts(run)).toEqual([]);
    expect(run.stdout.match(/already granted/g)).toHaveLength(NAMES.length);
  });

  it('reports what it would grant with --dry-run and grants nothing', () => {
    // Act
    const run = grant([PRINCIPAL, '--dry-run']);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout.match(/would grant/g)).toHaveLength(NAMES.length);
    expect(posts(run)).toEqual([]);
  });

  it('refuses a principal id that is not a GUID before calling az', () => {
    // Act
    const run = grant(["x','resourceId':'evil"]);

    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^usage:/);
    expect(run.calls).toEqual([]);
  });

  it('grants nothing when Microsoft Graph lacks one of the permissions', () => {
    // Prepare
    const { 'RoleEligibilitySchedule.Read.Directory': _missing, ...roles } = ROLE_IDS;

    // Act
    const run = grant([PRINCIPAL], { roles });

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('no application permission named RoleEligibilitySchedule.Read.Directory');
    expect(posts(run)).toEqual([]);
  });

  it('refuses a permission list whose names could reach the az query, before calling az', () => {
    // Prepare
    const file = join(scratch, 'evil-permissions.json');
    writeFileSync(file, JSON.stringify({ permissions: [{ name: "AuditLog.Read.All' || true || '" }] }));

    // Act
    const run = grant([PRINCIPAL, '--dry-run'], { permissionsFile: file });

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/is not a permission name/);
    expect(run.calls).toEqual([]);
  });

  it('grants exactly the app roles graph-permissions.bicep grants: both read src/graph/graph-permissions.json', () => {
    // Prepare
    const path = join(ROOT, 'infra', 'modules', 'graph-permissions.bicep');
    const bicep = parseBicep(parser, path);
    const load = declared(bicep, 'variable_declaration', 'graphPermissions');
    const loaded = literalString(load?.childForFieldName('arguments')?.namedChildren[0]);
    const roles = declared(bicep, 'variable_declaration', 'graphAppRoles');

    // Act
    const run = grant([PRINCIPAL, '--dry-run']);
    const fromScript = [...run.stdout.matchAll(/would grant: (\S+)/g)].map((m) => m[1]);

    // Assess
    expect(load?.childForFieldName('function')?.text).toBe('loadJsonContent');
    expect(resolve(dirname(path), loaded ?? '')).toBe(PERMISSIONS_FILE);
    expect(roles?.text).toBe('map(graphPermissions.permissions, p => p.name)');
    expect(bicep.root.text).toContain('for role in graphAppRoles:');
    expect(fromScript).toEqual(NAMES);
  });
});
