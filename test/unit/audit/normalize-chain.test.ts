import { MalformedRecordError } from '../../../src/audit/audit-errors';
import { normalizeChain } from '../../../src/audit/normalize-chain';
import { normalizeRecord } from '../../../src/audit/normalize-record';
import { isSignInRecord, normalizeSignIn } from '../../../src/audit/normalize-signin';
import { AUDIT_SHAPERS as SHAPERS } from './audit-shapes';
import { fixtureRecords, SHAPES } from './fixture';

const USER = '30a6c29d-de7c-4830-815f-9b3bb366e975';
const ADMIN = 'ac7e68c4-40fe-4b81-a7f7-b484de797cd3';
const user = { id: USER, displayName: 'Victim', type: 'User', userPrincipalName: 'victim@example.com' };
const byUser = {
  user: { id: USER, userPrincipalName: 'victim@example.com', ipAddress: '203.0.113.9' },
  app: null,
};
const byAdmin = {
  user: { id: ADMIN, userPrincipalName: 'admin@example.com', ipAddress: '203.0.113.7' },
  app: null,
};

/** A Graph directoryAudit with the fields chain records carry. */
function audit(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `rec_${String(fields.activityDisplayName)}_${String(fields.resultReason ?? '')}`,
    category: 'UserManagement',
    correlationId: '0d1c5c0e-4c2f-4a59-9c1e-7f0e2d3b4a11',
    result: 'success',
    resultReason: '',
    activityDateTime: '2026-11-20T10:15:00.1234567Z',
    loggedByService: 'Authentication Methods',
    initiatedBy: byUser,
    targetResources: [{ ...user, modifiedProperties: [] }],
    additionalDetails: [],
    ...fields,
  };
}

const pimRecord = (activity: string, service: string, targets: unknown[]) =>
  audit({
    category: 'RoleManagement',
    loggedByService: service,
    activityDisplayName: activity,
    targetResources: targets,
    additionalDetails: [
      { key: 'RoleDefinitionOriginId', value: '62e90394-69f5-4237-9190-012177145e10' },
      { key: 'StartTime', value: '2026-11-20T10:15:00Z' },
    ],
  });
const roleTarget = { id: 'r1', displayName: 'Global Administrator', type: 'Role', modifiedProperties: [] };

describe.each(SHAPERS)('normalizeChain() over %s records', (source, shape) => {
  it.each([
    [
      'User registered security info',
      'User registered Fido2 Authentication Method',
      'Fido2 Authentication Method',
    ],
    ['user registered SECURITY info', 'User registered Passkey', 'Passkey'],
    ['Admin registered security info', 'Admin registered phone method for user', 'phone method'],
    ['User updated security info', 'User updated Mobile Phone SMS', 'Mobile Phone SMS'],
    [
      'User registered security info',
      'User registered Authenticator App with Notification and Code',
      'Authenticator App with Notification and Code',
    ],
  ])('reads "%s" / "%s" as a registration of %s', (activity, reason, method) => {
    const [event, ...rest] = normalizeChain(
      shape(audit({ activityDisplayName: activity, resultReason: reason })),
    );

    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      kind: 'method-registered',
      method,
      service: 'authentication-methods',
      source,
      recordType: 'audit',
      target: { id: USER, userPrincipalName: 'victim@example.com' },
      time: '2026-11-20T10:15:00.1234567Z',
    });
  });

  it.each([
    ['Add Windows Hello for Business credential', 'Windows Hello for Business credential'],
    ['add fido2 security key', 'FIDO2 security key'],
    ['Add passwordless phone sign-in credential', 'passwordless phone sign-in credential'],
    ['Register device', 'device'],
  ])(
    'reads the device service activity "%s" as a registration for the user who made it',
    (activity, method) => {
      // Prepare: the target is the device; the user is only the initiator
      const record = audit({
        loggedByService: 'Device Registration Service',
        category: 'Device',
        activityDisplayName: activity,
        targetResources: [{ id: 'dev-1', displayName: 'LAPTOP-1', type: 'Device', modifiedProperties: [] }],
      });

      // Act
      const events = normalizeChain(shape(record));

      // Assess
      expect(events).toMatchObject([
        { kind: 'method-registered', method, service: 'device-registration', target: { id: USER } },
      ]);
    },
  );

  it.each([
    ['Add member to role completed (PIM activation)', 'PIM', 'completed'],
    ['Add member to role requested (PIM activation)', 'Privileged Identity Management', 'requested'],
    ['add member to role COMPLETED (pim activation)', 'pim', 'completed'],
  ])(
    'reads "%s" logged by %s as a role activation, wherever the role target sits',
    (activity, service, stage) => {
      for (const targets of [
        [roleTarget, { ...user, modifiedProperties: [] }],
        [{ ...user, modifiedProperties: [] }, roleTarget],
      ]) {
        const events = normalizeChain(shape(pimRecord(activity, service, targets)));

        expect(events).toMatchObject([
          {
            kind: 'role-activated',
            stage,
            role: { name: 'Global Administrator', templateId: '62e90394-69f5-4237-9190-012177145e10' },
            target: { id: USER },
          },
        ]);
      }
    },
  );

  it('reads a deletion of another method as a method deletion, and the TAP deletion as a TAP deletion', () => {
    const other = audit({
      activityDisplayName: 'Admin deleted security info',
      resultReason: 'Admin deleted Authenticator App with Notification and Code',
      initiatedBy: byAdmin,
    });
    const tap = audit({
      id: 'tap-deletion',
      activityDisplayName: 'Admin deleted security info',
      resultReason: 'Admin deleted temporary access pass method for user',
      initiatedBy: byAdmin,
    });

    expect(normalizeChain(shape(other))).toMatchObject([
      { kind: 'method-deleted', isTap: false, method: 'Authenticator App with Notification and Code' },
    ]);
    expect(normalizeChain(shape(tap))).toMatchObject([{ kind: 'method-deleted', isTap: true }]);
  });

  it('refuses, with its audit id, a security-info record that names no user and a chain record without a time', () => {
    const noUser = audit({
      id: 'rec-no-user',
      activityDisplayName: 'Admin deleted security info',
      resultReason: 'Admin deleted phone method for user',
      initiatedBy: byAdmin,
      targetResources: [],
    });
    const noTime = audit({
      id: 'rec-no-time',
      activityDisplayName: 'User registered security info',
      resultReason: 'User registered Fido2 Authentication Method',
      activityDateTime: undefined,
    });

    for (const [record, reason] of [
      [noUser, 'security-info record that names no user account'],
      [noTime, 'chain record without a time'],
    ] as const) {
      const thrown = catchError(() => normalizeChain(shape(record)));
      expect(thrown).toBeInstanceOf(MalformedRecordError);
      expect(thrown).toMatchObject({ reason, recordId: record.id });
    }
  });

  it('gives no event, and no error, for a device registration by an app that names no user', () => {
    const device = audit({
      activityDisplayName: 'Register device',
      loggedByService: 'Device Registration Service',
      initiatedBy: {
        user: null,
        app: { appId: '00000000-0000-0000-0000-00000000000a', displayName: 'Autopilot' },
      },
      targetResources: [{ id: '5a0c1d2e-0000-4000-8000-00000000dev1', type: 'Device', displayName: 'PC-1' }],
    });

    expect(normalizeChain(shape(device))).toEqual([]);
  });

  it('ignores failures, TAP creations and unrelated activities', () => {
    const failed = audit({
      activityDisplayName: 'User registered security info',
      resultReason: 'User registered Fido2 Authentication Method',
      result: 'failure',
    });
    const tap = audit({
      activityDisplayName: 'Admin registered security info',
      resultReason: 'Admin registered temporary access pass method for user',
    });
    const other = audit({ activityDisplayName: 'Update user', loggedByService: 'Core Directory' });

    expect([failed, tap, other].flatMap((r) => normalizeChain(shape(r)))).toEqual([]);
  });
});

