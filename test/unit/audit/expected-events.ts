import type { TapEvent } from '../../../src/audit/tap-event';

/**
 * What each record of `test/fixtures/audit/tap-variants.*.json` must normalize to, in file order.
 * `source` is left out: it depends on the shape file.
 */
export type ExpectedEvent = Omit<TapEvent, 'source'>;

const GA = {
  type: 'user' as const,
  id: '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
  userPrincipalName: 'grace.admin@contoso.com',
  displayName: 'Grace Admin',
  ipAddress: '198.51.100.7',
};
const HELPDESK = {
  type: 'user' as const,
  id: '5f0c2b1e-7a3d-4e8f-9c1b-2d4e6f8a0b1c',
  userPrincipalName: 'helen.desk@contoso.com',
  displayName: 'Helen Desk',
  ipAddress: '203.0.113.24',
};
const ADMIN = 'Admin registered security info';
const ADMIN_TAP = 'Admin registered temporary access pass method for user';

export const EXPECTED_VARIANTS: { variant: string; events: ExpectedEvent[] }[] = [
  {
    variant: 'the real 2022 admin record',
    events: [
      {
        auditId: 'Authentication Methods_a412fc4e-c5e5-4f37-a928-896c34deb7ee_1ZG16_116958925',
        correlationId: 'a412fc4e-c5e5-4f37-a928-896c34deb7ee',
        activityDateTime: '2022-06-27T10:03:43.009984+00:00',
        activity: ADMIN,
        resultReason: ADMIN_TAP,
        target: {
          id: '30a6c29d-de7c-4830-815f-9b3bb366e975',
          userPrincipalName: 'victim@example.onmicrosoft.com',
          displayName: 'Victim',
        },
        initiator: {
          type: 'user',
          id: 'ac7e68c4-40fe-4b81-a7f7-b484de797cd3',
          userPrincipalName: 'attacker@example.onmicrosoft.com',
          displayName: 'Attacker',
          ipAddress: '255.255.255.255',
        },
        tap: {
          id: '3d38627e-f962-4166-8f96-ea05e09c6309',
          startDateTime: '2022-06-27T10:03:42.4474495Z',
          endDateTime: '2022-06-27T11:03:42.4474495Z',
          lifetimeMinutes: 60,
          usage: 'Multiple',
        },
      },
    ],
  },
  {
    variant: 'later property names with the user listed second',
    events: [
      {
        auditId: 'Authentication Methods_7e3f1a9c-2b4d-4c6e-8f0a-1b3d5f7a9c2e_X4K2P_61023377',
        correlationId: '7e3f1a9c-2b4d-4c6e-8f0a-1b3d5f7a9c2e',
        activityDateTime: '2026-11-20T08:14:05.1234567Z',
        activity: ADMIN,
        resultReason: ADMIN_TAP,
        target: {
          id: '9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a',
          userPrincipalName: 'ga@contoso.com',
          displayName: 'Global Admin Account',
        },
        initiator: HELPDESK,
        tap: {
          id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
          startDateTime: '2026-11-20T08:14:04.9000000Z',
          endDateTime: '2026-11-21T08:14:04.9000000Z',
          lifetimeMinutes: 1440,
          usage: 'Multiple',
        },
      },
    ],
  },
  {
    variant: 'a `Type` key on a sync-account target',
    events: [
      {
        auditId: 'Authentication Methods_3b5d7f9a-1c3e-4a5c-9e7a-2c4e6a8c0e2a_Q7M1Z_88210456',
        correlationId: '3b5d7f9a-1c3e-4a5c-9e7a-2c4e6a8c0e2a',
        activityDateTime: '2026-11-20T09:02:11.774Z',
        activity: ADMIN,
        resultReason: ADMIN_TAP,
        target: {
          id: '4a6c8e0f-2b4d-4f6a-8c0e-2a4c6e8a0c2e',
          userPrincipalName: 'Sync_AADC01_0a1b2c3d4e5f@contoso.onmicrosoft.com',
          displayName: 'On-Premises Directory Synchronization Service Account',
        },
        initiator: GA,
        tap: {
          id: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f7a',
          startDateTime: '2026-11-20T09:02:10.0000000Z',
          endDateTime: '2026-11-20T10:02:10.0000000Z',
          lifetimeMinutes: 60,
          usage: 'OneTime',
        },
      },
    ],
  },
  {
    variant: 'user wording from an app initiator',
    events: [
      {
        auditId: 'Authentication Methods_9a1c3e5a-7c9e-4b1d-8f3b-5d7f9b1d3f5b_L9W3F_10293847',
        correlationId: '9a1c3e5a-7c9e-4b1d-8f3b-5d7f9b1d3f5b',
        activityDateTime: '2026-11-20T06:00:03.5Z',
        activity: 'User registered security info',
        resultReason: 'User registered temporary access pass method',
        target: {
          id: '6b8d0f2b-4d6f-4b8d-af1b-3d5f7b9d1f3b',
          userPrincipalName: 'new.hire@contoso.com',
          displayName: 'New Hire',
        },
        initiator: {
          type: 'app',
          appId: 'ce79fdc4-cd1d-4ea5-8139-e74d7dbe0bb7',
          servicePrincipalId: '2e4a6c8e-0a2c-4e6a-8c0e-4a6c8e0a2c4e',
          displayName: 'Lifecycle Workflows',
        },
        tap: {
          id: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b',
          startDateTime: '2026-11-20T06:00:03.0000000Z',
          endDateTime: '2026-11-20T14:00:03.0000000Z',
          lifetimeMinutes: 480,
          usage: 'Multiple',
        },
      },
    ],
  },
  {
    variant: 'the community alias activity',
    events: [
      {
        auditId: 'Authentication Methods_1f3b5d7f-9b1d-4f3b-8d5f-7b9d1f3b5d7f_C0A1S_55501234',
        correlationId: '1f3b5d7f-9b1d-4f3b-8d5f-7b9d1f3b5d7f',
        activityDateTime: '2026-11-20T10:30:00Z',
        activity: 'Create Temporary Access Pass method for user',
        resultReason: '',
        target: {
          id: '8c0e2a4c-6e8a-4c0e-9a4c-6e8a0c2e4a6c',
          userPrincipalName: 'alice@contoso.com',
          displayName: 'Alice',
        },
        initiator: HELPDESK,
        tap: {},
      },
    ],
  },
  {
    variant: 'TAP property names as the only evidence',
    events: [
      {
        auditId: 'Authentication Methods_2c4e6a8c-0e2a-4c6e-8a0c-2e4a6c8e0a2c_P1R0P_77712345',
        correlationId: '2c4e6a8c-0e2a-4c6e-8a0c-2e4a6c8e0a2c',
        activityDateTime: '2026-11-20T11:45:30.25Z',
        activity: ADMIN,
        resultReason: '',
        target: {
          id: '0e2a4c6e-8a0c-4e2a-8c6e-8a0c2e4a6c8e',
          userPrincipalName: 'bob@contoso.com',
          displayName: 'Bob',
        },
        initiator: GA,
        tap: {
          id: 'f6a7b8c9-d0e1-4f2a-9b3c-4d5e6f7a8b9c',
          startDateTime: '2026-11-20T11:45:30.0000000Z',
          endDateTime: '2026-11-20T12:45:30.0000000Z',
          lifetimeMinutes: 60,
          usage: 'Multiple',
        },
      },
    ],
  },
  {
    variant: 'two user targets in one record',
    events: ['1a3c5e7a-9c1e-4a3c-8e5a-7c9e1a3c5e7a', '2b4d6f8b-0d2f-4b4d-9f6b-8d0f2b4d6f8b'].map((id, i) => ({
      auditId: 'Authentication Methods_5e7a9c1e-3a5c-4e7a-9c1e-3a5c7e9a1c3e_T2W0X_42424242',
      correlationId: '5e7a9c1e-3a5c-4e7a-9c1e-3a5c7e9a1c3e',
      activityDateTime: '2026-11-20T12:00:00.5Z',
      activity: ADMIN,
      resultReason: ADMIN_TAP,
      target:
        i === 0
          ? { id, userPrincipalName: 'carol@contoso.com', displayName: 'Carol' }
          : { id, userPrincipalName: 'dave@contoso.com', displayName: 'Dave' },
      initiator: GA,
      tap: {
        id: i === 0 ? 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d' : 'b8c9d0e1-f2a3-4b4c-9d5e-6f7a8b9c0d1e',
        startDateTime: '2026-11-20T12:00:00.0000000Z',
        endDateTime: '2026-11-20T13:00:00.0000000Z',
        lifetimeMinutes: 60,
        usage: 'Multiple',
      },
    })),
  },
  {
    variant: 'a self-issued pass',
    events: [
      {
        auditId: 'Authentication Methods_7a9c1e3a-5c7e-4a9c-8e3a-5c7e9a1c3e5a_S3LF1_31415926',
        correlationId: '7a9c1e3a-5c7e-4a9c-8e3a-5c7e9a1c3e5a',
        activityDateTime: '2026-11-20T13:15:00Z',
        activity: ADMIN,
        resultReason: ADMIN_TAP,
        target: { id: GA.id, userPrincipalName: GA.userPrincipalName, displayName: GA.displayName },
        initiator: GA,
        tap: {
          id: 'c9d0e1f2-a3b4-4c5d-8e6f-7a8b9c0d1e2f',
          startDateTime: '2026-11-20T13:15:00.0000000Z',
          endDateTime: '2026-11-20T14:15:00.0000000Z',
          lifetimeMinutes: 60,
          usage: 'Multiple',
        },
      },
    ],
  },
];
