import { HttpRequest } from '@azure/functions';
import { makeFindingsApi } from '../../../functions/findingsApi';
import { makeHealth } from '../../../functions/health';
import { makeTenantFindingsApi } from '../../../functions/tenantFindingsApi';
import { atLeast, type Severity } from '../../../src/severity';
import { type MultiTenantStack, startMultiTenantStack } from '../../../src/sim/multi-tenant-stack';
import {
  buildSampleTenant,
  SAMPLE_TENANT_EXPECTATIONS,
  SAMPLE_TENANT_SETTINGS,
} from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { newApiToken } from '../../../src/tenants/api-token';
import { recordingContext } from '../functions/store-invocation';

const TENANT_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const TENANT_C = 'cccccccc-0000-4000-8000-00000000000c';
const alertable = SAMPLE_TENANT_EXPECTATIONS.filter((e) => atLeast(e.severity as Severity, 'medium'));

/** A and B hold the same audit log (same TAP ids, same users); C never consented and fails every attempt. */
function sampleAs(tenantId: string, now: Date) {
  return { ...shiftAuditTimes(buildSampleTenant(), now, 5), tenantId };
}

interface Body {
  findings?: Array<{ id: string; tenantId: string }>;
  continuationToken?: string;
  error?: string;
  tenantId?: string;
}

