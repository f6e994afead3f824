import { Agent, fetch } from 'undici';
import { SELECTED_AUDIT_ACTIVITIES } from '../../../src/audit/audit-activities';
import { normalize } from '../../../src/audit/normalize';
import { GraphServiceError } from '../../../src/graph/graph-errors';
import { createGraphHttp } from '../../../src/graph/graph-http';
import { ThrottleBudget } from '../../../src/graph/throttle-budget';
import { auditRecord, auditSeries, buildTenant } from '../../fixtures/graph/tenant-builder';
import { type Harness, readPages, startHarness } from './graph-harness';

const NOW = new Date('2026-03-10T12:00:00.250Z');
const HOUR = 3_600_000;
const WINDOW = { from: new Date(NOW.getTime() - 24 * HOUR), to: NOW };

const OTHER_ACTIVITIES = SELECTED_AUDIT_ACTIVITIES.length - 1;
// 25 admin TAP records in the window, 10 other activities in the window, 5 TAP records before it.
const inWindow = auditSeries(25, new Date(NOW.getTime() - 10 * 60_000), 30 * 60_000);
const otherService = Array.from({ length: 10 }, (_, i) =>
  auditRecord({
    n: 500 + i,
    at: new Date(NOW.getTime() - (i + 1) * HOUR),
    service: 'Core Directory',
    activity: 'Update user',
  }),
);
const beforeWindow = auditSeries(5, new Date(NOW.getTime() - 48 * HOUR), HOUR, 900);
// Two API-created TAPs, logged under both readings of Microsoft's ServiceApi example (docs/graph-behaviour.md).
const byApp = [
  auditRecord({ n: 700, at: new Date(NOW.getTime() - 95 * 60_000), byApp: true }),
  auditRecord({
    n: 701,
    at: new Date(NOW.getTime() - 35 * 60_000),
    byApp: true,
    service: 'Authentication Methods ServiceApi',
  }),
];

