import { normalize } from '../src/audit/normalize';
import type { TenantSnapshot } from '../src/directory/snapshot';
import { backfillLatency, type LatencyModel, realisticLatency } from '../src/sim/publishing';
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
  /** Publishing latency the simulator applies (none: every record is queryable at its activity time). */
  latency?: BenchLatency;
}

/** A seeded latency model, in plain JSON (see `src/sim/publishing.ts`). */
export type BenchLatency =
  | { model: 'realistic'; seed: number }
  | { model: 'backfill'; seed: number; share: number; maxHours: number };

/** The latency model of a spec, built the same way in the simulator process and in the benchmark. */
export function latencyModel(latency: BenchLatency | undefined): LatencyModel | undefined {
  if (!latency) return undefined;
  return latency.model === 'realistic'
    ? realisticLatency(latency.seed)
    : backfillLatency(latency.seed, latency.share, latency.maxHours * 3_600_000);
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