describe('many tenants through the queue path', () => {
  let stack: MultiTenantStack;
  const now = new Date();
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startMultiTenantStack({
      tenants: [
        {
          tenant: sampleAs(TENANT_A, now),
          displayName: 'Contoso A',
          overrides: { ...SAMPLE_TENANT_SETTINGS },
        },
        {
          tenant: sampleAs(TENANT_B, now),
          displayName: 'Fabrikam <b>& "B"',
          overrides: { ...SAMPLE_TENANT_SETTINGS },
        },
        { tenant: sampleAs(TENANT_C, now), displayName: 'Never consented C', failing: true },
      ],
      maxDequeueCount: 3,
    });
    for (const id of [TENANT_A, TENANT_B]) {
      const token = newApiToken();
      tokens[id] = token.token;
      await stack.registry.update(id, (r) => ({ ...r, apiTokenSha256: token.sha256 }));
    }
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("runs every tenant's cycle from the queue; the failing tenant is retried, poisoned and blocks no one", async () => {
    // Act
    const { round, drain, outcomes } = await stack.runRound(now, 4);

    // Assess
    expect(round.queued).toEqual([TENANT_A, TENANT_B, TENANT_C].sort());
    expect(drain).toMatchObject({ succeeded: 2, retried: 2, poisoned: 1 });
    expect(
      outcomes
        .filter((o) => o.kind === 'ran')
        .map((o) => o.tenantId)
        .sort(),
    ).toEqual([TENANT_A, TENANT_B]);
    expect(await stack.queue.depth()).toEqual({ queued: 0, poison: 1 });
    const status = new Map((await stack.registry.statuses()).map((s) => [s.tenantId, s]));
    expect(status.get(TENANT_A)).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0 });
    expect(status.get(TENANT_C)).toMatchObject({
      lastStatus: 'poisoned',
      attempt: 3,
      consecutiveFailures: 3,
    });
    expect(status.get(TENANT_C)?.lastError).toMatch(/401|InvalidAuthenticationToken|Access token/);
  });

  it("alerts each tenant's findings to its own channels only, and nothing to the operator's", async () => {
    // Assess (after the round above)
    for (const [index, tenantId] of [TENANT_A, TENANT_B].entries()) {
      const receiver = stack.tenants[index]?.receiver;
      const accepted = receiver?.received().filter((r) => r.status >= 200 && r.status < 300) ?? [];
      const webhooks = accepted.filter((r) => r.channel === 'webhook');
      expect(webhooks).toHaveLength(alertable.length - 1); // one suppressed by the dedup window
      expect(webhooks.every((r) => (r.body as { tenantId: string }).tenantId === tenantId)).toBe(true);
      expect(webhooks.every((r) => r.signatureValid === true)).toBe(true);
      const teams = JSON.stringify(accepted.filter((r) => r.channel === 'teams').map((r) => r.body));
      const other = tenantId === TENANT_A ? TENANT_B : TENANT_A;
      expect(teams).not.toContain(other);
    }
    expect(stack.tenants[2]?.receiver?.received()).toEqual([]);
    expect(stack.operatorReceiver.received()).toEqual([]);
  });

  it("answers a tenant's token with that tenant's findings only, whatever id, parameter or token is tried", async () => {
    // Prepare
    const deps = async () => ({ config: stack.config, store: stack.store });
    const api = makeTenantFindingsApi(deps, async () => ({
      registry: stack.registry,
      queue: async () => stack.queue,
    }));
    const call = async (tenant: string, token: string | undefined, query = '', id?: string) => {
      const request = new HttpRequest({
        method: 'GET',
        url: `http://localhost/api/tenants/x/findings${query}`,
        params: { tenant, ...(id ? { id } : {}) },
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
      const response = await api(request, recordingContext('tenantFindingsApi').context);
      return { status: response.status ?? 200, body: response.jsonBody as Body };
    };

    // Act
    const own = await call(TENANT_A, tokens[TENANT_A]);
    const bIds = ((await call(TENANT_B, tokens[TENANT_B])).body.findings ?? []).map((f) => f.id);
    const crossToken = await call(TENANT_B, tokens[TENANT_A]);
    const noToken = await call(TENANT_A, undefined);
    const unknownTenant = await call('dddddddd-0000-4000-8000-00000000000d', tokens[TENANT_A]);
    const noTokenTenant = await call(TENANT_C, tokens[TENANT_A]);
    const hostile = await Promise.all(
      [
        '../findings',
        `${TENANT_B}' or PartitionKey ge '`,
        '*',
        TENANT_B.toUpperCase().replace('B', 'b\u0000'),
        '',
      ].map((t) => call(t, tokens[TENANT_A])),
    );
    const tenantParam = await call(TENANT_A, tokens[TENANT_A], `?tenant=${TENANT_B}`);
    const bIdWithAToken = await call(TENANT_A, tokens[TENANT_A], '', bIds[0]);
    const page = await call(TENANT_B, tokens[TENANT_B], '?limit=1');
    const tokenFromB = await call(
      TENANT_A,
      tokens[TENANT_A],
      `?limit=50&continuationToken=${page.body.continuationToken}`,
    );
    const forged = await call(TENANT_A, `${tokens[TENANT_A]}x`);

    // Assess
    expect(own.status).toBe(200);
    expect(own.body.findings?.length).toBe(SAMPLE_TENANT_EXPECTATIONS.length);
    expect(own.body.findings?.every((f) => f.tenantId === TENANT_A)).toBe(true);
    expect(bIds).toHaveLength(SAMPLE_TENANT_EXPECTATIONS.length);
    for (const refused of [crossToken, noToken, unknownTenant, noTokenTenant, forged]) {
      expect(refused).toEqual({ status: 401, body: { error: 'unauthorized' } });
    }
    for (const answer of hostile) expect(answer.status).toBe(400);
    expect(tenantParam.status).toBe(400);
    // The same TAP in two tenants is two findings with different ids; B's id under A's token finds nothing.
    expect(bIdWithAToken.status).toBe(404);
    // A continuation token only says where to resume; the tenant always comes from the path and token.
    expect(tokenFromB.status).toBe(200);
    expect(tokenFromB.body.findings?.every((f) => f.tenantId === TENANT_A)).toBe(true);
  });

  it('lets the operator key read one tenant, or all of them page by page with no finding twice', async () => {
    // Prepare
    const api = makeFindingsApi(
      async () => ({ config: stack.config, store: stack.store }),
      async () => ({ registry: stack.registry, queue: async () => stack.queue }),
    );
    const get = async (query: string) => {
      const response = await api(
        new HttpRequest({ method: 'GET', url: `http://localhost/api/findings${query}` }),
        recordingContext('findingsApi').context,
      );
      return { status: response.status ?? 200, body: response.jsonBody as Body };
    };

    // Act
    const onlyB = await get(`?tenant=${TENANT_B}`);
    const ids: string[] = [];
    const tenantsSeen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await get(`?tenant=all&limit=5${token ? `&continuationToken=${token}` : ''}`);
      expect(page.status).toBe(200);
      for (const f of page.body.findings ?? []) {
        ids.push(f.id);
        tenantsSeen.add(f.tenantId);
      }
      token = page.body.continuationToken;
      pages += 1;
    } while (token && pages < 50);
    const badTenant = await get('?tenant=not-a-guid');

    // Assess
    expect(onlyB.body.findings?.every((f) => f.tenantId === TENANT_B)).toBe(true);
    expect(ids).toHaveLength(2 * SAMPLE_TENANT_EXPECTATIONS.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...tenantsSeen].sort()).toEqual([TENANT_A, TENANT_B]);
    expect(badTenant.status).toBe(400);
  });

  it('reports health per tenant: 503 naming the poisoned tenant while the others are ok', async () => {
    // Prepare
    const health = makeHealth(
      async () => ({ config: stack.config, store: stack.store }),
      () => new Date(now.getTime() + 60_000),
      async () => ({ registry: stack.registry, queue: async () => stack.queue }),
    );

    // Act
    const response = await health(
      new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' }),
      recordingContext('health').context,
    );

    // Assess
    expect(response.status).toBe(503);
    const body = response.jsonBody as { tenants: Array<{ tenantId: string; state: string }>; queue: unknown };
    expect(Object.fromEntries(body.tenants.map((t) => [t.tenantId, t.state]))).toEqual({
      [TENANT_A]: 'ok',
      [TENANT_B]: 'ok',
      [TENANT_C]: 'poisoned',
    });
    expect(body.queue).toEqual({ queued: 0, poison: 1 });
  });
});
