import { MalformedRecordError } from '../../../src/audit/audit-errors';
import { normalize } from '../../../src/audit/normalize';
import { EXPECTED_VARIANTS } from './expected-events';
import { fixtureRecords, SHAPES } from './fixture';

describe.each(SHAPES)('normalize() over $source records', ({ source, file }) => {
  const records = fixtureRecords(`tap-variants.${file}.json`);

  it('has one fixture record per TAP variant', () => {
    expect(records).toHaveLength(EXPECTED_VARIANTS.length);
  });

  it.each(EXPECTED_VARIANTS.map((v, index) => ({ ...v, index })))(
    'turns $variant into its TAP events',
    ({ events, index }) => {
      // Prepare
      const record = records[index];

      // Act
      const actual = normalize(record);

      // Assess
      expect(actual).toEqual(events.map((e) => ({ ...e, source })));
    },
  );

  it('finds no TAP creation in the quiet corpus of benign Authentication Methods traffic', () => {
    // Prepare
    const quiet = fixtureRecords(`quiet.${file}.json`);

    // Act
    const events = quiet.flatMap((record) => normalize(record));

    // Assess
    expect(quiet.length).toBeGreaterThanOrEqual(10);
    expect(events).toEqual([]);
  });
});

interface Property {
  displayName: string;
  newValue: string;
}
interface Target {
  [key: string]: unknown;
  id?: string;
  type?: string;
  modifiedProperties: Property[];
}
interface GraphRecord {
  [key: string]: unknown;
  targetResources: Target[];
}

describe('normalize() edge cases', () => {
  const [real] = fixtureRecords('tap-variants.graph.json') as unknown as [GraphRecord];
  /** A copy of the real record, with handles on its user target and that target's properties. */
  const clone = (): GraphRecord & { readonly target: Target; readonly properties: Property[] } => {
    const record = structuredClone(real);
    const target = record.targetResources[0] as Target;
    Object.defineProperty(record, 'target', { value: target, enumerable: false });
    Object.defineProperty(record, 'properties', { value: target.modifiedProperties, enumerable: false });
    return record as GraphRecord & { target: Target; properties: Property[] };
  };

  it('matches result, activity and reason case-insensitively', () => {
    // Prepare
    const record = clone();
    record.result = 'SUCCESS';
    record.resultReason = 'ADMIN REGISTERED TEMPORARY ACCESS PASS METHOD FOR USER';
    record.target.type = 'user';

    // Act
    const events = normalize(record);

    // Assess
    expect(events).toHaveLength(1);
  });

  it.each([
    ['a failure', { result: 'failure' }],
    [
      'a deletion',
      {
        activityDisplayName: 'Admin deleted security info',
        resultReason: 'Admin deleted temporary access pass method for user',
      },
    ],
    ['another method', { resultReason: 'Admin registered phone method for user', targetResources: [] }],
  ])('treats %s as no TAP creation', (_name, change) => {
    // Prepare
    const record = { ...clone(), ...change };

    // Act
    const events = normalize(record);

    // Assess
    expect(events).toEqual([]);
  });

  it.each([
    ['Authentication Methods ServiceApi', 1],
    ['authentication methods', 1],
    ['AUTHENTICATION METHODS SERVICEAPI', 1],
    [undefined, 1],
    ['Core Directory', 0],
    ['Self-service Password Management', 0],
  ])('takes a TAP creation logged by service %j: %i event(s)', (service, count) => {
    // Prepare
    const record = clone();
    if (service === undefined) delete record.loggedByService;
    else record.loggedByService = service;

    // Act
    const events = normalize(record);

    // Assess
    expect(events).toHaveLength(count);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an array', [real]],
    ['an object without id', { ...real, id: undefined }],
    ['an object with an empty id', { ...real, id: '  ' }],
  ])('rejects %s as a malformed record', (_name, record) => {
    // Act
    const act = () => normalize(record);

    // Assess
    expect(act).toThrow(MalformedRecordError);
  });

  it('rejects a TAP creation with no user target id as malformed rather than dropping it', () => {
    // Prepare
    const record = clone();
    delete record.target.id;

    // Act
    const act = () => normalize(record);

    // Assess
    expect(act).toThrow(/without a user target/);
  });

  it('takes untyped targets as users when the export dropped the type, but never other types', () => {
    // Prepare
    const untyped = clone();
    delete untyped.target.type;
    const device = clone();
    device.target.type = 'Device';

    // Act
    const fromUntyped = normalize(untyped);
    const fromDevice = () => normalize(device);

    // Assess
    expect(fromUntyped.map((e) => e.target.id)).toEqual(['30a6c29d-de7c-4830-815f-9b3bb366e975']);
    expect(fromDevice).toThrow(MalformedRecordError);
  });

  it('reads pass details from another target when the user target carries none', () => {
    // Prepare
    const record = clone();
    record.targetResources = [
      { id: 'pass', type: 'Other', modifiedProperties: record.properties },
      { ...record.target, modifiedProperties: [] },
    ];

    // Act
    const [event] = normalize(record);

    // Assess
    expect(event?.tap).toMatchObject({ id: '3d38627e-f962-4166-8f96-ea05e09c6309', lifetimeMinutes: 60 });
  });

  it('keeps unquoted values and leaves lifetime out when an end is missing or before the start', () => {
    // Prepare
    const record = clone();
    const [id, start, , usage] = record.properties as [Property, Property, Property, Property];
    id.newValue = 'plain-id';
    usage.newValue = '["Multiple"]';
    record.target.modifiedProperties = [id, start, usage];
    const reversed = clone();
    (reversed.properties[2] as Property).newValue = '"2022-06-27T09:00:00Z"';

    // Act
    const [event] = normalize(record);
    const [reversedEvent] = normalize(reversed);

    // Assess
    expect(event?.tap).toEqual({
      id: 'plain-id',
      startDateTime: '2022-06-27T10:03:42.4474495Z',
      usage: 'Multiple',
    });
    expect(reversedEvent?.tap.lifetimeMinutes).toBeUndefined();
  });

  it('calls an initiator with neither a user nor an app unknown', () => {
    // Prepare
    const record = clone();
    record.initiatedBy = { user: null, app: { appId: null, displayName: null } };

    // Act
    const [event] = normalize(record);

    // Assess
    expect(event?.initiator).toEqual({ type: 'unknown' });
  });
});
