import type { Finding } from '../rules/finding';
import { rules } from '../rules/index';

/** Triage as findings carry it: the steps of each rule that fired, in rule order. */
function triageOf(...ids: string[]): string[] {
  return ids.flatMap((id) => rules.find((r) => r.id === id)?.triage ?? []);
}

/**
 * Findings whose Teams cards `docs/alerts.md` shows and the browser test renders: a critical sync-account
 * pass, a high one to a PIM-eligible admin, and an app-issued pass whose every audit-derived field carries
 * what an attacker would plant (links, Markdown, HTML, a mention, a date function, look-alike domains).
 */
export interface SampleCardFinding {
  name: string;
  caption: string;
  finding: Finding;
}

/** Attacker-controlled text: each piece must reach the reader as plain characters. */
export const HOSTILE_TEXT = {
  link: '[Reset your MFA here](https://evil.test/login)',
  url: 'https://login.microsoftonline.com.evil.test/reset',
  html: '<b>URGENT</b> <img src=x onerror=alert(1)>',
  markdown: '**approved by IT** _no action needed_',
  mention: '<at>Global Admins</at>',
  lookalike: 'rnicrosoft-support.com',
  homograph: 'micr\u043Esoft.com',
  dateFunction: '{{DATE(2017-02-14T06:00:00Z)}}',
} as const;

const hostile = Object.values(HOSTILE_TEXT).join(' ');

const BASE = {
  tenantId: '6c1a4f0e-8d3b-4f7a-9b2e-3d5c7e9f1a2b',
  detectedAt: '2026-11-20T09:05:00.000Z',
  audit: {
    ids: ['Authentication Methods_a6e8675c-0606-496c-a96f-57fdb3c26cff_MCIDL_404803635'],
    correlationId: 'a6e8675c-0606-496c-a96f-57fdb3c26cff',
    activity: 'Admin registered security info',
    resultReason: 'Admin registered temporary access pass method for user',
    source: 'graph' as const,
  },
};

