import { buildDirectory } from '../../../src/directory/build-directory';
import { ROLE } from '../../../src/directory/role-catalog';
import { describeRole } from '../../../src/directory/role-text';
import {
  assignment,
  customRole,
  eligibility,
  ID,
  NOW,
  roleGroup,
  snapshot,
  user,
} from '../../../src/rules/builders';

const build = (
  data: Parameters<typeof snapshot>[0],
  options: { privilegedRoleIds?: string[]; now?: Date } = {},
) =>
  buildDirectory(snapshot(data), {
    privilegedRoleIds: options.privilegedRoleIds ?? [],
    syncAccountPatterns: [],
    now: options.now ?? NOW,
  });

describe('buildDirectory roles', () => {
  it('finds a direct tenant-wide assignment named by template id and marks it privileged', () => {
    // Prepare
    const directory = build({ roleAssignments: [assignment(ID.user, ROLE.globalAdministrator)] });

    // Act
    const roles = directory.rolesOf(ID.user);

    // Assess
    expect(roles).toEqual([
      {
        name: 'Global Administrator',
        templateId: ROLE.globalAdministrator,
        via: 'direct',
        scope: '/',
        active: true,
        privileged: true,
      },
    ]);
    expect(roles.map(describeRole)).toEqual(['Global Administrator (active, direct, tenant-wide)']);
  });

  it('gives members of a role-assignable group its roles, with the group name and AU scope', () => {
    const scope = `/administrativeUnits/${ID.adminUnit}`;
    const directory = build({
      groups: [roleGroup(ID.tier0Group, 'Tier0 Admins', [user(ID.user, 'user@contoso.com')])],
      roleAssignments: [assignment(ID.tier0Group, ROLE.userAdministrator, scope)],
    });

    const [role] = directory.privilegedRolesOf(ID.user);

    expect(role).toMatchObject({
      name: 'User Administrator',
      via: 'group:Tier0 Admins',
      scope,
      active: true,
    });
    expect(role && describeRole(role)).toBe(
      `User Administrator (active, group:Tier0 Admins, administrativeUnits/${ID.adminUnit})`,
    );
    expect(directory.rolesOf(ID.otherUser)).toEqual([]);
  });

  it('counts a PIM eligibility only inside its start and end window', () => {
    const data = {
      roleEligibilityScheduleInstances: [
        eligibility(ID.user, ROLE.privilegedRoleAdministrator),
        eligibility(ID.otherUser, ROLE.globalAdministrator, { endDateTime: '2026-11-19T00:00:00Z' }),
        eligibility(ID.admin, ROLE.globalAdministrator, { startDateTime: '2026-11-21T00:00:00Z' }),
      ],
    };

    const directory = build(data);

    expect(directory.rolesOf(ID.user)).toEqual([
      expect.objectContaining({
        name: 'Privileged Role Administrator',
        via: 'eligible',
        active: false,
        privileged: true,
      }),
    ]);
    expect(directory.rolesOf(ID.otherUser)).toEqual([]);
    expect(directory.rolesOf(ID.admin)).toEqual([]);
    expect(build(data, { now: new Date('2026-11-18T00:00:00Z') }).rolesOf(ID.otherUser)).toHaveLength(1);
  });

  it('gives members of an eligible group the role as eligible', () => {
    const directory = build({
      groups: [roleGroup(ID.tier0Group, 'PIM Tier0', [user(ID.user, 'user@contoso.com')])],
      roleEligibilityScheduleInstances: [eligibility(ID.tier0Group, ROLE.globalAdministrator)],
    });

    expect(directory.rolesOf(ID.user)).toEqual([expect.objectContaining({ via: 'eligible', active: false })]);
  });

  it('resolves custom roles by definition id and treats "admin" names as privileged', () => {
    const adminRole = '9a000000-0000-4000-8000-000000000001';
    const readerRole = '9a000000-0000-4000-8000-000000000002';
    const directory = build({
      roleDefinitions: [
        customRole(adminRole, 'Contoso Tier1 ADMIN'),
        customRole(readerRole, 'Contoso Auditors'),
      ],
      roleAssignments: [assignment(ID.user, adminRole), assignment(ID.otherUser, readerRole)],
    });

    expect(directory.privilegedRolesOf(ID.user)).toEqual([
      expect.objectContaining({ name: 'Contoso Tier1 ADMIN', templateId: adminRole }),
    ]);
    expect(directory.rolesOf(ID.otherUser)).toEqual([expect.objectContaining({ privileged: false })]);
  });

  it('resolves a built-in role named by its definition id when that differs from the template id', () => {
    const definitionId = '0f000000-0000-4000-8000-000000000001';
    const directory = build({
      roleDefinitions: [
        {
          id: definitionId,
          templateId: ROLE.helpdeskAdministrator,
          displayName: 'Helpdesk Administrator',
          isBuiltIn: true,
        },
      ],
      roleAssignments: [assignment(ID.user, definitionId)],
    });

    expect(directory.rolesOf(ID.user)).toEqual([
      expect.objectContaining({
        name: 'Helpdesk Administrator',
        templateId: ROLE.helpdeskAdministrator,
        privileged: true,
      }),
    ]);
  });

  it('adds PRIVILEGED_ROLE_IDS to the privileged set, matched by template or definition id', () => {
    const directory = build(
      {
        roleAssignments: [
          assignment(ID.user, ROLE.globalReader),
          assignment(ID.otherUser, ROLE.securityReader),
        ],
      },
      { privilegedRoleIds: [ROLE.globalReader.toUpperCase()] },
    );

    expect(directory.privilegedRolesOf(ID.user)).toHaveLength(1);
    expect(directory.privilegedRolesOf(ID.otherUser)).toEqual([]);
  });

  it('looks principals up regardless of GUID case and falls back to group members for user details', () => {
    const directory = build({
      groups: [roleGroup(ID.tier0Group, 'Tier0 Admins', [user(ID.otherUser, 'member@contoso.com')])],
      users: [user(ID.user, 'user@contoso.com', 'Plain User')],
      roleAssignments: [assignment(ID.user.toUpperCase(), ROLE.globalAdministrator)],
    });

    expect(directory.rolesOf(ID.user)).toHaveLength(1);
    expect(directory.user(ID.user.toUpperCase())?.displayName).toBe('Plain User');
    expect(directory.user(ID.otherUser)?.userPrincipalName).toBe('member@contoso.com');
  });

  it('reports eligibility as unavailable when the snapshot says so', () => {
    expect(build({ eligibilityAvailable: false }).eligibilityAvailable).toBe(false);
    expect(build({}).eligibilityAvailable).toBe(true);
  });

  it('indexes a large tenant so each lookup touches only the principal asked about', () => {
    // 100k users, 500 assignments (the Entra maximum of role-assignable groups is also 500).
    const users = Array.from({ length: 100_000 }, (_, i) =>
      user(`u${i.toString().padStart(6, '0')}`, `user${i}@contoso.com`),
    );
    const roleAssignments = users.slice(0, 500).map((u) => assignment(u.id, ROLE.userAdministrator));
    const directory = build({ users, roleAssignments });

    expect(directory.rolesOf('u000499')).toHaveLength(1);
    expect(directory.rolesOf('u000500')).toEqual([]);
    expect(directory.user('u099999')?.userPrincipalName).toBe('user99999@contoso.com');
  });
});
