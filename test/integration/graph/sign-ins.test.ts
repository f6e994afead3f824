import { normalizeSignIn } from '../../../src/audit/normalize-signin';
import { SignInsUnavailableError } from '../../../src/graph/signins-query';
import { buildSampleTenant, SAMPLE_CHAIN, SAMPLE_PEOPLE } from '../../../src/sim/sample-tenant';
import { type Harness, startHarness } from './graph-harness';

const tenant = buildSampleTenant();
const user = SAMPLE_PEOPLE.tier0MemberB.id;
const around = (ms: number) => ({ from: new Date(ms - 30 * 60_000), to: new Date(ms + 30 * 60_000) });

describe('sign-ins through the Graph SDK against the simulator (beta /auditLogs/signIns)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(tenant);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.resetCounts();
    h.sim.setTenant(tenant);
  });

  it("reads one user's sign-ins in a window with the documented filters, in one request", async () => {
    // Act
    const page = await h.source().source.signIns?.(user, around(SAMPLE_CHAIN.signInAt));

    // Assess
    expect(page?.truncated).toBe(false);
    expect(page?.records.flatMap(normalizeSignIn)).toMatchObject([
      { kind: 'tap-signin', target: { id: user }, ipAddress: SAMPLE_CHAIN.attackerIp },
    ]);
    const [request, ...more] = h.sim.received();
    expect(more).toEqual([]);
    expect(request?.path).toBe('/auditLogs/signIns');
    expect(request?.query.$filter).toBe(
      `userId eq '${user}' and createdDateTime ge 2026-11-19T22:17:31Z and createdDateTime le 2026-11-19T23:17:31Z`,
    );
    expect(request?.query.$top).toBe('1000');
  });

  it('leaves out sign-ins of other users and outside the window', async () => {
    const early = await h.source().source.signIns?.(user, around(SAMPLE_CHAIN.signInAt - 6 * 3_600_000));
    const other = await h
      .source()
      .source.signIns?.(SAMPLE_PEOPLE.henrietta.id, around(SAMPLE_CHAIN.signInAt));

    expect(early?.records).toEqual([]);
    expect(other?.records).toEqual([]);
  });

  it('answers a tenant without P1 with 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant, as a named error', async () => {
    h.sim.setTenant({ ...tenant, licence: 'free' });

    const failure = h.source().source.signIns?.(user, around(SAMPLE_CHAIN.signInAt));

    await expect(failure).rejects.toBeInstanceOf(SignInsUnavailableError);
    await expect(failure).rejects.toMatchObject({
      status: 403,
      graphCode: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    });
  });
});
