import { PERMISSION_PROBES, permissionCheck } from '../../../src/doctor/graph-checks';
import type { ProbeAnswer } from '../../../src/doctor/graph-probe';
import type { TokenIdentity } from '../../../src/doctor/token-claims';
import { GRAPH_PERMISSIONS as REQUIRED_GRAPH_PERMISSIONS } from '../../../src/graph/graph-permissions';

const probeOf = (permission: string) => {
  const probe = PERMISSION_PROBES.find((p) => p.permission === permission);
  if (!probe) throw new Error(`no probe for ${permission}`);
  return probe;
};
const app = (roles: string[]): TokenIdentity => ({ kind: 'app', objectId: 'sp-1', roles });
const denied: ProbeAnswer = { ok: false, status: 403, code: 'Authorization_RequestDenied', message: 'x' };

describe('Graph permission checks', () => {
  it('has one probe for every permission tapwatch needs, and none for anything else', () => {
    // Act and Assess
    expect(PERMISSION_PROBES.map((p) => p.permission).sort()).toEqual(
      REQUIRED_GRAPH_PERMISSIONS.map((p) => p.name).sort(),
    );
  });

  it('probes audits with the cycle filter and $top=1, and never lists the whole directory', () => {
    // Act
    const now = new Date('2026-05-01T12:00:00Z');
    const paths = PERMISSION_PROBES.map((p) => p.path(now));

    // Assess
    expect(paths[0]).toMatch(
      /^\/auditLogs\/directoryAudits\?\$filter=.*activityDateTime%20ge%202026-05-01T11%3A00%3A00Z/,
    );
    expect(paths[0]).toContain('$top=1');
    expect(paths[1]).toBe('/users?$top=1&$select=id,userPrincipalName,displayName');
  });

  it('names the permission of the pair the token lacks when directoryAudits answers 403', () => {
    // Act
    const line = permissionCheck(probeOf('AuditLog.Read.All'), denied, app(['AuditLog.Read.All']));

    // Assess
    expect(line.status).toBe('fail');
    expect(line.detail).toMatch(/403 Authorization_RequestDenied: the identity lacks Directory\.Read\.All$/);
    expect(line.fix).toMatch(/^grant Directory\.Read\.All: scripts\/grant-graph-permissions\.sh sp-1 /);
  });

  it('names both permissions of the pair when the token roles are unknown', () => {
    // Act
    const line = permissionCheck(probeOf('AuditLog.Read.All'), denied, undefined);

    // Assess
    expect(line.detail).toMatch(/lacks AuditLog\.Read\.All and Directory\.Read\.All$/);
    expect(line.fix).toContain('<MANAGED_IDENTITY_PRINCIPAL_ID>');
  });

  it('treats a licence answer as authorized, and a bare 403 on eligibility as undecided', () => {
    // Prepare
    const eligibility = probeOf('RoleEligibilitySchedule.Read.Directory');

    // Act
    const licence = permissionCheck(
      eligibility,
      { ok: false, status: 400, code: 'AadPremiumLicenseRequired', message: 'x' },
      app([]),
    );
    const bare = permissionCheck(eligibility, { ok: false, status: 403, message: 'x' }, app([]));

    // Assess
    expect(licence.status).toBe('pass');
    expect(licence.detail).toContain('a licence answer rather than a permission refusal');
    expect(bare.status).toBe('degraded');
  });

  it.each([
    [{ ok: false, status: 401, code: 'InvalidAuthenticationToken', message: 'x' }, /GRAPH_BASE_URL/],
    [
      { ok: false, status: 0, message: 'GET /users failed with a network error after 3 retries' },
      /outbound HTTPS/,
    ],
    [{ ok: false, status: 503, message: 'GET /users failed with 503 after 3 retries' }, /outbound HTTPS/],
    [
      { ok: false, status: 400, code: 'BadRequest', message: 'GET /users failed with 400' },
      /report this line/,
    ],
  ] as const)('fails %j with a fix', (answer, fix) => {
    // Act
    const line = permissionCheck(probeOf('Directory.Read.All'), answer, app([]));

    // Assess
    expect(line.status).toBe('fail');
    expect(line.fix).toMatch(fix);
  });

  it('tells a delegated user how their own access works instead of the grant script', () => {
    // Act
    const line = permissionCheck(probeOf('Directory.Read.All'), denied, { kind: 'user', userName: 'ops' });

    // Assess
    expect(line.fix).toMatch(/^you are signed in as a user/);
    expect(line.fix).not.toContain('grant-graph-permissions');
  });
});
