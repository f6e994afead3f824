import { createFaultController } from '../../../src/sim/faults';
import { handleBatch, type SimResponse } from '../../../src/sim/graph-simulator-batch';
import { DirectoryIndex } from '../../../src/sim/graph-simulator-directory';
import { ODataError } from '../../../src/sim/odata-error';
import { buildTenant, guid, ONBOARDING_SP_MEMBER } from '../../fixtures/graph/tenant-builder';

const CONTEXT = { baseUrl: 'https://127.0.0.1:1', maxPageSize: 1000 };
const GROUP = guid(1, 'b0000000');

describe('simulated group members', () => {
  const index = new DirectoryIndex(buildTenant({ membersPerGroup: 1, servicePrincipalMember: true }));
  const members = (version: 'v1.0' | 'beta') =>
    index.handle(`/groups/${GROUP}/members`, `/${version}/groups/${GROUP}/members`, new URLSearchParams(), {
      ...CONTEXT,
      version,
    })?.value as Array<{ id: string; '@odata.type': string; appId?: string }>;

  it('leaves service principals out on v1.0, as the documented known issue says', () => {
    expect(members('v1.0').map((m) => m['@odata.type'])).toEqual(['#microsoft.graph.user']);
  });

  it('lists service principals, with their app id, on beta', () => {
    expect(members('beta')).toContainEqual(ONBOARDING_SP_MEMBER);
  });

  it('answers a group that does not exist with 404 Request_ResourceNotFound', () => {
    const missing = () =>
      index.handle(`/groups/${guid(99)}`, `/v1.0/groups/${guid(99)}`, new URLSearchParams(), CONTEXT);
    expect(missing).toThrow(expect.objectContaining({ status: 404, code: 'Request_ResourceNotFound' }));
  });
});

describe('simulated eligibility by licence', () => {
  const eligibility = (licence: 'free' | 'p1' | 'p2') => () =>
    new DirectoryIndex(buildTenant({}), licence).handle(
      '/roleManagement/directory/roleEligibilityScheduleInstances',
      '/v1.0/roleManagement/directory/roleEligibilityScheduleInstances',
      new URLSearchParams(),
      CONTEXT,
    );

  it('serves eligibility on P2 and refuses it with 400 AadPremiumLicenseRequired on P1 and Free', () => {
    expect(eligibility('p2')()?.value).toHaveLength(1);
    for (const licence of ['p1', 'free'] as const) {
      expect(eligibility(licence)).toThrow(
        expect.objectContaining({ status: 400, code: 'AadPremiumLicenseRequired' }),
      );
    }
  });
});

describe('simulated $batch', () => {
  const seen: string[] = [];
  const route = (_method: string, fullPath: string): SimResponse => {
    seen.push(fullPath);
    return { status: 200, body: { ok: true } };
  };
  const batch = (requests: unknown[], version: 'v1.0' | 'beta' = 'v1.0') =>
    handleBatch({ requests }, route, createFaultController(), version, () => {});

  it('refuses more than 20 requests in one batch with a 400', () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: `r${i}`, method: 'GET', url: '/groups/x' }));
    expect(() => batch(requests)).toThrow(ODataError);
    expect(() => batch(requests)).toThrow('Number of requests in a batch must not exceed 20.');
    expect(batch(requests.slice(0, 20)).status).toBe(200);
  });

  it('serves inner URLs under the version the batch was posted to', () => {
    seen.length = 0;
    batch([{ id: 'a', method: 'GET', url: '/groups/x/members' }], 'beta');
    batch([{ id: 'b', method: 'GET', url: 'groups/x' }], 'v1.0');
    expect(seen).toEqual(['/beta/groups/x/members', '/v1.0/groups/x']);
  });

  it('answers an inner write with 405 inside a 200 batch', () => {
    const answer = batch([{ id: 'w', method: 'PATCH', url: '/groups/x' }]);
    expect(answer.status).toBe(200);
    expect((answer.body as { responses: Array<{ status: number }> }).responses[0]?.status).toBe(405);
  });

  it('puts a throttled inner request as a 429 inside a 200 batch', () => {
    const faults = createFaultController();
    faults.add({ path: '/groups/x', kind: '429', retryAfterSeconds: 2 });
    const answer = handleBatch(
      { requests: [{ id: 't', method: 'GET', url: '/groups/x' }] },
      route,
      faults,
      'v1.0',
      () => {},
    );
    const [inner] = (answer.body as { responses: Array<{ status: number; headers: Record<string, string> }> })
      .responses;
    expect(answer.status).toBe(200);
    expect(inner).toMatchObject({ status: 429, headers: { 'Retry-After': '2' } });
  });
});
