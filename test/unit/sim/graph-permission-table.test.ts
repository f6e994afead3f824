import { permissionRefusal } from '../../../src/sim/graph-permission-table';
import { licenceRefusal } from '../../../src/sim/graph-simulator-licence';

describe('simulated Graph authorization and licences', () => {
  it.each([
    ['/auditLogs/directoryAudits', ['AuditLog.Read.All', 'Directory.Read.All'], undefined],
    ['/auditLogs/directoryAudits', ['AuditLog.Read.All'], 403],
    ['/roleManagement/directory/roleAssignments', ['Directory.Read.All'], undefined],
    [
      '/roleManagement/directory/roleEligibilityScheduleInstances',
      ['RoleManagement.Read.Directory'],
      undefined,
    ],
    ['/roleManagement/directory/roleEligibilityScheduleInstances', ['Directory.Read.All'], 403],
    ['/groups/g-1/members', ['GroupMember.Read.All'], undefined],
    ['/users', ['GroupMember.Read.All'], 403],
  ])('%s with %j → %s', (path, granted, status) => {
    // Act
    const refusal = permissionRefusal(path, granted);

    // Assess
    expect(refusal?.status).toBe(status);
    if (refusal) expect(refusal.code).toBe('Authorization_RequestDenied');
  });

  it('grants everything to a tenant that declares no permissions', () => {
    // Act and Assess
    expect(permissionRefusal('/auditLogs/directoryAudits', undefined)).toBeUndefined();
  });

  it.each([
    ['/roleManagement/directory/roleEligibilityScheduleInstances', 'p1', 400, 'AadPremiumLicenseRequired'],
    ['/roleManagement/directory/roleEligibilityScheduleInstances', 'free', 400, 'AadPremiumLicenseRequired'],
    ['/auditLogs/signIns', 'free', 403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant'],
  ] as const)('%s on a %s tenant answers %s %s', (path, licence, status, code) => {
    // Act
    const refusal = licenceRefusal(path, licence);

    // Assess
    expect(refusal).toMatchObject({ status, code });
  });

  it.each([
    ['/roleManagement/directory/roleEligibilityScheduleInstances', 'p2'],
    ['/auditLogs/signIns', 'p1'],
    ['/auditLogs/directoryAudits', 'free'],
  ] as const)('%s is served on a %s tenant', (path, licence) => {
    // Act and Assess
    expect(licenceRefusal(path, licence)).toBeUndefined();
  });
});