describe('audit paging through the Graph SDK against the simulator', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(
      buildTenant({ audits: [...beforeWindow, ...otherService, ...inWindow, ...byApp] }),
    );
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.resetCounts();
    h.sim.faults.clear();
  });

  it('reads each activity across its pages with the exact filter, newest first', async () => {
    // Prepare
    const { source } = h.source({ env: { GRAPH_PAGE_SIZE: '10' }, now: NOW });

    // Act
    const pages = await readPages(source.auditPages(WINDOW));

    // Assess
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5, 2, ...Array(OTHER_ACTIVITIES - 1).fill(0)]);
    const ids = pages.flat().map((r) => (r as { id: string }).id);
    expect(ids).toEqual([...inWindow.map((r) => r.id), byApp[1]?.id, byApp[0]?.id]);
    const [first, ...rest] = h.sim.received();
    expect(first?.query).toEqual({
      $filter:
        "activityDisplayName eq 'Admin registered security info' and activityDateTime ge 2026-03-09T12:00:00Z and activityDateTime le 2026-03-10T12:00:01Z",
      $select:
        'id,category,correlationId,result,resultReason,activityDisplayName,activityDateTime,loggedByService,initiatedBy,targetResources,additionalDetails',
      $top: '10',
    });
    expect(rest).toHaveLength(2 + OTHER_ACTIVITIES);
    for (const next of rest.slice(0, 2)) {
      expect(next.query.$filter).toBe(first?.query.$filter);
      expect(next.query.$skiptoken).toEqual(expect.any(String));
    }
    expect(rest.slice(2).map((r) => /eq '(.+?)'/.exec(r.query.$filter ?? '')?.[1])).toEqual(
      SELECTED_AUDIT_ACTIVITIES.slice(1),
    );
  });

  it('reads app-created TAPs whichever service name logged them, and the normalizer takes both', async () => {
    // Prepare
    const { source } = h.source({ now: NOW });

    // Act
    const records = (await readPages(source.auditPages(WINDOW))).flat() as Record<string, unknown>[];

    // Assess
    expect(records).toHaveLength(27);
    expect(new Set(records.map((r) => r.loggedByService))).toEqual(
      new Set(['Authentication Methods', 'Authentication Methods ServiceApi']),
    );
    expect(records.every((r) => !('operationType' in r))).toBe(true);
    const appEvents = records
      .filter((r) => r.activityDisplayName === 'User registered security info')
      .flatMap((r) => normalize(r));
    expect(appEvents.map((e) => e.initiator.type)).toEqual(['app', 'app']);
  });

  it('makes exactly one request per page, plus one first page per other activity, and reports it in the stats', async () => {
    // Prepare
    const { source } = h.source({ env: { GRAPH_PAGE_SIZE: '7' }, now: NOW });

    // Act
    const pages = await readPages(source.auditPages(WINDOW));

    // Assess: 25 admin records → 4 pages; 2 app records → 1 page; the rest one empty page each.
    const expected = 4 + 1 + (OTHER_ACTIVITIES - 1);
    expect(pages).toHaveLength(expected);
    expect(h.sim.counts()).toEqual({ '/auditLogs/directoryAudits': expected });
    expect(source.stats()).toEqual({
      requests: expected,
      requestsByPath: { '/auditLogs/directoryAudits': expected },
      pages: expected,
      throttleWaits: 0,
      throttleWaitMs: 0,
    });
  });

  it('yields pages lazily: the next page is requested only when the consumer asks for it', async () => {
    // Prepare
    const { source } = h.source({ env: { GRAPH_PAGE_SIZE: '10' }, now: NOW });
    const iterator = source.auditPages(WINDOW)[Symbol.asyncIterator]();

    // Act
    await iterator.next();
    const afterOne = h.sim.counts()['/auditLogs/directoryAudits'];
    await iterator.return?.();

    // Assess
    expect(afterOne).toBe(1);
    expect(h.sim.counts()['/auditLogs/directoryAudits']).toBe(1);
  });

  it("fails with Graph's 400 when a filter outside the supported subset is sent", async () => {
    // Prepare
    const http = createGraphHttp({ client: h.client, budget: new ThrottleBudget(0, async () => {}) });

    // Act
    const failure = http.get(
      `/auditLogs/directoryAudits?$filter=${encodeURIComponent("category eq 'UserManagement'")}`,
    );

    // Assess
    await expect(failure).rejects.toBeInstanceOf(GraphServiceError);
    await expect(failure).rejects.toMatchObject({ status: 400, graphCode: 'BadRequest' });
    await expect(failure).rejects.toThrow(
      /GET \/auditLogs\/directoryAudits failed with 400 BadRequest: Invalid filter/,
    );
  });

  it('answers unsupported filters, operators and functions in the Graph error shape', async () => {
    // Prepare
    const agent = new Agent({ connect: { ca: h.sim.ca } });
    const filters = [
      "activityDisplayName eq 'a' or activityDisplayName eq 'b'",
      "activityDisplayName in ('a','b')",
      "loggedByService ne 'Authentication Methods'",
      "startswith(loggedByService,'Auth')",
      "activityDateTime ge '2026-03-01T00:00:00Z'",
      "loggedByService eq 'Authentication Methods' or activityDateTime ge 2026-03-01T00:00:00Z",
    ];

    // Act
    const answers = await Promise.all(
      filters.map(async (filter) => {
        const url = `${h.sim.baseUrl}/v1.0/auditLogs/directoryAudits?$filter=${encodeURIComponent(filter)}`;
        const response = await fetch(url, {
          dispatcher: agent,
          headers: { authorization: 'Bearer test-token' },
        });
        return { status: response.status, body: await response.json() };
      }),
    );
    await agent.close();

    // Assess
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 400,
        body: {
          error: {
            code: 'BadRequest',
            message: expect.stringMatching(/^Invalid filter clause/),
            innerError: {
              date: expect.any(String),
              'request-id': expect.any(String),
              'client-request-id': expect.any(String),
            },
          },
        },
      });
    }
  });

  it('answers 401 without a bearer token or with a wrong one', async () => {
    // Prepare
    const agent = new Agent({ connect: { ca: h.sim.ca } });
    const url = `${h.sim.baseUrl}/v1.0/auditLogs/directoryAudits`;

    // Act
    const missing = await fetch(url, { dispatcher: agent });
    const wrong = await fetch(url, { dispatcher: agent, headers: { authorization: 'Bearer other' } });
    const bodies = [await missing.json(), await wrong.json()];
    await agent.close();

    // Assess
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(bodies.map((b) => (b as { error: { code: string } }).error.code)).toEqual([
      'InvalidAuthenticationToken',
      'InvalidAuthenticationToken',
    ]);
  });
});
