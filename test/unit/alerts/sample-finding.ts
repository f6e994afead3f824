import type { Finding, FindingRole } from '../../../src/rules/finding';

export const TARGET_ID = '30a6c29d-de7c-4830-815f-9b3bb366e975';

/** A realistic high-severity finding (privileged target, unauthorized initiator); override any part. */
export function sampleFinding(overrides: Partial<Finding> = {}): Finding {
  const globalAdmin: FindingRole = {
    name: 'Global Administrator',
    templateId: '62e90394-69f5-4237-9190-012177145e10',
    via: 'direct',
    scope: '/',
  };
  return {
    id: 'f3b1c2d4e5f60718293a4b5c6d7e8f90',
    tenantId: '11111111-2222-3333-4444-555555555555',
    severity: 'high',
    title: 'TAP issued to privileged account ga@contoso.com',
    activityDateTime: '2026-11-20T08:03:43.009Z',
    detectedAt: '2026-11-20T09:00:00.000Z',
    rules: [
      {
        id: 'tap-issued',
        severity: 'informational',
        reason: 'A Temporary Access Pass was issued',
        evidence: {},
      },
      {
        id: 'tap-privileged-target',
        severity: 'high',
        reason: 'Global Administrator (active, direct, tenant-wide)',
        evidence: {},
      },
    ],
    target: {
      id: TARGET_ID,
      userPrincipalName: 'ga@contoso.com',
      displayName: 'Grace Admin',
      roles: [globalAdmin],
    },
    initiator: {
      type: 'user',
      id: 'ac7e68c4-40fe-4b81-a7f7-b484de797cd3',
      userPrincipalName: 'helpdesk@contoso.com',
      displayName: 'Help Desk',
      ipAddress: '203.0.113.7',
      roles: [],
    },
    tap: {
      id: '3d38627e-f962-4166-8f96-ea05e09c6309',
      startDateTime: '2026-11-20T08:03:42Z',
      endDateTime: '2026-11-20T09:03:42Z',
      lifetimeMinutes: 60,
      usage: 'Multiple',
    },
    audit: {
      ids: ['Authentication Methods_a412fc4e-c5e5-4f37-a928-896c34deb7ee_1ZG16_116958925'],
      correlationId: 'a412fc4e-c5e5-4f37-a928-896c34deb7ee',
      activity: 'Admin registered security info',
      resultReason: 'Admin registered temporary access pass method for user',
      source: 'graph',
    },
    attack: ['T1078.004', 'T1098.001'],
    triage: ['Confirm with the target user that they asked for a TAP.', 'Check sign-ins that used the TAP.'],
    ...overrides,
  };
}
