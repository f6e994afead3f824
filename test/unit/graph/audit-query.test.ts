import { SELECTED_AUDIT_ACTIVITIES, TAP_CREATION_ACTIVITIES } from '../../../src/audit/audit-activities';
import {
  AUDIT_SELECT,
  auditFilter,
  auditQueryPath,
  auditQueryPaths,
  clampToRetention,
  retentionFloorFrom,
} from '../../../src/graph/audit-query';
import { odataDateTime, odataString } from '../../../src/graph/odata-literals';

describe('OData literals', () => {
  it('doubles single quotes inside string literals', () => {
    expect(odataString("O'Brien's")).toBe("'O''Brien''s'");
    expect(odataString('Authentication Methods')).toBe("'Authentication Methods'");
  });

  it('writes whole-second Z timestamps, rounding outward', () => {
    const at = new Date('2026-11-20T08:00:00.999Z');
    expect(odataDateTime(at, 'floor')).toBe('2026-11-20T08:00:00Z');
    expect(odataDateTime(at, 'ceil')).toBe('2026-11-20T08:00:01Z');
    expect(odataDateTime(new Date('2026-11-20T08:00:00Z'), 'ceil')).toBe('2026-11-20T08:00:00Z');
    expect(() => odataDateTime(new Date(Number.NaN), 'floor')).toThrow(RangeError);
  });
});

describe('directoryAudits query', () => {
  const window = { from: new Date('2026-03-09T12:00:00.400Z'), to: new Date('2026-03-10T12:00:00.400Z') };

  it('filters on one activity name and both window ends, never on the logging service', () => {
    expect(auditFilter(window, 'Admin registered security info')).toBe(
      "activityDisplayName eq 'Admin registered security info' and activityDateTime ge 2026-03-09T12:00:00Z and activityDateTime le 2026-03-10T12:00:01Z",
    );
  });

  it('selects every TAP creation activity, one first request each, whatever service logged it', () => {
    // Act
    const paths = auditQueryPaths(window, 1000);

    // Assess
    expect(SELECTED_AUDIT_ACTIVITIES).toEqual(expect.arrayContaining([...TAP_CREATION_ACTIVITIES]));
    const filters = paths.map((p) => new URL(p, 'https://graph.invalid').searchParams.get('$filter') ?? '');
    expect(filters.map((f) => /^activityDisplayName eq '(.+?)' and /.exec(f)?.[1])).toEqual([
      ...SELECTED_AUDIT_ACTIVITIES,
    ]);
    expect(filters.join(' ')).not.toMatch(/loggedByService| or | in \(/);
  });

  it('encodes filter, select and page size into the first request', () => {
    // Act
    const path = auditQueryPath(window, 999, "O'Brien registered security info");

    // Assess
    const url = new URL(path, 'https://graph.invalid');
    expect(url.pathname).toBe('/auditLogs/directoryAudits');
    expect(url.searchParams.get('$filter')).toBe(auditFilter(window, "O'Brien registered security info"));
    expect(url.searchParams.get('$filter')).toMatch(/^activityDisplayName eq 'O''Brien registered/);
    expect(url.searchParams.get('$select')).toBe(AUDIT_SELECT.join(','));
    expect(url.searchParams.get('$top')).toBe('999');
    expect(path).not.toMatch(/ /);
  });

  it('moves a window start older than the retention to just inside it', () => {
    // Prepare
    const now = new Date('2026-03-10T12:00:00Z');

    // Act
    const inside = clampToRetention({ from: new Date('2026-03-05T00:00:00Z'), to: now }, now, 7);
    const outside = clampToRetention({ from: new Date('2026-03-01T00:00:00Z'), to: now }, now, 7);

    // Assess
    expect(inside.clamped).toBe(false);
    expect(inside.window.from.toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(outside.clamped).toBe(true);
    expect(outside.window.from.toISOString()).toBe('2026-03-03T12:05:00.000Z');
  });

  it.each([
    [
      'Invalid filter clause: Minimum allowed time for activityDateTime is 2026-03-01T00:00:00Z.',
      '2026-03-01T00:00:00.000Z',
    ],
    ['Minimum allowed time for activityDateTime is 2026-03-01T10:11:12.1234567Z', '2026-03-01T10:11:12.123Z'],
  ])('reads the retention floor from %j', (message, expected) => {
    expect(retentionFloorFrom(message)?.toISOString()).toBe(expected);
  });

  it('also reads a US-style floor, as Date.parse does (local time without a zone)', () => {
    const floor = retentionFloorFrom('minimum allowed time for activityDateTime is 03/01/2026 10:00:00 AM');
    expect(floor?.getTime()).toBe(new Date(2026, 2, 1, 10).getTime());
  });

  it.each([['Invalid filter clause'], ['Minimum allowed time for activityDateTime is soon'], [undefined]])(
    'finds no retention floor in %j',
    (message) => {
      expect(retentionFloorFrom(message)).toBeUndefined();
    },
  );
});
