import { ODataError } from '../../../src/sim/odata-error';
import { auditMatches, parseAuditFilter } from '../../../src/sim/odata-filter';

const ms = (iso: string) => Date.parse(iso);

describe('parseAuditFilter', () => {
  it('reads the filter the client sends', () => {
    // Act
    const filter = parseAuditFilter(
      "loggedByService eq 'Authentication Methods' and activityDateTime ge 2026-03-09T12:00:00Z and activityDateTime le 2026-03-10T12:00:01Z",
    );

    // Assess
    expect(filter).toEqual({
      services: ['Authentication Methods'],
      lower: { ms: ms('2026-03-09T12:00:00Z'), inclusive: true },
      upper: { ms: ms('2026-03-10T12:00:01Z'), inclusive: true },
    });
  });

  it('reads an activity filter, the form the poller sends', () => {
    // Act
    const filter = parseAuditFilter(
      "activityDisplayName eq 'Admin registered security info' and activityDateTime ge 2026-03-09T12:00:00Z",
    );

    // Assess
    expect(filter).toEqual({
      services: [],
      activities: ['Admin registered security info'],
      lower: { ms: ms('2026-03-09T12:00:00Z'), inclusive: true },
    });
  });

  it('keeps the tightest bound and treats gt and lt as exclusive', () => {
    // Act
    const filter = parseAuditFilter(
      'activityDateTime ge 2026-03-01T00:00:00Z and activityDateTime gt 2026-03-02T00:00:00Z and ' +
        'activityDateTime lt 2026-03-05T00:00:00.5+01:00 and activityDateTime le 2026-03-06T00:00:00Z',
    );

    // Assess
    expect(filter.lower).toEqual({ ms: ms('2026-03-02T00:00:00Z'), inclusive: false });
    expect(filter.upper).toEqual({ ms: ms('2026-03-04T23:00:00.5Z'), inclusive: false });
  });

  it('unescapes doubled quotes in string literals', () => {
    expect(parseAuditFilter("loggedByService eq 'O''Brien'").services).toEqual(["O'Brien"]);
  });

  it.each([
    ["category eq 'UserManagement'", /property "category"/],
    ["loggedByService ne 'Authentication Methods'", /operator "ne"/],
    ['activityDateTime eq 2026-03-01T00:00:00Z', /operator "eq"/],
    ["activityDateTime ge '2026-03-01T00:00:00Z'", /unquoted DateTimeOffset/],
    ['loggedByService eq Authentication', /quoted string/],
    ["startswith(activityDisplayName,'Admin')", /unexpected "\(/],
    ["loggedByService eq 'a' or loggedByService eq 'b'", /unsupported "or"/],
    ["activityDisplayName eq 'a' or activityDisplayName eq 'b'", /unsupported "or"/],
    ["activityDisplayName in ('a','b')", /operator "in"|unexpected/],
    ["activityDisplayName ne 'a'", /operator "ne" is not supported for activityDisplayName/],
    ["(loggedByService eq 'a')", /unexpected "\(/],
    ["loggedByService eq 'a' and", /expected "<property> <operator> <value>"/],
    ["loggedByService eq 'unterminated", /unexpected/],
    ['', /expected/],
  ])('rejects %j', (text, message) => {
    // Act
    const parse = () => parseAuditFilter(text);

    // Assess
    expect(parse).toThrow(ODataError);
    expect(parse).toThrow(message);
  });
});

describe('auditMatches', () => {
  const filter = parseAuditFilter(
    "loggedByService eq 'Authentication Methods' and activityDateTime gt 2026-03-01T00:00:00Z and activityDateTime le 2026-03-02T00:00:00Z",
  );

  it.each([
    ['Authentication Methods', '2026-03-01T12:00:00Z', true],
    ['Authentication Methods', '2026-03-02T00:00:00Z', true],
    ['Authentication Methods', '2026-03-01T00:00:00Z', false],
    ['Authentication Methods', '2026-03-02T00:00:00.001Z', false],
    ['Core Directory', '2026-03-01T12:00:00Z', false],
  ])('service %s at %s → %s', (service, at, expected) => {
    expect(auditMatches(filter, { service, activity: 'Admin registered security info', ms: ms(at) })).toBe(
      expected,
    );
  });

  it.each([
    ['Admin registered security info', 'Authentication Methods', true],
    ['Admin registered security info', 'Authentication Methods ServiceApi', true],
    ['admin registered security info', 'Authentication Methods', false],
    ['User registered security info', 'Authentication Methods', false],
  ])('activity %j logged by %j → %s, whatever the service', (activity, service, expected) => {
    const byActivity = parseAuditFilter("activityDisplayName eq 'Admin registered security info'");
    expect(auditMatches(byActivity, { service, activity, ms: ms('2026-03-01T12:00:00Z') })).toBe(expected);
  });
});
