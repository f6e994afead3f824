import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDirectory } from '../../../src/directory/build-directory';
import { parseSnapshot, readSnapshotFile } from '../../../src/directory/snapshot-file';
import { InputError } from '../../../src/errors';
import { NOW } from '../../../src/rules/builders';

const FIXTURE = join(__dirname, '../../fixtures/directory/contoso-roles.json');

describe('readSnapshotFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tapwatch-snapshot-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a role snapshot that answers directory questions', async () => {
    // Act
    const snapshot = await readSnapshotFile(FIXTURE);
    const directory = buildDirectory(snapshot, { privilegedRoleIds: [], syncAccountPatterns: [], now: NOW });

    // Assess
    expect(snapshot).not.toHaveProperty('directoryAudits');
    expect(directory.privilegedRolesOf('11111111-0000-4000-8000-000000000007')[0]?.via).toBe(
      'group:Tier0 Admins',
    );
    expect(directory.privilegedRolesOf('11111111-0000-4000-8000-000000000006')[0]?.name).toBe(
      'Contoso Tier1 Admin',
    );
    expect(
      directory.mayIssueTap('11111111-0000-4000-8000-000000000002', '11111111-0000-4000-8000-000000000004')
        .allowed,
    ).toBe(true);
    expect(
      directory.mayIssueTap('11111111-0000-4000-8000-000000000002', '11111111-0000-4000-8000-000000000003')
        .allowed,
    ).toBe(false);
    expect(directory.syncAccountMatch({ id: '11111111-0000-4000-8000-000000000005' })?.kind).toBe('role');
  });

  it('names the file when it is not JSON', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{ "users": [ ');

    await expect(readSnapshotFile(path)).rejects.toThrow(`${path}: not valid JSON (`);
  });

  it('names the file when it cannot be read', async () => {
    const path = join(dir, 'missing.json');

    await expect(readSnapshotFile(path)).rejects.toThrow(`${path}: cannot read snapshot file (ENOENT)`);
  });

  it('returns a tenant snapshot when the file carries directory audits', async () => {
    const path = join(dir, 'tenant.json');
    await writeFile(
      path,
      JSON.stringify({ tenantId: 'contoso', directoryAudits: [{ id: 'a1' }], users: [] }),
    );

    const tenant = await readSnapshotFile(path);

    expect(tenant).toMatchObject({
      tenantId: 'contoso',
      directoryAudits: [{ id: 'a1' }],
      roleAssignments: [],
    });
  });
});

describe('parseSnapshot', () => {
  it('treats missing arrays as empty and accepts saved Graph pages', () => {
    const parsed = parseSnapshot(
      { users: { value: [{ id: 'u1', userPrincipalName: 'u1@contoso.com' }] }, eligibilityAvailable: false },
      'snap.json',
    );

    expect(parsed).toEqual({
      roleDefinitions: [],
      roleAssignments: [],
      roleEligibilityScheduleInstances: [],
      groups: [],
      users: [{ id: 'u1', userPrincipalName: 'u1@contoso.com', displayName: null }],
      eligibilityAvailable: false,
    });
  });

  it("reads a tenant's licence and service-principal members, and refuses an unknown licence", () => {
    const tenant = {
      licence: 'p1',
      directoryAudits: [],
      groups: [
        {
          id: 'g1',
          displayName: 'Tier0',
          members: [{ '@odata.type': '#microsoft.graph.servicePrincipal', id: 'sp1', appId: 'app1' }],
        },
      ],
    };

    const parsed = parseSnapshot(tenant, 't.json');

    expect(parsed).toMatchObject({
      licence: 'p1',
      groups: [
        { members: [{ '@odata.type': '#microsoft.graph.servicePrincipal', id: 'sp1', appId: 'app1' }] },
      ],
    });
    expect(() => parseSnapshot({ ...tenant, licence: 'e5' }, 't.json')).toThrow(
      't.json: licence must be "free", "p1" or "p2"',
    );
  });

  it('does not carry unknown properties into the snapshot', () => {
    const parsed = parseSnapshot(
      JSON.parse('{"users":[{"id":"u1","__proto__":{"admin":true},"extra":1}]}'),
      's',
    );

    expect(parsed.users[0]).toEqual({ id: 'u1', userPrincipalName: null, displayName: null });
    expect(Object.getPrototypeOf(parsed.users[0])).toBe(Object.prototype);
  });

  it.each([
    [[], 'snap.json: the top level must be a JSON object'],
    [{ roleAssignments: 'none' }, 'snap.json: roleAssignments must be an array'],
    [
      { roleAssignments: [{ id: 'r', principalId: 7, roleDefinitionId: 'x' }] },
      'snap.json: roleAssignments[0].principalId must be a non-empty string',
    ],
    [{ users: [null] }, 'snap.json: users[0] must be an object'],
    [
      { groups: [{ id: 'g', displayName: 'G', members: {} }] },
      'snap.json: groups[0].members must be an array',
    ],
    [
      { groups: [{ id: 'g', displayName: 'G', members: [{ id: 5 }] }] },
      'snap.json: groups[0].members[0].id must be a non-empty string',
    ],
    [
      { roleDefinitions: [{ id: 'd', displayName: 'D', isBuiltIn: 'yes' }] },
      'snap.json: roleDefinitions[0].isBuiltIn must be true, false or null',
    ],
    [
      {
        roleEligibilityScheduleInstances: [
          { id: 'e', principalId: 'p', roleDefinitionId: 'r', endDateTime: 5 },
        ],
      },
      'snap.json: roleEligibilityScheduleInstances[0].endDateTime must be a string or null',
    ],
    [{ directoryAudits: {} }, 'snap.json: directoryAudits must be an array'],
  ])('rejects %j with a one-line error naming the field', (json, message) => {
    expect(() => parseSnapshot(json, 'snap.json')).toThrow(new InputError(message));
  });
});
