import { ThrottleBudgetExceededError } from '../../../src/errors';
import { pathLabel, withQuery } from '../../../src/graph/graph-paths';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  retryAfterMs,
  retryDelayMs,
} from '../../../src/graph/retry-policy';
import { ThrottleBudget } from '../../../src/graph/throttle-budget';

describe('retry policy', () => {
  it('retries throttling and transient server statuses only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(retryAfterMs('1', now)).toBe(1000);
    expect(retryAfterMs(' 2.5 ', now)).toBe(2500);
    expect(retryAfterMs('Tue, 10 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Tue, 10 Mar 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('doubles the backoff without Retry-After and caps every wait', () => {
    expect([0, 1, 2].map((r) => retryDelayMs(r, undefined, DEFAULT_RETRY_POLICY))).toEqual([
      1000, 2000, 4000,
    ]);
    expect(retryDelayMs(0, 7000, DEFAULT_RETRY_POLICY)).toBe(7000);
    expect(retryDelayMs(0, 3_600_000, DEFAULT_RETRY_POLICY)).toBe(180_000);
  });
});

describe('throttle budget', () => {
  it('spends waits until the next one would overrun, then refuses without waiting', async () => {
    // Prepare
    const slept: number[] = [];
    const budget = new ThrottleBudget(5000, async (ms) => void slept.push(ms));

    // Act
    await budget.wait(2000, 'GET /x', 429);
    await budget.wait(3000, 'GET /x', 429);
    const refused = budget.wait(1, 'GET /x', 503);

    // Assess
    await expect(refused).rejects.toBeInstanceOf(ThrottleBudgetExceededError);
    await expect(refused).rejects.toMatchObject({ status: 503 });
    expect(slept).toEqual([2000, 3000]);
    expect([budget.waits, budget.waitedMs]).toEqual([2, 5000]);
  });
});

describe('request paths', () => {
  it.each([
    ['/auditLogs/directoryAudits?$filter=x', '/auditLogs/directoryAudits'],
    [
      'https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$skiptoken=abc',
      '/auditLogs/directoryAudits',
    ],
    ['/groups/b0000000-0000-4000-8000-000000000001/members?$top=999', '/groups/{id}/members'],
    ['https://127.0.0.1:8443/v1.0/groups/B0000000-0000-4000-8000-000000000001', '/groups/{id}'],
    ['/$batch', '/$batch'],
  ])('labels %s as %s', (input, expected) => {
    expect(pathLabel(input)).toBe(expected);
  });

  it('percent-encodes query values but keeps $ keys literal', () => {
    expect(withQuery('/x', { $filter: "a eq 'b c'", $top: 5, $skip: undefined })).toBe(
      "/x?$filter=a%20eq%20'b%20c'&$top=5",
    );
    expect(withQuery('/x', {})).toBe('/x');
  });
});
