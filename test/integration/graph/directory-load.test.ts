import { Agent, fetch } from 'undici';
import { SELECTED_AUDIT_ACTIVITIES } from '../../../src/audit/audit-activities';
import type { DirectorySnapshot } from '../../../src/directory/snapshot';
import { GraphServiceError } from '../../../src/graph/graph-errors';
import {
  AUTH_ADMIN,
  auditSeries,
  buildTenant,
  GLOBAL_ADMIN,
  guid,
  HELPDESK_ADMIN,
  ONBOARDING_SP_MEMBER,
} from '../../fixtures/graph/tenant-builder';
import { type Harness, readPages, startHarness, TEST_TOKEN } from './graph-harness';

const NOW = new Date('2026-03-10T12:00:00Z');
const WINDOW = { from: new Date(NOW.getTime() - 86_400_000), to: NOW };
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('loading role data from Graph', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(buildTenant({ groupCount: 1, membersPerGroup: 2 }));
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.resetCounts();
    h.sim.faults.clear();
    h.sim.setTenant(buildTenant({ groupCount: 1, membersPerGroup: 2 }));
  });

  it('builds the snapshot from definitions, assignments, eligibility and role-holding groups', async () => {
    // Prepare
    const { source } = h.source({ now: NOW });

    // Act
    const { snapshot, warnings } = await source.loadDirectory();

    // Assess
    expect(warnings).toEqual([]);
    expect(snapshot.eligibilityAvailable).toBe(true);
    expect(snapshot.roleDefinitions.map((d) => d.id)).toEqual([GLOBAL_ADMIN, AUTH_ADMIN, HELPDESK_ADMIN]);
    expect(snapshot.roleAssignments).toEqual([
      {
        id: 'ra-ga',
        principalId: guid(3, 'a0000000'),
        roleDefinitionId: GLOBAL_ADMIN,
        directoryScopeId: '/',
      },
      {
        id: 'ra-group-1',
        principalId: guid(1, 'b0000000'),
        roleDefinitionId: AUTH_ADMIN,
        directoryScopeId: '/',
      },
    ]);
    expect(snapshot.roleEligibilityScheduleInstances).toEqual([
      {
        id: 're-helpdesk',
        principalId: guid(1, 'a0000000'),
        roleDefinitionId: HELPDESK_ADMIN,
        directoryScopeId: '/',
        startDateTime: '2026-01-01T00:00:00Z',
        endDateTime: null,
      },
    ]);
    expect(snapshot.groups).toEqual([
      {
        id: guid(1, 'b0000000'),
        displayName: 'Auth admins 1',
        isAssignableToRole: true,
        members: [0, 1].map((m) => ({
          '@odata.type': '#microsoft.graph.user',
          id: guid(1000 + m, 'a0000000'),
          userPrincipalName: `member1-${m}@contoso.test`,
          displayName: `Member 1-${m}`,
        })),
      },
    ]);
    // Users come from expanded principals and group members; the victim holds no role and is absent.
    expect(snapshot.users.map((u) => u.userPrincipalName).sort()).toEqual([
      'ga@contoso.test',
      'helpdesk@contoso.test',
      'member1-0@contoso.test',
      'member1-1@contoso.test',
    ]);
  });

  it('asks for principals through $expand and groups through one $batch, never listing users', async () => {
    // Prepare
    const { source } = h.source({ now: NOW });

    // Act
    await source.loadDirectory();

    // Assess
    expect(h.sim.counts()).toEqual({
      '/roleManagement/directory/roleDefinitions': 1,
      '/roleManagement/directory/roleAssignments': 1,
      '/roleManagement/directory/roleEligibilityScheduleInstances': 1,
      '/$batch': 1,
    });
    const assignments = h.sim.received().find((r) => r.path === '/roleManagement/directory/roleAssignments');
    expect(assignments?.query.$expand).toBe('principal($select=id,userPrincipalName,displayName)');
    expect(h.sim.batchedCounts()).toEqual({
      [`/groups/${guid(1, 'b0000000')}`]: 1,
      [`/groups/${guid(1, 'b0000000')}/members`]: 1,
    });
    // Members come from beta, where service principals are listed (v1.0 known issue).
    expect(h.sim.received().find((r) => r.path === '/$batch')?.version).toBe('beta');
  });

  it('lists service-principal members of a role-holding group, with their app id, as v1.0 would not', async () => {
    // Prepare
    h.sim.setTenant(buildTenant({ groupCount: 1, membersPerGroup: 1, servicePrincipalMember: true }));
    const { source } = h.source({ now: NOW });
    const agent = new Agent({ connect: { ca: h.sim.ca } });
    const v1 = await fetch(`${h.sim.baseUrl}/v1.0/groups/${guid(1, 'b0000000')}/members`, {
      dispatcher: agent,
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    }).then((r) => r.json() as Promise<{ value: Array<{ id: string }> }>);
    await agent.close();

    // Act
    const { snapshot } = await source.loadDirectory();

    // Assess
    expect(v1.value.map((m) => m.id)).toEqual([guid(1000, 'a0000000')]);
    expect(snapshot.groups[0]?.members).toEqual([
      expect.objectContaining({ '@odata.type': '#microsoft.graph.user', id: guid(1000, 'a0000000') }),
      ONBOARDING_SP_MEMBER,
    ]);
    // A service principal is not a user.
    expect(snapshot.users.map((u) => u.id)).not.toContain(ONBOARDING_SP_MEMBER.id);
  });

  it.each([
    [
      'p1',
      'PIM eligibility unavailable (400 AadPremiumLicenseRequired): the tenant has no Microsoft Entra ID P2 or Governance licence; only active roles were considered',
    ],
    [
      'free',
      'PIM eligibility unavailable (400 AadPremiumLicenseRequired): the tenant has no Microsoft Entra ID P2 or Governance licence; only active roles were considered',
    ],
  ] as const)(
    'degrades to active roles on a %s tenant, which answers eligibility with 400',
    async (licence, reason) => {
      // Prepare
      h.sim.setTenant(buildTenant({ groupCount: 1, membersPerGroup: 2, licence }));
      const { source } = h.source({ now: NOW });

      // Act
      const { snapshot, warnings } = await source.loadDirectory();

      // Assess
      expect(snapshot.eligibilityAvailable).toBe(false);
      expect(snapshot.eligibilityUnavailableReason).toBe(reason);
      expect(snapshot.roleEligibilityScheduleInstances).toEqual([]);
      expect(snapshot.roleAssignments).toHaveLength(2);
      expect(warnings).toEqual([reason]);
    },
  );

  it('degrades to active roles with a warning when eligibility answers 403', async () => {
    // Prepare
    h.sim.faults.add({ path: /roleEligibility/, kind: '403', times: Number.POSITIVE_INFINITY });
    const { source } = h.source({ now: NOW });

    // Act
    const { snapshot, warnings } = await source.loadDirectory();

    // Assess
    expect(snapshot.eligibilityAvailable).toBe(false);
    expect(snapshot.roleEligibilityScheduleInstances).toEqual([]);
    expect(snapshot.roleAssignments).toHaveLength(2);
    expect(warnings).toEqual([
      'PIM eligibility unavailable (403 Authorization_RequestDenied): no Microsoft Entra ID P2 or Governance licence, or the permission for it is not granted; only active roles were considered',
    ]);
    expect(source.warnings()).toEqual(warnings);
  });

  it('fails when role assignments answer 403, since active roles cannot be degraded away', async () => {
    // Prepare
    h.sim.faults.add({ path: '/roleManagement/directory/roleAssignments', kind: '403' });
    const { source } = h.source({ now: NOW });

    // Act
    const load = source.loadDirectory();

    // Assess
    await expect(load).rejects.toBeInstanceOf(GraphServiceError);
    await expect(load).rejects.toThrow(
      'GET /roleManagement/directory/roleAssignments failed with 403 Authorization_RequestDenied: Insufficient privileges to complete the operation.',
    );
  });

  it('makes the same directory requests whether the window holds 1 TAP event or 50', async () => {
    // Prepare
    const runCycle = async (events: number) => {
      h.sim.setTenant(
        buildTenant({ groupCount: 3, audits: auditSeries(events, new Date(NOW.getTime() - 60_000), 60_000) }),
      );
      h.sim.resetCounts();
      const { source } = h.source({ env: { GRAPH_PAGE_SIZE: '10' }, now: NOW });
      const pages = await readPages(source.auditPages(WINDOW));
      const auditRequests = sum(h.sim.counts());
      h.sim.resetCounts();
      const { snapshot } = await source.loadDirectory();
      return {
        pages: pages.length,
        auditRequests,
        directoryRequests: sum(h.sim.counts()),
        groups: snapshot.groups.length,
      };
    };

    // Act
    const one = await runCycle(1);
    const fifty = await runCycle(50);

    // Assess
    // Every selected activity costs one first page; the records' own activity pages on from there.
    const others = SELECTED_AUDIT_ACTIVITIES.length - 1;
    expect(one).toEqual({ pages: 1 + others, auditRequests: 1 + others, directoryRequests: 4, groups: 3 });
    expect(fifty).toEqual({ pages: 5 + others, auditRequests: 5 + others, directoryRequests: 4, groups: 3 });
  });

  it('puts 20 inner requests in a batch and retries inner 429s within the budget', async () => {
    // Prepare
    h.sim.setTenant(buildTenant({ groupCount: 25, membersPerGroup: 1 }));
    h.sim.faults.add({ path: /^\/groups\/[^/]+\/members$/, kind: '429', retryAfterSeconds: 2 });
    const { source, waits } = h.source({ now: NOW });

    // Act
    const { snapshot } = await source.loadDirectory();

    // Assess
    expect(snapshot.groups).toHaveLength(25);
    expect(snapshot.groups.every((g) => g.members?.length === 1)).toBe(true);
    // 50 inner requests → 3 batches, plus one resend of the throttled request.
    expect(h.sim.counts()['/$batch']).toBe(4);
    expect(waits).toEqual([2000]);
    expect(source.stats()).toMatchObject({ throttleWaits: 1, throttleWaitMs: 2000 });
  });
});

describe('loading role data from a simulator with small pages', () => {
  let h: Harness;
  let snapshot: DirectorySnapshot;

  beforeAll(async () => {
    h = await startHarness(buildTenant({ groupCount: 12, membersPerGroup: 25 }), 10);
    const { source } = h.source({ now: NOW });
    snapshot = (await source.loadDirectory()).snapshot;
  });
  afterAll(() => h.close());

  it('follows nextLinks for role assignments and group members', () => {
    expect(snapshot.roleAssignments).toHaveLength(13);
    expect(snapshot.groups).toHaveLength(12);
    expect(snapshot.groups.map((g) => g.members?.length)).toEqual(Array(12).fill(25));
    const counts = h.sim.counts();
    expect(counts['/roleManagement/directory/roleAssignments']).toBe(2);
    // Each group's first member page comes in the batch; pages 2 and 3 are direct GETs.
    const memberPages = Object.entries(counts).filter(([path]) => path.endsWith('/members'));
    expect(memberPages).toHaveLength(12);
    expect(memberPages.every(([, n]) => n === 2)).toBe(true);
  });
});
