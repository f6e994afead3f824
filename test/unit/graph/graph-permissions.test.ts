import { GRAPH_PERMISSIONS, GRAPH_RESOURCE_APP_ID } from '../../../src/graph/graph-permissions';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the Graph permission list', () => {
  it('holds what Microsoft lists for each call tapwatch makes, and nothing that writes', () => {
    // Act
    const names = GRAPH_PERMISSIONS.map((p) => p.name);

    // Assess
    expect(names).toEqual([
      'AuditLog.Read.All',
      'Directory.Read.All',
      'RoleManagement.Read.Directory',
      'RoleEligibilitySchedule.Read.Directory',
    ]);
    expect(names.filter((n) => /write/i.test(n))).toEqual([]);
    expect(GRAPH_RESOURCE_APP_ID).toBe('00000003-0000-0000-c000-000000000000');
  });

  it('pairs AuditLog.Read.All with Directory.Read.All for directoryAudits and signIns, as both tables do', () => {
    // Act
    const holders = (request: string) =>
      GRAPH_PERMISSIONS.filter((p) => p.calls.some((c) => c.request === request)).map((p) => p.name);

    // Assess
    expect(holders('GET /v1.0/auditLogs/directoryAudits')).toEqual([
      'AuditLog.Read.All',
      'Directory.Read.All',
    ]);
    expect(holders('GET /beta/auditLogs/signIns')).toEqual(['AuditLog.Read.All', 'Directory.Read.All']);
  });

  it('gives every permission a unique app role id, the calls that need it and a Microsoft page for each', () => {
    // Act
    const offenders = GRAPH_PERMISSIONS.flatMap((p) => {
      const problems: string[] = [];
      if (!GUID.test(p.appRoleId)) problems.push(`${p.name}: app role id ${p.appRoleId}`);
      if (p.calls.length === 0) problems.push(`${p.name}: no call`);
      for (const call of p.calls) {
        if (!/^GET \/\S+$/.test(call.request)) problems.push(`${p.name}: request ${call.request}`);
        if (!call.doc.startsWith('https://learn.microsoft.com/graph/'))
          problems.push(`${p.name}: doc ${call.doc}`);
        if (!call.purpose) problems.push(`${p.name}: no purpose for ${call.request}`);
      }
      return problems;
    });
    const ids = GRAPH_PERMISSIONS.map((p) => p.appRoleId);

    // Assess
    expect(offenders).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the app role ids Microsoft publishes for the permissions', () => {
    // Prepare: https://learn.microsoft.com/graph/permissions-reference (application ids).
    const published: Record<string, string> = {
      'AuditLog.Read.All': 'b0afded3-3588-46d8-8b3d-9842eff778da',
      'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
      'RoleManagement.Read.Directory': '483bed4a-2ad3-4361-a73b-c83ccdbdc53c',
      'RoleEligibilitySchedule.Read.Directory': 'ff278e11-4a33-4d0c-83d2-d01dc58929a5',
    };

    // Act
    const ids = Object.fromEntries(GRAPH_PERMISSIONS.map((p) => [p.name, p.appRoleId]));

    // Assess
    expect(ids).toEqual(published);
  });
});
