import type { TenantLicence } from '../directory/snapshot';
import { SAMPLE_ONBOARDING_APP_ID } from './sample-tenant-directory';
import { SAMPLE_TAP_IDS as T } from './sample-tenant-scenario';

/** One finding a correct detector must produce from the sample tenant. */
export interface SampleExpectation {
  description: string;
  targetUpn: string;
  tapId: string;
  /** Every rule id on the finding (`tap-issued` included), in catalog order. */
  rules: string[];
  severity: string;
}

/**
 * Settings the expectations assume: defaults (MAX_TAP_LIFETIME_MINUTES 480, no extra privileged roles
 * or sync patterns) plus the onboarding app allowed to issue passes.
 */
export const SAMPLE_TENANT_SETTINGS = {
  ALLOWED_TAP_APP_IDS: SAMPLE_ONBOARDING_APP_ID,
} as const;

const D = '@contoso.onmicrosoft.com';
const ISSUED = 'tap-issued';
const PRIVILEGED = 'tap-privileged-target';
const SYNC = 'tap-sync-account';
const NOT_AUTHORIZED = 'tap-initiator-not-authorized';
const APP = 'tap-app-initiator';
const LONG = 'tap-long-lifetime';
const SIGNIN = 'tap-signin';
const METHOD = 'tap-method-registered';
const PERSISTENCE = 'tap-persistence';

/**
 * What a correct detector finds in the sample tenant, one entry per finding, written by hand from
 * the scenario and the rules as docs/rules.md describes them, not by running the rules: it is the independent oracle of the demo
 * tests. The failed creation (Grady Archie → Gerhart Moller) and the two deletions yield nothing; a TAP
 * deletion is no victim wipe. Chain rules as a cycle that sees the whole day finds them: a method
 * registered while the pass was valid links, one registered after it expired does not, and sign-ins are
 * read only for TAPs at or above the alert threshold.
 * Alerting (ALERT_MIN_SEVERITY medium): every medium+ finding alerts once, except the second pass to
 * Joni Sherman, which the dedup window suppresses (same target, initiator and rule set 3 h earlier).
 */
