import { buildDirectory } from '../../../src/directory/build-directory';
import { ROLE } from '../../../src/directory/role-catalog';
import type { RoleAssignment, RoleEligibilityInstance } from '../../../src/directory/snapshot';
import { assignment, eligibility, ID, NOW, snapshot } from '../../../src/rules/builders';

const ISSUER = ID.admin;
const TARGET = ID.user;
const AU = `/administrativeUnits/${ID.adminUnit}`;

type Grant = RoleAssignment | RoleEligibilityInstance;
const active = (principalId: string, role: string, scope = '/') => assignment(principalId, role, scope);
const eligible = (principalId: string, role: string) => eligibility(principalId, role);

function decide(grants: { active?: Grant[]; eligible?: Grant[] }, targetId: string = TARGET) {
  const directory = buildDirectory(
    snapshot({
      roleAssignments: grants.active ?? [],
      roleEligibilityScheduleInstances: grants.eligible ?? [],
    }),
    { privilegedRoleIds: [], syncAccountPatterns: [], now: NOW },
  );
  return directory.mayIssueTap(ISSUER, targetId);
}

describe('mayIssueTap', () => {
  it.each([
    ['Global Administrator', ROLE.globalAdministrator],
    ['Privileged Authentication Administrator', ROLE.privilegedAuthenticationAdministrator],
  ])('lets an active %s issue to any other user, a Global Administrator included', (name, role) => {
    // Prepare
    const grants = { active: [active(ISSUER, role), active(TARGET, ROLE.globalAdministrator)] };

    // Act
    const decision = decide(grants);

    // Assess
    expect(decision.allowed).toBe(true);
    expect(decision.reason).toBe(
      `${name} (active, direct, tenant-wide) may issue a Temporary Access Pass to any other user.`,
    );
    expect(decision.initiatorRoles.map((r) => r.name)).toEqual([name]);
  });

  it('refuses a Global Administrator issuing to themselves', () => {
    const decision = decide({ active: [active(ISSUER, ROLE.globalAdministrator)] }, ISSUER);

    expect(decision.allowed).toBe(false);
    expect(decision.reason).toMatch(/their own account/);
  });

  it('refuses a user who is only eligible for Global Administrator', () => {
    const decision = decide({ eligible: [eligible(ISSUER, ROLE.globalAdministrator)] });

    expect(decision.allowed).toBe(false);
    expect(decision.reason).toMatch(/holds Global Administrator \(eligible, tenant-wide\) only as eligible/);
    expect(decision.initiatorRoles).toEqual([]);
  });

  it.each([
    ['User Administrator', ROLE.userAdministrator],
    ['Helpdesk Administrator', ROLE.helpdeskAdministrator],
    ['Security Administrator', ROLE.securityAdministrator],
  ])('refuses an active %s', (_name, role) => {
    const decision = decide({ active: [active(ISSUER, role)] });

    expect(decision.allowed).toBe(false);
    expect(decision.reason).toMatch(/no active role that may issue/);
  });

  it('refuses a user with no role at all', () => {
    expect(decide({}).allowed).toBe(false);
  });

  describe('as Authentication Administrator', () => {
    const authAdmin = active(ISSUER, ROLE.authenticationAdministrator);

    it('may issue to a user with no role', () => {
      const decision = decide({ active: [authAdmin] });

      expect(decision).toMatchObject({
        allowed: true,
        reason: expect.stringMatching(/a user with no role\.$/),
      });
    });

    it('may issue to a user holding only Directory Readers', () => {
      const decision = decide({ active: [authAdmin, active(TARGET, ROLE.directoryReaders)] });

      expect(decision).toMatchObject({ allowed: true, reason: expect.stringMatching(/roles it may manage/) });
    });

    it('may issue to another Authentication Administrator or Password Administrator', () => {
      const decision = decide({
        active: [authAdmin, active(TARGET, ROLE.authenticationAdministrator)],
        eligible: [eligible(TARGET, ROLE.passwordAdministrator)],
      });

      expect(decision.allowed).toBe(true);
    });

    it('may not issue to an active Global Administrator', () => {
      const decision = decide({ active: [authAdmin, active(TARGET, ROLE.globalAdministrator)] });

      expect(decision.allowed).toBe(false);
      expect(decision.reason).toBe(
        'Authentication Administrator (active, direct, tenant-wide) may issue a Temporary Access Pass only to non-admin users, but the target holds Global Administrator (active, direct, tenant-wide).',
      );
    });

    it('may not issue to a user only eligible for Global Administrator', () => {
      const decision = decide({
        active: [authAdmin],
        eligible: [eligible(TARGET, ROLE.globalAdministrator)],
      });

      expect(decision.allowed).toBe(false);
      expect(decision.reason).toMatch(/target holds Global Administrator \(eligible, tenant-wide\)/);
    });

    it('when scoped to an administrative unit, may issue to a non-admin and says AU membership was assumed', () => {
      const decision = decide({ active: [active(ISSUER, ROLE.authenticationAdministrator, AU)] });

      expect(decision.allowed).toBe(true);
      expect(decision.reason).toMatch(/administrative unit whose membership tapwatch cannot see/);
    });
  });

  it('treats an AU-scoped Privileged Authentication Administrator as limited to non-admin targets', () => {
    const issuer = active(ISSUER, ROLE.privilegedAuthenticationAdministrator, AU);

    expect(decide({ active: [issuer] }).allowed).toBe(true);
    expect(decide({ active: [issuer, active(TARGET, ROLE.userAdministrator)] }).allowed).toBe(false);
  });
});
