import { permissionRefusal } from '../../../src/sim/graph-permission-table';

describe('simulated Graph authorization', () => {
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
});
