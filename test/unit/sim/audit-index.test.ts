import { AuditIndex } from '../../../src/sim/graph-simulator-audits';
import { ODataError } from '../../../src/sim/odata-error';
import { decodeSkipToken, parseExpandPrincipal, parseTop } from '../../../src/sim/odata-query';
import { auditRecord } from '../../fixtures/graph/tenant-builder';

const BASE = 'https://127.0.0.1:1';
const PATH = '/v1.0/auditLogs/directoryAudits';
const at = (minute: number) => new Date(Date.UTC(2026, 2, 10, 12, minute));

/** Follows nextLinks like a client would, returning the ids of each page. */
function readAll(index: AuditIndex, query: string, maxPageSize = 1000): string[][] {
  const pages: string[][] = [];
  let params: URLSearchParams | undefined = new URLSearchParams(query);
  while (params) {
    const body = index.page(PATH, params, { baseUrl: BASE, maxPageSize });
    pages.push((body.value as Array<{ id: string }>).map((r) => r.id.slice(-3)));
    const link = body['@odata.nextLink'] as string | undefined;
    params = link ? new URL(link).searchParams : undefined;
  }
  return pages;
}

describe('simulated directoryAudits', () => {
  // Minutes 0..9 of Authentication Methods, interleaved with other services, given oldest first.
  const records = Array.from({ length: 10 }, (_, m) => [
    auditRecord({ n: m, at: at(m) }),
    auditRecord({ n: 100 + m, at: at(m), service: 'Core Directory' }),
  ]).flat();
  const index = new AuditIndex([...records, { id: 'no time', loggedByService: 'Authentication Methods' }]);

  it('serves newest first, within the time bounds, in pages of $top', () => {
    // Act
    const pages = readAll(
      index,
      `$filter=loggedByService eq 'Authentication Methods' and activityDateTime ge 2026-03-10T12:02:00Z and activityDateTime lt 2026-03-10T12:09:00Z&$top=3`,
    );

    // Assess
    expect(pages).toEqual([['008', '007', '006'], ['005', '004', '003'], ['002']]);
  });

  it('caps $top at the maximum page size and serves everything without a filter', () => {
    const pages = readAll(index, '$top=50', 8);
    expect(pages.map((p) => p.length)).toEqual([8, 8, 5]);
  });

  it('refuses a window reaching before the retention floor with the message Graph uses', () => {
    // Prepare
    const params = new URLSearchParams('$filter=activityDateTime ge 2026-03-10T11:00:00Z');

    // Act
    const page = () =>
      index.page(PATH, params, {
        baseUrl: BASE,
        maxPageSize: 10,
        retentionFloor: new Date('2026-03-10T11:30:00Z'),
      });

    // Assess
    expect(page).toThrow(
      'Invalid filter clause: Minimum allowed time for activityDateTime is 2026-03-10T11:30:00Z.',
    );
  });

  it.each([
    ['$select=id,nope', /Could not find a property named 'nope' on type 'microsoft.graph.directoryAudit'/],
    ['$orderby=activityDateTime desc', /Query option '\$orderby' is not allowed/],
    ['$top=0', /Invalid value '0' for query option \$top/],
    ['$skiptoken=garbage', /\$skiptoken value is invalid/],
  ])('rejects %s with a 400', (query, message) => {
    const page = () => index.page(PATH, new URLSearchParams(query), { baseUrl: BASE, maxPageSize: 10 });
    expect(page).toThrow(ODataError);
    expect(page).toThrow(message);
  });
});

describe('OData query options', () => {
  it('reads $expand of the principal with or without a nested $select', () => {
    expect(parseExpandPrincipal('principal')).toEqual([]);
    expect(parseExpandPrincipal('principal($select=id,displayName)')).toEqual(['id', 'displayName']);
    expect(parseExpandPrincipal(null)).toBeUndefined();
    expect(() => parseExpandPrincipal('roleDefinition')).toThrow(ODataError);
  });

  it('defaults $top and rejects non-numbers', () => {
    expect(parseTop(null, 100, 999)).toBe(100);
    expect(parseTop('5000', 100, 999)).toBe(999);
    expect(() => parseTop('ten', 100, 999)).toThrow(ODataError);
    expect(decodeSkipToken(null)).toBe(0);
  });
});