export const SAMPLE_CARD_FINDINGS: readonly SampleCardFinding[] = [
  {
    name: 'critical-sync-account',
    caption: 'Critical: a pass for the directory sync account, issued by a user who may not issue passes',
    finding: {
      ...BASE,
      id: '15b0d2ff8c1a02297ca96005f87d00ad',
      severity: 'critical',
      title: 'TAP issued to directory sync account Sync_CONTOSO-DC01_1a2b3c4d5e6f@contoso.onmicrosoft.com',
      activityDateTime: '2026-11-20T08:14:05.000Z',
      rules: [
        {
          id: 'tap-sync-account',
          severity: 'critical',
          reason:
            'Target is a directory sync account: holds Directory Synchronization Accounts (active, direct, tenant-wide).',
          evidence: {},
        },
        {
          id: 'tap-initiator-not-authorized',
          severity: 'high',
          reason:
            'The initiator holds no active role that may issue a Temporary Access Pass (Global Administrator, Privileged Authentication Administrator or Authentication Administrator).',
          evidence: {},
        },
        {
          id: 'tap-issued',
          severity: 'informational',
          reason:
            'Temporary Access Pass issued to Sync_CONTOSO-DC01_1a2b3c4d5e6f@contoso.onmicrosoft.com by DiegoS@contoso.onmicrosoft.com, valid for 60 minutes (Multiple use).',
          evidence: {},
        },
      ],
      target: {
        id: '939f2e10-d2b4-4384-8c0a-b1d516913f87',
        userPrincipalName: 'Sync_CONTOSO-DC01_1a2b3c4d5e6f@contoso.onmicrosoft.com',
        displayName: 'On-Premises Directory Synchronization Service Account',
        roles: [
          {
            name: 'Directory Synchronization Accounts',
            templateId: 'd29b2b05-8046-44ba-8758-1e26182fcf32',
            via: 'direct',
            scope: '/',
          },
        ],
      },
      initiator: {
        type: 'user',
        id: 'cbc9271b-065f-4b4b-acaa-c164ead2fc18',
        userPrincipalName: 'DiegoS@contoso.onmicrosoft.com',
        displayName: 'Diego Siciliani',
        ipAddress: '203.0.113.199',
        roles: [
          {
            name: 'User Administrator',
            templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
            via: 'direct',
            scope: '/',
          },
        ],
      },
      tap: {
        id: '3d38627e-f962-4166-8f96-ea05e09c6309',
        startDateTime: '2026-11-20T08:14:04Z',
        endDateTime: '2026-11-20T09:14:04Z',
        lifetimeMinutes: 60,
        usage: 'Multiple',
      },
      attack: ['T1078.004', 'T1098', 'T1098.001', 'T1556'],
      triage: triageOf('tap-sync-account', 'tap-initiator-not-authorized'),
    },
  },
  {
    name: 'high-eligible-admin',
    caption: 'High: a pass for a user who can activate Security Administrator through PIM',
    finding: {
      ...BASE,
      id: '8a41e0c9d3b2f1e0a9b8c7d6e5f4a3b2',
      severity: 'high',
      title: 'TAP issued to privileged account JoniS@contoso.onmicrosoft.com',
      activityDateTime: '2026-11-20T12:36:00.000Z',
      rules: [
        {
          id: 'tap-privileged-target',
          severity: 'high',
          reason: 'Security Administrator (eligible, tenant-wide)',
          evidence: {},
        },
        {
          id: 'tap-issued',
          severity: 'informational',
          reason:
            'Temporary Access Pass issued to JoniS@contoso.onmicrosoft.com by IsaiahL@contoso.onmicrosoft.com, valid for 60 minutes (Multiple use).',
          evidence: {},
        },
      ],
      target: {
        id: '2f7d3c1a-9b8e-4d6f-a5c4-b3e2d1f0a9c8',
        userPrincipalName: 'JoniS@contoso.onmicrosoft.com',
        displayName: 'Joni Sherman',
        roles: [
          {
            name: 'Security Administrator',
            templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d',
            via: 'eligible',
            scope: '/',
          },
        ],
      },
      initiator: {
        type: 'user',
        id: '5c3e1a9f-7d2b-4c8e-9f6a-1b0d2e3f4a5b',
        userPrincipalName: 'IsaiahL@contoso.onmicrosoft.com',
        displayName: 'Isaiah Langer',
        ipAddress: '198.51.100.23',
        roles: [
          {
            name: 'Privileged Authentication Administrator',
            templateId: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
            via: 'direct',
            scope: '/',
          },
        ],
      },
      tap: {
        id: '6b2a1c0d-9e8f-4a7b-b6c5-d4e3f2a1b0c9',
        startDateTime: '2026-11-20T12:36:00Z',
        endDateTime: '2026-11-20T13:36:00Z',
        lifetimeMinutes: 60,
        usage: 'Multiple',
      },
      attack: ['T1078.004', 'T1098.001'],
      triage: triageOf('tap-privileged-target'),
    },
  },
  {
    name: 'medium-hostile-app',
    caption:
      'Medium, with hostile text: every audit-derived field carries links, Markdown, HTML and look-alikes',
    finding: {
      ...BASE,
      id: 'c0ffee00d15ea5e0badc0de000000001',
      severity: 'medium',
      title: `TAP issued to ${HOSTILE_TEXT.homograph}@contoso.com by app ${HOSTILE_TEXT.link}`,
      activityDateTime: '2026-11-20T14:57:00.000Z',
      rules: [
        {
          id: 'tap-app-initiator',
          severity: 'medium',
          reason: `Issued by application "${hostile}", which is not in ALLOWED_TAP_APP_IDS.`,
          evidence: {},
        },
        {
          id: 'tap-issued',
          severity: 'informational',
          reason: `Temporary Access Pass issued to ${HOSTILE_TEXT.homograph}@contoso.com, valid for 60 minutes (${HOSTILE_TEXT.markdown} use).`,
          evidence: {},
        },
      ],
      target: {
        id: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8',
        userPrincipalName: `${HOSTILE_TEXT.homograph}@contoso.com`,
        displayName: `${HOSTILE_TEXT.html} ${HOSTILE_TEXT.mention}`,
        roles: [],
      },
      initiator: {
        type: 'app',
        appId: 'c26fba79-3dfd-4ea1-97e6-87bb921d3c45',
        servicePrincipalId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        displayName: `${HOSTILE_TEXT.link} ${HOSTILE_TEXT.url} ${HOSTILE_TEXT.lookalike}`,
        roles: [],
      },
      tap: {
        startDateTime: '2026-11-20T14:57:00Z',
        endDateTime: '2026-11-20T15:57:00Z',
        lifetimeMinutes: 60,
        usage: `${HOSTILE_TEXT.markdown} ${HOSTILE_TEXT.dateFunction}`,
      },
      attack: ['T1098.001'],
      triage: triageOf('tap-app-initiator'),
    },
  },
];
