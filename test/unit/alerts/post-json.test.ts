import { isRetryableStatus, parseRetryAfter } from '../../../src/alerts/post-json';

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-20T08:00:00Z');

  it.each([
    ['delta seconds', '7', 7000],
    ['zero', '0', 0],
    ['an HTTP-date 90 s ahead', 'Fri, 20 Nov 2026 08:01:30 GMT', 90_000],
    ['an HTTP-date in the past', 'Fri, 20 Nov 2026 07:00:00 GMT', 0],
  ])('reads %s', (_case, header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([[null], [''], ['soon'], ['-5']])('ignores %p', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx only', () => {
    const statuses = [400, 401, 403, 404, 408, 410, 413, 429, 500, 502, 503, 504];
    expect(statuses.filter(isRetryableStatus)).toEqual([408, 429, 500, 502, 503, 504]);
  });
});
