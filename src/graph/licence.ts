import { GraphRequestError } from '../errors';
import { GraphServiceError } from './graph-errors';

/**
 * Licence-dependent Graph calls and how a tenant without the licence answers them. Every such call
 * degrades: the cycle goes on without that data and says so. `tapwatch doctor` reuses the
 * same recognition to report the tenant's tier.
 */

/** Entra ID licence tiers as far as tapwatch cares: what each turns on. */
export type LicenceTier = 'free' | 'p1' | 'p2';

/** Data that needs a licence: PIM eligibility (P2 or Governance) and sign-in logs (P1). */
export type LicensedFeature = 'eligibility' | 'signIns';

/** Why a licence-dependent call gave nothing: shown in the cycle summary and on each affected finding. */
export interface LicenceGap {
  feature: LicensedFeature;
  /** HTTP status Graph answered (400 or 403). */
  status: number;
  /** Graph error code, e.g. `AadPremiumLicenseRequired`; `Forbidden` when the body had none. */
  code: string;
  /** One line for people: what is missing and what tapwatch does without it. */
  reason: string;
}

/**
 * Error codes that name a missing licence. `AadPremiumLicenseRequired` is what eligibility answers
 * without P2 (HTTP 400; maester issue 1421); `Authentication_RequestFromNonPremiumTenantOrB2CTenant`
 * is what sign-ins answer without P1 (HTTP 403; "Neither tenant is B2C or tenant doesn't have premium
 * license" in Microsoft's reporting-API troubleshooting).
 */
const LICENCE_CODES: ReadonlySet<string> = new Set([
  'aadpremiumlicenserequired',
  'authentication_requestfromnonpremiumtenantorb2ctenant',
]);

const FEATURE_NAMES: Record<LicensedFeature, string> = {
  eligibility: 'PIM eligibility',
  signIns: 'sign-in logs',
};
const NEEDS: Record<LicensedFeature, string> = {
  eligibility: 'Microsoft Entra ID P2 or Governance',
  signIns: 'Microsoft Entra ID P1 or P2',
};
const WITHOUT: Record<LicensedFeature, string> = {
  eligibility: 'only active roles were considered',
  signIns: 'TAP sign-ins were not checked',
};

/**
 * The gap a failed licence-dependent call stands for, or undefined when the error is something else
 * (throttling, 5xx, a network error) and must fail the stage as usual. Handles every documented
 * reading: a licence code on 400 or 403, and a bare 403 (older eligibility reports, or the permission
 * not granted — the reason then names both causes, since Graph does not tell them apart).
 */
export function licenceGapFrom(error: unknown, feature: LicensedFeature): LicenceGap | undefined {
  if (!(error instanceof GraphRequestError)) return undefined;
  const code = error instanceof GraphServiceError ? error.graphCode : undefined;
  const named = code !== undefined && LICENCE_CODES.has(code.toLowerCase());
  if (!named && error.status !== 403) return undefined;
  if (named && error.status !== 400 && error.status !== 403) return undefined;
  const what = `${FEATURE_NAMES[feature]} unavailable (${error.status} ${code ?? 'Forbidden'})`;
  const why = named
    ? `the tenant has no ${NEEDS[feature]} licence`
    : `no ${NEEDS[feature]} licence, or the permission for it is not granted`;
  return {
    feature,
    status: error.status,
    code: code ?? 'Forbidden',
    reason: `${what}: ${why}; ${WITHOUT[feature]}`,
  };
}

/** What a probe of one licence-dependent call found. */
export type LicenceProbe =
  | { feature: LicensedFeature; available: true }
  | { available: false; gap: LicenceGap };

/**
 * Runs one minimal request for `feature` (callers pass the request) and classifies the answer; any
 * error that is not a licence gap is rethrown. Shared by the cycle and `tapwatch doctor`.
 */
export async function probeLicensedCall(
  feature: LicensedFeature,
  request: () => Promise<unknown>,
): Promise<LicenceProbe> {
  try {
    await request();
    return { feature, available: true };
  } catch (error) {
    const gap = licenceGapFrom(error, feature);
    if (!gap) throw error;
    return { available: false, gap };
  }
}

/**
 * The tier the probes reveal: eligibility readable → P2; sign-ins readable → at least P1; a sign-in
 * licence gap → Free. Undefined when the probes do not settle it (e.g. only eligibility was probed and
 * it failed). A 403 without a licence code may also be a missing permission, so it never proves a tier.
 */
export function licenceTierFrom(probes: readonly LicenceProbe[]): LicenceTier | undefined {
  const of = (feature: LicensedFeature) =>
    probes.find((p) => (p.available ? p.feature : p.gap.feature) === feature);
  const eligibility = of('eligibility');
  if (eligibility?.available) return 'p2';
  const signIns = of('signIns');
  if (signIns?.available) return 'p1';
  if (signIns && !signIns.available && LICENCE_CODES.has(signIns.gap.code.toLowerCase())) return 'free';
  return undefined;
}
