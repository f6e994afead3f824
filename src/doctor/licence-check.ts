import type { Config } from '../config';
import { type CheckResult, result } from './check';
import { answerText, hasCode, LICENCE_CODES, type ProbeAnswer } from './graph-probe';

/** Entra ID licence tiers as tapwatch sees them. */
export type Tier = 'free' | 'p1' | 'p2';

/**
 * The tenant's licence tier as Graph reveals it through answers the doctor gets anyway, with no extra
 * permission: eligibility readable → P2 (or Governance); eligibility 400 `AadPremiumLicenseRequired` → no
 * P2; sign-ins readable → at least P1; sign-ins 403 `Authentication_RequestFromNonPremiumTenantOrB2CTenant`
 * → no P1 (Free). Undefined when the answers settle nothing (refusals, outages).
 * (`GET /subscribedSkus` would also tell, with Directory.Read.All, but maps product names to tiers by a
 * table that changes; the two answers are what tapwatch's own calls will meet.)
 */
export function tierFrom(eligibility: ProbeAnswer | undefined, signIns: ProbeAnswer): Tier | undefined {
  if (eligibility?.ok) return 'p2';
  if (signIns.ok) return 'p1';
  if (hasCode(signIns, LICENCE_CODES.noP1)) return 'free';
  return undefined;
}

/**
 * The licence line: the tier and what it turns off. A missing licence is a degradation (exit 0): the cycle
 * runs without that data and says so. Free tenants keep audit records 7 days: a longer
 * AUDIT_RETENTION_DAYS only makes the first windows ask for records Graph no longer has.
 */
export function licenceCheck(
  eligibility: ProbeAnswer | undefined,
  signIns: ProbeAnswer,
  config: Pick<Config, 'auditRetentionDays'>,
): CheckResult {
  const tier = tierFrom(eligibility, signIns);
  const seen = `eligibility ${eligibility ? answerText(eligibility) : 'not asked'}, sign-ins ${answerText(signIns)}`;
  const noP2 = eligibility !== undefined && hasCode(eligibility, LICENCE_CODES.noP2);
  if (tier === 'p2') {
    return result(
      'licence',
      'licence',
      'pass',
      `Entra ID P2 or Governance (${seen}): PIM-eligible roles, sign-ins and 30-day audit retention are available`,
    );
  }
  if (tier === 'p1') {
    const p2 = noP2 ? 'no P2' : 'P2 unknown (eligibility could not be read)';
    return result(
      'licence',
      'licence',
      'degraded',
      `Entra ID P1, ${p2} (${seen}): PIM-eligible roles are not read, so a target only eligible for a privileged role is not seen as privileged; everything else works`,
      noP2
        ? 'nothing to change in tapwatch; an Entra ID P2 or Governance licence turns eligibility on'
        : 'see the RoleEligibilitySchedule.Read.Directory line',
    );
  }
  if (tier === 'free') {
    const retention =
      config.auditRetentionDays > 7
        ? `set AUDIT_RETENTION_DAYS=7 (it is ${config.auditRetentionDays}) so windows stay inside what the tenant keeps; `
        : '';
    return result(
      'licence',
      'licence',
      'degraded',
      `Entra ID Free (${seen}): no PIM-eligible roles, no sign-in correlation (a TAP's use is not seen), and audit records are kept 7 days`,
      `${retention}Entra ID P1 adds sign-ins and 30-day retention, P2 adds eligibility`,
    );
  }
  if (noP2) {
    return result(
      'licence',
      'licence',
      'degraded',
      `no Entra ID P2 (${seen}): PIM-eligible roles are not read; whether the tenant has P1 (sign-ins, 30-day retention) could not be told`,
      'see the Graph lines above; run doctor again once they pass',
    );
  }
  return result(
    'licence',
    'licence',
    'degraded',
    `could not be determined (${seen})`,
    'see the Graph lines above; run doctor again once they pass',
  );
}
