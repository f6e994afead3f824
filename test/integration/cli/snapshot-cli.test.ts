import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorLine, main } from '../../../src/cli/main';
import { makeSnapshotCommand } from '../../../src/cli/snapshot';
import { readSnapshotFile } from '../../../src/directory/snapshot-file';
import { createGraphClient } from '../../../src/graph/graph-client';
import type { Finding } from '../../../src/rules/finding';
import { type GraphSimulator, startGraphSimulator } from '../../../src/sim/graph-simulator';
import {
  buildSampleTenant,
  SAMPLE_TENANT_EXPECTATIONS,
  SAMPLE_TENANT_SETTINGS,
} from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { staticCredential } from '../../../src/sim/static-credential';
import { captureIo } from '../../support/capture-io';

const TOKEN = 'snapshot-test-token';
const TENANT_ID = '11111111-2222-3333-4444-555555555555';

describe('tapwatch snapshot --out FILE (against the HTTPS Graph simulator)', () => {
  let sim: GraphSimulator;
  let folder: string;
  const tenant = shiftAuditTimes(buildSampleTenant(), new Date(), 5);
  const snapshot = makeSnapshotCommand((config) =>
    createGraphClient({ baseUrl: config.graphBaseUrl, credential: staticCredential(TOKEN), ca: sim.ca }),
  );
  const io = () => {
    const captured = captureIo({ TENANT_ID, GRAPH_BASE_URL: sim.baseUrl, ...SAMPLE_TENANT_SETTINGS });
    captured.cwd = folder;
    return captured;
  };

  beforeAll(async () => {
    sim = await startGraphSimulator({ tenant, token: TOKEN });
    folder = mkdtempSync(join(tmpdir(), 'tapwatch-snapshot-'));
  });
  afterAll(async () => {
    await sim.close();
    rmSync(folder, { recursive: true, force: true });
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.resetCounts();
  });

  it('writes the role data a scan needs, readable by the scan, with only read requests', async () => {
    // Act
    const run = io();
    const code = await snapshot(['--out', 'roles.json'], run);

    // Assess
    expect(code).toBe(0);
    const file = join(folder, 'roles.json');
    const written = await readSnapshotFile(file);
    expect(written.roleDefinitions.length).toBeGreaterThan(0);
    expect(written.roleAssignments.length).toBeGreaterThan(0);
    expect(written.eligibilityAvailable).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      tenantId: TENANT_ID,
      graphBaseUrl: sim.baseUrl,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(sim.received().every((r) => r.method === 'GET' || r.path === '/$batch')).toBe(true);
    expect(run.err()).toMatch(
      /^tapwatch: wrote roles\.json: \d+ role definitions, \d+ active assignments, \d+ eligible, \d+ role-holding groups \(\d+ members\), \d+ users; \d+ Graph requests\n$/,
    );
  });

  it('lets an offline scan of the same audit and sign-in logs rate every finding as the detection cycle does', async () => {
    // Prepare
    await snapshot(['--out', 'scan-roles.json'], io());
    writeFileSync(join(folder, 'audits.json'), JSON.stringify(tenant.directoryAudits));
    writeFileSync(join(folder, 'signins.json'), JSON.stringify({ value: tenant.signIns ?? [] }));

    // Act: sign-ins first, to show the order does not matter.
    const without = captureIo({ ...SAMPLE_TENANT_SETTINGS });
    without.cwd = folder;
    await main(['scan', 'signins.json', 'audits.json', '--format', 'json'], without);
    const withRoles = captureIo({ ...SAMPLE_TENANT_SETTINGS });
    withRoles.cwd = folder;
    const code = await main(
      ['scan', 'signins.json', 'audits.json', '--directory', 'scan-roles.json', '--format', 'json'],
      withRoles,
    );

    // Assess: chain rules included (the sample's passkey after a TAP to an admin is critical).
    expect(code).toBe(0);
    const rated = (out: string) =>
      (JSON.parse(out) as Finding[]).map((f) => `${f.tap.id} ${f.severity}`).sort();
    const expected = SAMPLE_TENANT_EXPECTATIONS.map((e) => `${e.tapId} ${e.severity}`);
    expect(rated(withRoles.out())).toEqual(expected.sort());
    expect(rated(without.out())).not.toEqual(rated(withRoles.out()));
  });

  it('says so and marks the file when eligibility cannot be read (no P2), still exporting active roles', async () => {
    // Prepare
    sim.faults.add({ path: /roleEligibility/, kind: '403', times: Number.POSITIVE_INFINITY });

    // Act
    const run = io();
    const code = await snapshot(['--out', 'p1.json'], run);

    // Assess
    expect(code).toBe(0);
    const written = await readSnapshotFile(join(folder, 'p1.json'));
    expect(written.eligibilityAvailable).toBe(false);
    expect(written.roleAssignments.length).toBeGreaterThan(0);
    expect(run.err()).toMatch(
      /^tapwatch: warning: PIM eligibility unavailable \(403 Authorization_RequestDenied\): .*only active roles were considered$/m,
    );
  });

  it('fails naming the Graph request and endpoint, and leaves no file, when role assignments are refused', async () => {
    // Prepare
    sim.faults.add({ path: '/roleManagement/directory/roleAssignments', kind: '403' });

    // Act
    const error = (await snapshot(['--out', 'refused.json'], io()).catch((e: unknown) => e)) as Error;

    // Assess
    expect(errorLine(error)).toBe(
      `tapwatch: GET /roleManagement/directory/roleAssignments failed with 403 Authorization_RequestDenied: Insufficient privileges to complete the operation. (Graph at ${sim.baseUrl}/v1.0)`,
    );
    expect(errorLine(error)).not.toContain(TOKEN);
    expect(() => statSync(join(folder, 'refused.json'))).toThrow();
  });

  it('refuses to replace an existing file unless --force', async () => {
    // Prepare
    writeFileSync(join(folder, 'keep.json'), 'mine');

    // Act
    const refused = io();
    const refusedCode = await main(['snapshot', '--out', 'keep.json'], refused);
    const forced = io();
    const forcedCode = await snapshot(['--out', 'keep.json', '--force'], forced);

    // Assess
    expect(refusedCode).toBe(2);
    expect(refused.err()).toBe('tapwatch: keep.json exists: pass --force to replace it\n');
    expect(forcedCode).toBe(0);
    expect(readFileSync(join(folder, 'keep.json'), 'utf8')).toMatch(/^\{/);
  });
});