describe('normalizeRecord()', () => {
  it('gives TAP events and no chain events for every TAP variant fixture', () => {
    for (const { file } of SHAPES) {
      for (const record of fixtureRecords(`tap-variants.${file}.json`)) {
        const { taps, chain } = normalizeRecord(record);
        expect(taps.length).toBeGreaterThan(0);
        expect(chain.filter((e) => e.kind === 'method-registered')).toEqual([]);
      }
    }
  });
});

const signIn = {
  id: '66ea54eb-6301-4ee5-be62-ff5a759b8100',
  createdDateTime: '2026-11-20T10:20:00Z',
  userDisplayName: 'Victim',
  userPrincipalName: 'victim@example.com',
  userId: USER,
  appDisplayName: 'My Sign-Ins',
  ipAddress: '198.51.100.23',
  status: { errorCode: 0 },
  authenticationDetails: [
    {
      authenticationStepDateTime: '2026-11-20T10:20:00Z',
      authenticationMethod: 'Temporary Access Pass',
      succeeded: true,
    },
  ],
};

describe('normalizeSignIn()', () => {
  const logAnalytics = {
    TimeGenerated: signIn.createdDateTime,
    Id: signIn.id,
    UserId: USER,
    UserPrincipalName: 'victim@example.com',
    AppDisplayName: 'My Sign-Ins',
    IPAddress: '198.51.100.23',
    ResultType: '0',
    Category: 'SignInLogs',
    AuthenticationDetails: JSON.stringify(signIn.authenticationDetails),
  };
  const azureMonitor = {
    time: signIn.createdDateTime,
    operationName: 'Sign-in activity',
    category: 'SignInLogs',
    properties: signIn,
  };

  it.each([
    ['graph', signIn],
    ['log-analytics', logAnalytics],
    ['azure-monitor', azureMonitor],
  ])('reads a %s sign-in that used the TAP', (source, record) => {
    expect(isSignInRecord(record)).toBe(true);
    expect(normalizeSignIn(record)).toEqual([
      expect.objectContaining({
        kind: 'tap-signin',
        source,
        recordId: signIn.id,
        recordType: 'sign-in',
        time: signIn.createdDateTime,
        target: expect.objectContaining({ id: USER }),
        appDisplayName: 'My Sign-Ins',
        succeeded: true,
      }),
    ]);
  });

  it('ignores a sign-in with other methods, and one whose TAP step failed', () => {
    const password = {
      ...signIn,
      authenticationDetails: [{ authenticationMethod: 'Password', succeeded: true }],
    };
    const failedTap = {
      ...signIn,
      authenticationDetails: [{ authenticationMethod: 'Temporary Access Pass', succeeded: false }],
    };

    expect([...normalizeSignIn(password), ...normalizeSignIn(failedTap)]).toEqual([]);
  });

  it('marks a sign-in that failed as a whole after the TAP step passed', () => {
    expect(normalizeSignIn({ ...signIn, status: { errorCode: 53003 } })).toMatchObject([
      { succeeded: false },
    ]);
  });

  it('refuses a TAP sign-in without a user id', () => {
    const { userId: _gone, ...noUser } = signIn;
    expect(() => normalizeSignIn({ ...noUser, authenticationDetails: signIn.authenticationDetails })).toThrow(
      MalformedRecordError,
    );
  });

  it('does not take audit records for sign-ins', () => {
    for (const { file } of SHAPES) {
      for (const record of fixtureRecords(`quiet.${file}.json`)) expect(isSignInRecord(record)).toBe(false);
    }
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
