import { createGraphHttp } from '../../../src/graph/graph-http';
import { GRAPH_PERMISSIONS } from '../../../src/graph/graph-permissions';
import { PERMISSION_PROBES, probePermissions } from '../../../src/graph/permission-probes';
import { ThrottleBudget } from '../../../src/graph/throttle-budget';
import { buildTenant } from '../../fixtures/graph/tenant-builder';
import { type Harness, startHarness } from './graph-harness';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('permission probes against the simulator', () => {
  it('probes only permissions the deployment grants, and every one of them', () => {
    const granted = GRAPH_PERMISSIONS.map((p) => p.name).sort();
    const probed = [...new Set(PERMISSION_PROBES.flatMap((p) => p.permissions))].sort();
    expect(probed).toEqual(granted);
  });

  let h: Harness;
  const probe = async () => {
    const http = createGraphHttp({ client: h.client, budget: new ThrottleBudget(0, async () => {}) });
    const results = await probePermissions(http, NOW);
    return Object.fromEntries(results.map((r) => [r.probe.call, r.outcome]));
  };

  beforeAll(async () => {
    h = await startHarness(buildTenant({}));
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.faults.clear();
    h.sim.resetCounts();
    h.sim.setTenant(buildTenant({}));
  });

  it('passes every probe on a P2 tenant with every permission, one small request each', async () => {
    // Act
    const outcomes = await probe();

    // Assess
    expect(Object.values(outcomes)).toEqual(PERMISSION_PROBES.map(() => ({ status: 'ok' })));
    const tops = h.sim
      .received()
      .filter((r) => r.path !== '/roleManagement/directory/roleAssignments' || r.query.$top);
    expect(tops.every((r) => r.query.$top === '1')).toBe(true);
  });

  it('reports a P1 tenant as unlicensed for eligibility, not as a missing permission', async () => {
    // Prepare
    h.sim.setTenant(buildTenant({ licence: 'p1' }));

    // Act
    const outcomes = await probe();

    // Assess
    expect(outcomes['GET /roleManagement/directory/roleEligibilityScheduleInstances']).toMatchObject({
      status: 'unlicensed',
      gap: { status: 400, code: 'AadPremiumLicenseRequired' },
    });
    expect(outcomes['GET /auditLogs/directoryAudits']).toEqual({ status: 'ok' });
  });

  it('reports a 403 as a denied permission, naming Graph code', async () => {
    // Prepare
    h.sim.faults.add({ path: '/auditLogs/directoryAudits', kind: '403' });
    h.sim.faults.add({ path: /roleEligibility/, kind: '403' });

    // Act
    const outcomes = await probe();

    // Assess
    expect(outcomes['GET /auditLogs/directoryAudits']).toEqual({
      status: 'denied',
      httpStatus: 403,
      code: 'Authorization_RequestDenied',
    });
    expect(outcomes['GET /roleManagement/directory/roleEligibilityScheduleInstances']).toEqual({
      status: 'denied',
      httpStatus: 403,
      code: 'Authorization_RequestDenied',
    });
  });

  it('has nothing to probe for group members when no group holds a role', async () => {
    // Prepare
    h.sim.setTenant(buildTenant({ groupCount: 0 }));

    // Act
    const outcomes = await probe();

    // Assess
    expect(outcomes['GET /groups/{id}/members (beta)']).toEqual({
      status: 'not-needed',
      reason: 'no group holds a directory role',
    });
  });
});
