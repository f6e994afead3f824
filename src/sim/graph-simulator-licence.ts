import { ODataError } from './odata-error';

/** Entra ID licence tier of a simulated tenant. */
export type SimLicence = 'free' | 'p1' | 'p2';

/**
 * How Graph answers licence-dependent calls in a tenant without the licence:
 * - `roleEligibilityScheduleInstances` without Entra ID P2 (or Governance): HTTP 400
 *   `AadPremiumLicenseRequired` (reported in maester issue 1421; older reports say 403 — the product
 *   copes with both, the simulator serves the current answer);
 * - beta `auditLogs/signIns` without P1: HTTP 403 `Authentication_RequestFromNonPremiumTenantOrB2CTenant`
 *   ("Neither tenant is B2C or tenant doesn't have premium license",
 *   https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-activity-logs-with-microsoft-graph).
 * Undefined when the tenant's licence serves the call.
 */
export function licenceRefusal(path: string, licence: SimLicence = 'p2'): ODataError | undefined {
  if (path === '/roleManagement/directory/roleEligibilityScheduleInstances' && licence !== 'p2') {
    return new ODataError(
      'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.',
      400,
      'AadPremiumLicenseRequired',
    );
  }
  if (path === '/auditLogs/signIns' && licence === 'free') {
    return new ODataError(
      "Neither tenant is B2C or tenant doesn't have premium license",
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    );
  }
  return undefined;
}
