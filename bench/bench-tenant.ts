import { normalize } from '../src/audit/normalize';
import type { TenantSnapshot } from '../src/directory/snapshot';
import { generateTenant } from '../src/sim/synthetic-tenant';

/**
 * A synthetic tenant for the cycle benchmark, described in plain JSON so it can be sent to the simulator
 * process and built there (the parent never holds the audit log, so its heap is the pipeline's own).
 */
export interface BenchTenantSpec {
  seed: number;
  users: number;
  /** Authentication Methods records over [from, to). */
  authMethodRecords: number;
  roleAssignments: number;
  /** Share of records that are TAP creations (twin-logged TAPs take two). */
  tapRate: number;
  /** ISO times; the span may exceed one cycle window so a later cycle sees fresh records. */
  from: string;
  to: string;
  /** Drop every record that normalizes to a TAP event: the same day with zero events. */
  withoutTaps?: boolean;
}

/** What the built tenant holds, reported back so the benchmark can show it. */
export interface BenchTenantInfo {
  records: number;
  /** Records that are TAP creations (each gives at least one event). */
  tapRecords: number;
  users: number;
  roleAssignments: number;
}

/** Builds the tenant of `spec`; the same spec always gives the same tenant (seeded generator). */
export function buildBenchTenant(spec: BenchTenantSpec): { tenant: TenantSnapshot; info: BenchTenantInfo } {
  const generated = generateTenant({
    seed: spec.seed,
    users: spec.users,
    authMethodRecords: spec.authMethodRecords,
    roleAssignments: spec.roleAssignments,
    tapRate: spec.tapRate,
    from: new Date(spec.from),
    to: new Date(spec.to),
  });
  const isTap = (record: unknown) => normalize(record).length > 0;
  const tapRecords = generated.directoryAudits.filter(isTap).length;
  const tenant = spec.withoutTaps
    ? { ...generated, directoryAudits: generated.directoryAudits.filter((r) => !isTap(r)) }
    : generated;
  return {
    tenant,
    info: {
      records: tenant.directoryAudits.length,
      tapRecords: spec.withoutTaps ? 0 : tapRecords,
      users: tenant.users.length,
      roleAssignments: tenant.roleAssignments.length,
    },
  };
}