export const SAMPLE_TENANT_EXPECTATIONS: SampleExpectation[] = [
  {
    description: 'Help-desk TAP by an Authentication Administrator to a user without roles',
    targetUpn: `HenriettaM${D}`,
    tapId: T.plainHelpdesk,
    // She registers her authenticator eight minutes later, with the pass.
    rules: [ISSUED, METHOD],
    severity: 'informational',
  },
  {
    description: 'One-time help-desk TAP by an Authentication Administrator to a user without roles',
    targetUpn: `IrvinS${D}`,
    tapId: T.oneTimeHelpdesk,
    rules: [ISSUED],
    severity: 'informational',
  },
  {
    description:
      'Authentication Administrator issues a TAP to a Directory Readers holder (a role it may manage)',
    targetUpn: `LynneR${D}`,
    tapId: T.directoryReader,
    rules: [ISSUED],
    severity: 'informational',
  },
  {
    description:
      'Authentication Administrator issues a TAP to a Global Administrator (the break-glass account)',
    targetUpn: `emergency-access01${D}`,
    tapId: T.authAdminToGlobalAdmin,
    rules: [ISSUED, PRIVILEGED, NOT_AUTHORIZED],
    severity: 'high',
  },
  {
    description:
      'Authentication Administrator issues a TAP to a holder of the custom "Contoso Tier1 Admin" role',
    targetUpn: `NestorW${D}`,
    tapId: T.customTier1Admin,
    rules: [ISSUED, PRIVILEGED, NOT_AUTHORIZED],
    severity: 'high',
  },
  {
    description: 'Seven-day TAP by an Authentication Administrator to a user without roles',
    targetUpn: `DebraB${D}`,
    tapId: T.longLifetime,
    rules: [ISSUED, LONG],
    severity: 'low',
  },
  {
    description:
      'Privileged Authentication Administrator issues a TAP to a PIM-eligible-only Security Administrator',
    targetUpn: `JoniS${D}`,
    tapId: T.eligibleSecurityAdminFirst,
    rules: [ISSUED, PRIVILEGED],
    severity: 'high',
  },
  {
    description:
      'Second TAP to the same eligible Security Administrator 3 h later (stored, alert suppressed)',
    targetUpn: `JoniS${D}`,
    tapId: T.eligibleSecurityAdminSecond,
    rules: [ISSUED, PRIVILEGED],
    severity: 'high',
  },
  {
    description:
      'Privileged Authentication Administrator issues a TAP to an AU-scoped Authentication Administrator',
    targetUpn: `JohannaL${D}`,
    tapId: T.auScopedAuthAdmin,
    rules: [ISSUED, PRIVILEGED],
    severity: 'high',
  },
  {
    description:
      'Privileged Authentication Administrator issues a TAP to a holder of a custom non-admin role',
    targetUpn: `PradeepG${D}`,
    tapId: T.customNonAdminRole,
    rules: [ISSUED],
    severity: 'informational',
  },
  {
    description:
      'Global Administrator issues a TAP to a Tier0 Admins member (Privileged Role Administrator via group)',
    targetUpn: `PattiF${D}`,
    tapId: T.tier0GroupMember,
    rules: [ISSUED, PRIVILEGED],
    severity: 'high',
  },
  {
    description: 'Global Administrator issues a TAP to themselves',
    targetUpn: `MeganB${D}`,
    tapId: T.selfIssuedGlobalAdmin,
    rules: [ISSUED, PRIVILEGED, NOT_AUTHORIZED],
    severity: 'high',
  },
  {
    description:
      'Global Administrator issues a TAP to an Exchange Administrator, logged as two records (one finding)',
    targetUpn: `AlexW${D}`,
    tapId: T.mergedTwoRecords,
    rules: [ISSUED, PRIVILEGED],
    severity: 'high',
  },
  {
    description: 'User Administrator issues a TAP to the Entra Connect sync account',
    targetUpn: `Sync_CONTOSO-DC01_1a2b3c4d5e6f${D}`,
    tapId: T.syncAccount,
    rules: [ISSUED, SYNC, NOT_AUTHORIZED],
    severity: 'critical',
  },
  {
    description:
      'An app outside ALLOWED_TAP_APP_IDS (privileged through Tier0 Admins) issues a TAP through Graph, logged as Authentication Methods ServiceApi',
    targetUpn: `ChristieC${D}`,
    tapId: T.unknownApp,
    rules: [ISSUED, APP],
    severity: 'medium',
  },
  {
    description: 'The allowed onboarding app issues a TAP to a new hire',
    targetUpn: `AvaT${D}`,
    tapId: T.onboardingA,
    rules: [ISSUED],
    severity: 'informational',
  },
  {
    description: 'The allowed onboarding app issues a TAP to a new hire',
    targetUpn: `NoahP${D}`,
    tapId: T.onboardingB,
    rules: [ISSUED],
    severity: 'informational',
  },
  {
    description:
      'The allowed onboarding app issues an 8-hour TAP (exactly the 480-minute limit) to a new hire',
    targetUpn: `SofiaM${D}`,
    tapId: T.onboardingC,
    // Her authenticator and phone, 105 minutes later, fall inside the 8-hour pass (the other hires' do not).
    rules: [ISSUED, METHOD],
    severity: 'informational',
  },
  {
    description:
      'The complete chain: a TAP to a Tier0 Admins member, a sign-in with it, then a passkey registered with it',
    targetUpn: `MiriamG${D}`,
    tapId: T.chainTier0,
    rules: [ISSUED, PRIVILEGED, SIGNIN, METHOD, PERSISTENCE],
    severity: 'critical',
  },
];

/**
 * The findings of the sample tenant served with `licence`. P2 is SAMPLE_TENANT_EXPECTATIONS. Without P2
 * eligibility cannot be read, so Joni Sherman, privileged only as an eligible Security
 * Administrator, looks like a user without roles: both her TAPs are plain `tap-issued` findings, neither
 * alerts at the medium threshold, and no dedup is left to suppress. Nothing else in the scenario
 * depends on eligibility (eligible roles never authorize an issuer). A Free tenant also serves no sign-in
 * logs, so no finding carries `tap-signin`; the chain still escalates on its passkey.
 */
export function sampleExpectationsFor(licence: TenantLicence): SampleExpectation[] {
  if (licence === 'p2') return SAMPLE_TENANT_EXPECTATIONS;
  const eligibleOnly = new Set<string>([T.eligibleSecurityAdminFirst, T.eligibleSecurityAdminSecond]);
  return SAMPLE_TENANT_EXPECTATIONS.map((e) => {
    if (eligibleOnly.has(e.tapId)) return { ...e, rules: [ISSUED], severity: 'informational' };
    // Free tenants get no sign-in logs (403): the chain is seen from the audit log alone.
    if (licence === 'free') return { ...e, rules: e.rules.filter((r) => r !== SIGNIN) };
    return e;
  });
}
