import { SELECTED_AUDIT_ACTIVITIES } from '../../../src/audit/audit-activities';
import { GraphRequestError, ThrottleBudgetExceededError } from '../../../src/errors';
import { createGraphClient } from '../../../src/graph/graph-client';
import { createGraphTenantSource } from '../../../src/graph/graph-tenant-source';
import { auditSeries, buildTenant } from '../../fixtures/graph/tenant-builder';
import {
  type Harness,
  readPages,
  recordingSleep,
  startHarness,
  staticCredential,
  TEST_TOKEN,
  testConfig,
} from './graph-harness';

const NOW = new Date('2026-03-10T12:00:00Z');
const WINDOW = { from: new Date(NOW.getTime() - 86_400_000), to: NOW };
const AUDITS = '/auditLogs/directoryAudits';
/** One first request per selected activity besides the one holding the records (each an empty page). */
const OTHER_ACTIVITIES = SELECTED_AUDIT_ACTIVITIES.length - 1;

describe('retries, throttling and the per-cycle budget', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(
      buildTenant({ audits: auditSeries(12, new Date(NOW.getTime() - 60_000), 60_000) }),
    );
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.resetCounts();
    h.sim.faults.clear();
  });

  const read = async (env: Record<string, string> = { GRAPH_PAGE_SIZE: '5' }) => {
    const { source, waits } = h.source({ env, now: NOW });
    const result = await readPages(source.auditPages(WINDOW)).then(
      (pages) => ({ pages, error: undefined }),
      (error: unknown) => ({ pages: [] as unknown[][], error }),
    );
    return { ...result, waits, stats: source.stats() };
  };

  it('honours Retry-After on a 429 and then reads the page', async () => {
    // Prepare
    h.sim.faults.add({ path: AUDITS, kind: '429', retryAfterSeconds: 1 });

    // Act
    const { pages, waits, stats, error } = await read();

    // Assess
    expect(error).toBeUndefined();
    expect(waits).toEqual([1000]);
    expect(pages.flat()).toHaveLength(12);
    expect(h.sim.counts()[AUDITS]).toBe(4 + OTHER_ACTIVITIES);
    expect(stats).toMatchObject({
      requests: 4 + OTHER_ACTIVITIES,
      pages: 3 + OTHER_ACTIVITIES,
      throttleWaits: 1,
      throttleWaitMs: 1000,
    });
  });

  it('retries 503 and 504 without Retry-After with exponential backoff', async () => {
    // Prepare
    h.sim.faults.add({ path: AUDITS, kind: '503' });
    h.sim.faults.add({ path: AUDITS, kind: '504' });

    // Act
    const { pages, waits, error } = await read();

    // Assess
    expect(error).toBeUndefined();
    expect(waits).toEqual([1000, 2000]);
    expect(pages.flat()).toHaveLength(12);
  });

  it('gives up after three retries with a message naming the request and status', async () => {
    // Prepare
    h.sim.faults.add({ path: AUDITS, kind: '503', times: 4 });

    // Act
    const { error, waits } = await read();

    // Assess
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).not.toBeInstanceOf(ThrottleBudgetExceededError);
    expect((error as Error).message).toBe('GET /auditLogs/directoryAudits failed with 503 after 3 retries');
    expect((error as GraphRequestError).status).toBe(503);
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it('stops with ThrottleBudgetExceededError instead of waiting past the budget', async () => {
    // Prepare
    h.sim.faults.add({ path: AUDITS, kind: '429', retryAfterSeconds: 3, times: Number.POSITIVE_INFINITY });

    // Act
    const { error, waits, stats } = await read({ GRAPH_THROTTLE_BUDGET_SECONDS: '5' });

    // Assess
    expect(error).toBeInstanceOf(ThrottleBudgetExceededError);
    expect((error as Error).message).toMatch(
      /^GET \/auditLogs\/directoryAudits answered 429; waiting 3000 ms would exceed the throttle budget \(2000 ms left of 5000 ms per cycle\)$/,
    );
    expect(waits).toEqual([3000]);
    expect(stats).toMatchObject({ throttleWaits: 1, throttleWaitMs: 3000, requests: 2 });
  });

  it('retries a truncated JSON body and a reset connection', async () => {
    // Prepare
    h.sim.faults.add({ path: AUDITS, kind: 'truncated' });
    h.sim.faults.add({ path: AUDITS, kind: 'reset' });
    h.sim.faults.add({ path: AUDITS, kind: '500' });

    // Act
    const { pages, waits, error } = await read();

    // Assess
    expect(error).toBeUndefined();
    expect(pages.flat()).toHaveLength(12);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(h.sim.faults.injected()).toMatchObject({ truncated: 1, reset: 1, '500': 1 });
  });

  it('fails clearly when every answer is truncated JSON', async () => {
    // Prepare
    h.sim.faults.add({ path: AUDITS, kind: 'truncated', times: Number.POSITIVE_INFINITY });

    // Act
    const { error } = await read();

    // Assess
    expect(error).toBeInstanceOf(GraphRequestError);
    expect((error as Error).message).toBe(
      'GET /auditLogs/directoryAudits failed with 200 (a body that is not a JSON object (truncated?)) after 3 retries',
    );
  });

  it('retries a request that outlives the client timeout', async () => {
    // Prepare
    const client = createGraphClient({
      baseUrl: h.sim.baseUrl,
      credential: staticCredential,
      ca: h.sim.ca,
      requestTimeoutMs: 100,
    });
    const { sleep, waits } = recordingSleep();
    const source = createGraphTenantSource({ client, config: testConfig(h.sim.baseUrl), now: NOW, sleep });
    h.sim.faults.add({ path: AUDITS, kind: 'slow', delayMs: 400 });

    // Act
    const pages = await readPages(source.auditPages(WINDOW)).finally(() => client.close());

    // Assess
    expect(pages.flat()).toHaveLength(12);
    expect(waits).toEqual([1000]);
    expect(h.sim.counts()[AUDITS]).toBe(2 + OTHER_ACTIVITIES);
  });

  it('never puts the bearer token into error messages', async () => {
    // Prepare
    h.sim.faults.add({ path: AUDITS, kind: 'reset', times: 4 });

    // Act
    const { error } = await read();

    // Assess
    expect(error).toBeInstanceOf(GraphRequestError);
    expect((error as Error).message).toBe(
      'GET /auditLogs/directoryAudits failed with a network error after 3 retries',
    );
    expect(JSON.stringify(error)).not.toContain(TEST_TOKEN);
    expect(String((error as Error).stack)).not.toContain(TEST_TOKEN);
  });
});
