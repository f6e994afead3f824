import type { TenantSnapshot } from '../../src/directory/snapshot';
import { type DirectoryAuditRecord, type SimUser, tapCreated } from '../../src/sim/audit-builders';
import { createPrng, hashSeed, stableUuid } from '../../src/sim/prng';
import {
  buildSampleDirectory,
  SAMPLE_DOMAIN,
  SAMPLE_PEOPLE,
  SAMPLE_TENANT_ID,
  SAMPLE_UNKNOWN_APP,
} from '../../src/sim/sample-tenant-directory';

/**
 * Tenants for alert-delivery scenarios: the sample directory (roles, sync account) with the TAP
 * creations a scenario needs, built with the same record builders as the sample tenant.
 */
const MINUTE = 60_000;
const FLOOD_STEP_MS = MINUTE / 3;

/** The sample directory serving `audits` (newest first, as Graph lists them). */
export function scenarioTenant(audits: DirectoryAuditRecord[]): TenantSnapshot {
  const sorted = [...audits].sort((a, b) => b.activityDateTime.localeCompare(a.activityDateTime));
  return { tenantId: SAMPLE_TENANT_ID, ...buildSampleDirectory(), directoryAudits: sorted };
}

/**
 * `count` TAPs issued by an app nobody allowed (`tap-app-initiator`, medium) to as many users without
 * roles, one every 20 seconds (2,500 span 14 hours), the newest at `newestAt`: the low-value flood an
 * attacker can make on purpose.
 */
export function floodRecords(count: number, newestAt: number, label = 'flood'): DirectoryAuditRecord[] {
  const rng = createPrng(hashSeed(`scenario:${label}`));
  return Array.from({ length: count }, (_, i) =>
    tapCreated({
      rng,
      at: newestAt - i * FLOOD_STEP_MS,
      initiator: { app: SAMPLE_UNKNOWN_APP },
      target: user(`${label}-user-${i}`),
      tap: { id: stableUuid(`scenario:${label}:tap:${i}`), lifetimeMinutes: 60 },
    }),
  );
}

/** A User Administrator issues a TAP to a directory sync account: critical (`tap-sync-account`). */
export function syncAccountTap(at: number, index = 0): DirectoryAuditRecord {
  const target =
    index === 0 ? SAMPLE_PEOPLE.syncAccount : user(`Sync_CONTOSO-DC0${index + 1}_${index}a2b3c4d5e6f`);
  return tapCreated({
    rng: createPrng(hashSeed(`scenario:sync:${index}:${at}`)),
    at,
    initiator: { user: SAMPLE_PEOPLE.userAdmin, ipAddress: '203.0.113.199' },
    target,
    tap: { id: stableUuid(`scenario:sync:tap:${index}:${at}`), lifetimeMinutes: 60 },
  });
}

/** A TAP from `initiator` to `target` (an authorized issuer to a privileged target gives `high`). */
export function tapBy(initiator: SimUser, target: SimUser, at: number, label: string): DirectoryAuditRecord {
  return tapCreated({
    rng: createPrng(hashSeed(`scenario:${label}`)),
    at,
    initiator: { user: initiator, ipAddress: '198.51.100.31' },
    target,
    tap: { id: stableUuid(`scenario:${label}:tap`), lifetimeMinutes: 60 },
  });
}

function user(alias: string): SimUser {
  return {
    id: stableUuid(`scenario:user:${alias.toLowerCase()}`),
    userPrincipalName: `${alias}@${SAMPLE_DOMAIN}`,
    displayName: alias,
  };
}
