import type { TenantLicence, TenantSnapshot } from '../directory/snapshot';
import { ODataError } from './odata-error';

/**
 * The simulator's licence model: which calls a Free, P1 or P2 tenant answers, and how the others
 * refuse. Each answer is cited in docs/graph-behaviour.md. New licence-dependent endpoints add a
 * feature here and call `refuseUnlicensed` before serving.
 */

export type SimFeature = 'eligibility' | 'signIns';

const RANK: Record<TenantLicence, number> = { free: 0, p1: 1, p2: 2 };

/** The lowest licence that serves each feature. */
export const SIM_FEATURE_LICENCE: Readonly<Record<SimFeature, TenantLicence>> = {
  // PIM needs Entra ID P2 or Governance.
  eligibility: 'p2',
  // Sign-in reports need Entra ID P1 or P2.
  signIns: 'p1',
};

/**
 * How a tenant without the licence answers. Eligibility: 400 AadPremiumLicenseRequired (maester issue
 * 1421; older reports say 403, which tests inject as a fault). Sign-ins: 403
 * Authentication_RequestFromNonPremiumTenantOrB2CTenant (Microsoft's reporting-API troubleshooting;
 * the code string itself comes from field reports).
 */
const REFUSALS: Readonly<Record<SimFeature, { status: number; code: string; message: string }>> = {
  eligibility: {
    status: 400,
    code: 'AadPremiumLicenseRequired',
    message: 'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.',
  },
  signIns: {
    status: 403,
    code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    message: "Neither tenant is B2C or tenant doesn't have premium license",
  },
};

/** The tenant's licence; snapshots that do not say are P2 (everything served). */
export function licenceOf(tenant: Pick<TenantSnapshot, 'licence'>): TenantLicence {
  return tenant.licence ?? 'p2';
}

/** True when `licence` serves `feature`. */
export function licenceServes(licence: TenantLicence, feature: SimFeature): boolean {
  return RANK[licence] >= RANK[SIM_FEATURE_LICENCE[feature]];
}

/** Throws the documented refusal when `licence` does not serve `feature`. */
export function refuseUnlicensed(licence: TenantLicence, feature: SimFeature): void {
  if (licenceServes(licence, feature)) return;
  const refusal = REFUSALS[feature];
  throw new ODataError(refusal.message, refusal.status, refusal.code);
}

/** Days of audit and sign-in logs a tenant keeps: 7 on Free, 30 on P1 and P2. */
export function auditRetentionDays(licence: TenantLicence): number {
  return licence === 'free' ? 7 : 30;
}
