import { QueryError } from '../../../src/store/query-error';
import { parseFindingQuery } from '../../../src/store/query-params';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const defaults = { tenantId: 'tenant-1', now: NOW, retentionDays: 90 };
const parse = (query: string) => parseFindingQuery(new URLSearchParams(query), defaults);

describe('parseFindingQuery', () => {
  it('defaults to the last 7 days, 100 items and no filters', () => {
    expect(parse('')).toEqual({
      tenantId: 'tenant-1',
      since: new Date('2026-03-03T12:00:00.000Z'),
      until: NOW,
      limit: 100,
    });
  });

  it('reads relative ages and ISO 8601 times, treating a time without offset as UTC', () => {
    expect(parse('since=24h&until=30m')).toMatchObject({
      since: new Date('2026-03-09T12:00:00.000Z'),
      until: new Date('2026-03-10T11:30:00.000Z'),
    });
    expect(parse('since=2026-03-01&until=2026-03-02T08:15')).toMatchObject({
      since: new Date('2026-03-01T00:00:00.000Z'),
      until: new Date('2026-03-02T08:15:00.000Z'),
    });
    expect(parse('since=2026-03-01T01:00:00.1234567%2B01:00').since).toEqual(
      new Date('2026-03-01T00:00:00.123Z'),
    );
  });

  it('treats severity as a minimum and accepts any case', () => {
    expect(parse('severity=HIGH')).toMatchObject({ minSeverity: 'high' });
    expect(parse('severity=HIGH').severity).toBeUndefined();
  });

  it('passes rule, target, initiator, limit and continuation token through', () => {
    expect(
      parse(
        'rule=tap-sync-account&target=ga%40contoso.test&initiator=app-1&limit=1000&continuationToken=eyJ2IjoxfQ',
      ),
    ).toMatchObject({
      rule: 'tap-sync-account',
      target: 'ga@contoso.test',
      initiator: 'app-1',
      limit: 1000,
      continuationToken: 'eyJ2IjoxfQ',
    });
  });

  it('rejects a target longer than 256 characters', () => {
    expect(() => parse(`target=${'a'.repeat(257)}`)).toThrow(/target must be 1 to 256 printable characters/);
    expect(parse(`target=${'a'.repeat(256)}`).target).toHaveLength(256);
  });

  it.each([
    { query: 'since=yesterday', message: /since must be an ISO 8601 time/ },
    { query: 'until=2026-13-45T99:00Z', message: /until must be an ISO 8601 time/ },
    { query: 'since=1d&until=2d', message: /since must not be after until/ },
    { query: 'since=91d', message: /at most 90 days apart/ },
    { query: 'severity=severe', message: /severity must be informational, low, medium, high or critical/ },
    { query: 'rule=tap-everything', message: /rule must be one of tap-issued, / },
    { query: 'limit=0', message: /limit must be a whole number from 1 to 1000/ },
    { query: 'limit=1001', message: /limit must be a whole number from 1 to 1000/ },
    { query: 'limit=1e3', message: /limit must be a whole number/ },
    { query: 'initiator=', message: /initiator must be 1 to 256/ },
    { query: 'target=a%0Ab', message: /target must be 1 to 256 printable/ },
    { query: 'continuationToken=not%20a%20token', message: /continuationToken is not valid/ },
    { query: 'severity=high&severity=low', message: /severity is given more than once/ },
    { query: 'sevrity=high', message: /unknown parameter "sevrity"/ },
  ])(
    'rejects $query with a one-line QueryError',
    ({ query, message }: { query: string; message: RegExp }) => {
      let error: unknown;
      try {
        parse(query);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(QueryError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    },
  );
});
