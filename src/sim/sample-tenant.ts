import type { TenantSnapshot } from '../directory/snapshot';
import type { DirectoryAuditRecord } from './audit-record';
import { buildSampleDirectory, SAMPLE_TENANT_ID } from './sample-tenant-directory';
import { buildNoiseRecords } from './sample-tenant-noise';
import { buildScenarioRecords } from './sample-tenant-scenario';
import { buildSampleSignIns } from './sample-tenant-signins';

/**
 * The bundled "Contoso" sample tenant: 40 users, built-in and custom roles, a role-assignable group,
 * PIM eligibility, an Entra Connect sync account, two apps, and one day (SAMPLE_DAY) of
 * Authentication Methods traffic holding a TAP of every class next to benign noise.
 * `src/sim/sample-tenant.json` is this output, committed for the demo and as a format example.
 */
export {
  SAMPLE_ADMINISTRATIVE_UNIT_ID,
  SAMPLE_DOMAIN,
  SAMPLE_ONBOARDING_APP,
  SAMPLE_ONBOARDING_APP_ID,
  SAMPLE_PEOPLE,
  SAMPLE_TENANT_ID,
  SAMPLE_UNKNOWN_APP,
} from './sample-tenant-directory';
export {
  SAMPLE_TENANT_EXPECTATIONS,
  SAMPLE_TENANT_SETTINGS,
  type SampleExpectation,
  sampleExpectationsFor,
} from './sample-tenant-expectations';
export { SAMPLE_OTHER_SERVICE_RECORDS } from './sample-tenant-noise';
export { SAMPLE_CHAIN, SAMPLE_DAY, SAMPLE_SERVICE_API, SAMPLE_TAP_IDS } from './sample-tenant-scenario';

/** Builds the sample tenant; deterministic, so it always equals the committed JSON. */
export function buildSampleTenant(): TenantSnapshot {
  const audits = [...buildScenarioRecords(), ...buildNoiseRecords()];
  return {
    tenantId: SAMPLE_TENANT_ID,
    ...buildSampleDirectory(),
    directoryAudits: newestFirst(audits),
    signIns: buildSampleSignIns(),
  };
}

/**
 * The committed file's text. Regenerate after changing the scenario:
 * `npm run build && node -e "fs.writeFileSync('src/sim/sample-tenant.json', require('./dist/src/sim/sample-tenant').sampleTenantJson())"`
 */
export function sampleTenantJson(): string {
  return `${JSON.stringify(buildSampleTenant(), null, 2)}\n`;
}

/**
 * Graph lists audits newest first. The first 27 characters (to 100 ns) sort as text whatever the zone
 * spelling; the id breaks ties (descending too) so the order is total.
 */
function newestFirst(records: DirectoryAuditRecord[]): DirectoryAuditRecord[] {
  const key = (r: DirectoryAuditRecord): string => `${r.activityDateTime.slice(0, 27)} ${r.id}`;
  return records.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}
