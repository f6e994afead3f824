import { methodRegistered, securityInfoEvent, tapCreated, tapDeleted } from './audit-builders';
import { auditRecordId, type DirectoryAuditRecord, type SimInitiator, type SimUser } from './audit-record';
import { createPrng, hashSeed, stableUuid } from './prng';
import { SAMPLE_PEOPLE as P, SAMPLE_ONBOARDING_APP, SAMPLE_UNKNOWN_APP } from './sample-tenant-directory';

/**
 * The TAP story of the sample day: one record (or pair) per class a detector must tell apart.
 * SAMPLE_TENANT_EXPECTATIONS states, independently, what each should produce.
 */

/** The fixed day (UTC) of the sample tenant's audit log. */
export const SAMPLE_DAY = '2026-11-19';
const DAY_START = Date.parse(`${SAMPLE_DAY}T00:00:00Z`);

/** Milliseconds since the epoch of a time of the sample day. */
export function sampleTime(hours: number, minutes: number, seconds = 0, millis = 0): number {
  return DAY_START + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

const ID_PREFIX = 'Authentication Methods';
/** The service name Microsoft's example shows beside an API-created TAP. */
export const SAMPLE_SERVICE_API = 'Authentication Methods ServiceApi';
const tap = (name: string): string => stableUuid(`contoso:tap:${name}`);

/** TAP ids of the scenario, by case. */
export const SAMPLE_TAP_IDS = {
  plainHelpdesk: tap('plain-helpdesk'),
  oneTimeHelpdesk: tap('one-time-helpdesk'),
  authAdminToGlobalAdmin: tap('auth-admin-to-global-admin'),
  eligibleSecurityAdminFirst: tap('eligible-security-admin-1'),
  eligibleSecurityAdminSecond: tap('eligible-security-admin-2'),
  tier0GroupMember: tap('tier0-group-member'),
  syncAccount: tap('sync-account'),
  selfIssuedGlobalAdmin: tap('self-issued-global-admin'),
  unknownApp: tap('unknown-app'),
  onboardingA: tap('onboarding-a'),
  onboardingB: tap('onboarding-b'),
  onboardingC: tap('onboarding-c'),
  longLifetime: tap('long-lifetime'),
  mergedTwoRecords: tap('merged-two-records'),
  auScopedAuthAdmin: tap('au-scoped-auth-admin'),
  directoryReader: tap('directory-reader'),
  customTier1Admin: tap('custom-tier1-admin'),
  customNonAdminRole: tap('custom-non-admin-role'),
  failedCreation: tap('failed-creation'),
  chainTier0: tap('chain-tier0'),
} as const;

/**
 * The complete chain of the sample day (docs/rules.md): late in the evening the Global Administrator's
 * account issues a TAP to a Tier0 group member, the pass is used to sign in from an unfamiliar address,
 * and a passkey is registered with it half an hour later. The passkey is the newest record of the day, so
 * a demo whose later cycle is the one that sees it shows the finding escalating from high to critical.
 */
export const SAMPLE_CHAIN = {
  tapAt: sampleTime(22, 40, 7),
  signInAt: sampleTime(22, 47, 31),
  passkeyAt: sampleTime(23, 58, 2),
  attackerIp: '203.0.113.66',
} as const;

/** Fixed addresses of the admins, so a reader can follow one person through the log. */
const ADMIN_IPS: Record<string, string> = {
  [P.globalAdmin.id]: '198.51.100.24',
  [P.privilegedAuthAdmin.id]: '198.51.100.31',
  [P.authAdmin.id]: '198.51.100.57',
  [P.helpdeskAdmin.id]: '198.51.100.58',
  // The sync-account TAP comes from an unfamiliar address at night.
  [P.userAdmin.id]: '203.0.113.199',
};

export function asAdmin(user: SimUser): { user: SimUser; ipAddress: string } {
  return { user, ipAddress: ADMIN_IPS[user.id] ?? '198.51.100.90' };
}

/** Every scenario record (TAP creations, a failed attempt, deletions and the sign-up that follows). */
export function buildScenarioRecords(): DirectoryAuditRecord[] {
  const rng = createPrng(hashSeed('contoso:scenario'));
  const T = SAMPLE_TAP_IDS;
  const issue = (
    initiator: SimInitiator,
    target: SimUser,
    at: number,
    tapId: string,
    extra: Partial<Parameters<typeof tapCreated>[0]> = {},
  ): DirectoryAuditRecord =>
    tapCreated({ rng, at, initiator, target, tap: { id: tapId, lifetimeMinutes: 60 }, ...extra });
  const lee = asAdmin(P.authAdmin);
  const isaiah = asAdmin(P.privilegedAuthAdmin);
  const megan = asAdmin(P.globalAdmin);
  const onboarding = { app: SAMPLE_ONBOARDING_APP };
  const mergedAt = sampleTime(13, 40, 21, 337);
  const mergedCorrelation = stableUuid('contoso:correlation:merged-two-records');
  // One action logged twice: identical content, two record ids.
  const merged = issue(megan, P.exchangeAdmin, mergedAt, T.mergedTwoRecords, {
    correlationId: mergedCorrelation,
  });
  const mergedTwin = { ...structuredClone(merged), id: auditRecordId(ID_PREFIX, mergedCorrelation, rng) };

  return [
    // Help-desk recovery by the Authentication Administrator: benign.
    issue(lee, P.henrietta, sampleTime(8, 14, 5), T.plainHelpdesk),
    methodRegistered({
      rng,
      at: sampleTime(8, 22, 40),
      kind: 'authenticator',
      target: P.henrietta,
      ipAddress: '192.0.2.77',
    }),
    tapDeleted({
      rng,
      at: sampleTime(8, 40, 12),
      initiator: lee,
      target: P.henrietta,
      tapId: T.plainHelpdesk,
    }),
    issue(lee, P.irvin, sampleTime(10, 5, 55), T.oneTimeHelpdesk, {
      tap: { id: T.oneTimeHelpdesk, lifetimeMinutes: 60, usage: 'OneTime' },
    }),
    issue(lee, P.directoryReader, sampleTime(9, 47, 3), T.directoryReader),
    // An Authentication Administrator cannot issue to a Global Administrator (the break-glass account).
    issue(lee, P.breakGlass, sampleTime(2, 47, 31), T.authAdminToGlobalAdmin),
    issue(lee, P.tier1CustomAdmin, sampleTime(17, 36, 29), T.customTier1Admin),
    issue(lee, P.debra, sampleTime(11, 2, 33), T.longLifetime, {
      tap: { id: T.longLifetime, lifetimeMinutes: 7 * 24 * 60 },
    }),
    // The eligible-only Security Administrator gets two passes three hours apart (alert dedup).
    issue(isaiah, P.eligibleSecurityAdmin, sampleTime(9, 12, 44), T.eligibleSecurityAdminFirst, {
      propertyNames: '2022',
      zone: '+00:00',
    }),
    issue(isaiah, P.eligibleSecurityAdmin, sampleTime(12, 12, 44), T.eligibleSecurityAdminSecond),
    issue(isaiah, P.auAuthAdmin, sampleTime(15, 18, 50), T.auScopedAuthAdmin),
    issue(isaiah, P.reportViewer, sampleTime(16, 44, 11), T.customNonAdminRole),
    // The user is the second target here.
    issue(megan, P.tier0MemberA, sampleTime(10, 31, 9), T.tier0GroupMember, {
      leadingTarget: {
        id: stableUuid('contoso:policy:tap'),
        displayName: 'Temporary Access Pass authentication method policy',
        type: 'Other',
      },
    }),
    issue(megan, P.globalAdmin, sampleTime(22, 8, 17), T.selfIssuedGlobalAdmin),
    merged,
    mergedTwin,
    // A User Administrator cannot issue TAPs; a pass on the sync account is a stealth backdoor.
    issue(asAdmin(P.userAdmin), P.syncAccount, sampleTime(3, 26, 58), T.syncAccount),
    // Helpdesk Administrators cannot issue TAPs: the attempt fails and must not become a finding.
    issue(asAdmin(P.helpdeskAdmin), P.gerhart, sampleTime(11, 45, 0), T.failedCreation, {
      result: 'failure',
    }),
    // A forgotten automation (a member of Tier0 Admins) issues one pass through Graph, logged under
    // the `ServiceApi` service name of Microsoft's example; Isaiah removes it.
    issue({ app: SAMPLE_UNKNOWN_APP }, P.christie, sampleTime(14, 55, 40), T.unknownApp, {
      propertyNames: '2022',
      service: SAMPLE_SERVICE_API,
    }),
    tapDeleted({ rng, at: sampleTime(16, 5, 2), initiator: isaiah, target: P.christie, tapId: T.unknownApp }),
    // The complete chain: TAP to a Tier0 member, a sign-in with it (sign-in logs), then a passkey.
    issue(megan, P.tier0MemberB, SAMPLE_CHAIN.tapAt, T.chainTier0, {
      tap: { id: T.chainTier0, lifetimeMinutes: 120 },
    }),
    methodRegistered({
      rng,
      at: SAMPLE_CHAIN.passkeyAt,
      kind: 'fido2',
      target: P.tier0MemberB,
      ipAddress: SAMPLE_CHAIN.attackerIp,
    }),
    // Onboarding batch on the hire date: the allowed app, then the new hires set up their methods.
    issue(onboarding, P.newHireA, sampleTime(7, 0, 12), T.onboardingA, { propertyNames: '2022' }),
    issue(onboarding, P.newHireB, sampleTime(7, 0, 14), T.onboardingB),
    issue(onboarding, P.newHireC, sampleTime(7, 0, 16), T.onboardingC, {
      tap: { id: T.onboardingC, lifetimeMinutes: 480 },
    }),
    ...[P.newHireA, P.newHireB, P.newHireC].flatMap((hire, i) => {
      const ipAddress = `192.0.2.${140 + i}`;
      const at = sampleTime(8, 31 + i * 7, 10);
      return [
        methodRegistered({ rng, at, kind: 'authenticator', target: hire, ipAddress }),
        methodRegistered({ rng, at: at + 95_000, kind: 'phone', target: hire, ipAddress }),
        securityInfoEvent({ rng, at: at + 101_000, activity: 'allRequired', target: hire, ipAddress }),
      ];
    }),
  ];
}
