import type { TenantSnapshot } from '../directory/snapshot';
import type { DirectoryAuditRecord, SimApp } from './audit-record';
import { createPrng, type Prng } from './prng';
import { generateDirectory } from './synthetic-directory';
import { createRecordFactory, type RecordActors } from './synthetic-records';

/**
 * Seeded synthetic tenants for benchmarks and the fault-injection suite. The same options always
 * give the same tenant. Sized for 100k users / 20k Authentication Methods records a day / 500 role
 * assignments in about a second.
 */
export interface SyntheticTenantOptions {
  seed: number;
  users: number;
  /** Authentication Methods records in the window (TAP creations included). */
  authMethodRecords: number;
  roleAssignments: number;
  /** Share (0..1) of Authentication Methods records that are TAP creations. */
  tapRate: number;
  /** Audit window; record times are spread uniformly over it. */
  from: Date;
  to: Date;
  /** PIM-eligible instances; default a fifth of `roleAssignments`. */
  eligibleAssignments?: number;
  /** Role-assignable groups (each holds a role and 2–8 members); default 5. */
  groups?: number;
  /** Records from other services (Core Directory, SSPR, …); default 0. */
  otherServiceRecords?: number;
}

/** Builds a whole tenant: role data plus `directoryAudits` newest first, as Graph lists them. */
export function generateTenant(options: SyntheticTenantOptions): TenantSnapshot {
  checkSizes(options.users, options.tapRate);
  const rng = createPrng(options.seed);
  const tenantId = rng.uuid();
  const domain = `synth${options.seed >>> 0}.onmicrosoft.com`;
  const directory = generateDirectory(rng, {
    users: options.users,
    roleAssignments: options.roleAssignments,
    eligibleAssignments: options.eligibleAssignments ?? Math.round(options.roleAssignments / 5),
    groups: options.groups ?? 5,
    domain,
  });
  const factory = createRecordFactory(rng, { ...directory, ...apps(rng) });
  const from = options.from.getTime();
  const to = options.to.getTime();

  const records: DirectoryAuditRecord[] = [];
  const amTimes = uniformTimes(rng, options.authMethodRecords, from, to);
  for (let i = 0; i < amTimes.length; ) {
    const at = amTimes[i] as number;
    // A twin-logged TAP uses two slots, so the record count stays exactly as asked.
    const batch = rng.chance(options.tapRate)
      ? factory.tap(at).slice(0, amTimes.length - i)
      : [factory.authMethodsNoise(at)];
    records.push(...batch);
    i += batch.length;
  }
  for (const at of uniformTimes(rng, options.otherServiceRecords ?? 0, from, to)) {
    records.push(factory.otherService(at));
  }
  return { tenantId, ...directory.snapshot, directoryAudits: newestFirst(records) };
}

export interface AuditJsonLinesOptions {
  seed: number;
  /** Lines to write. */
  records: number;
  /** Share (0..1) of records that are TAP creations (≈0.01 for benchmarks). */
  tapRate: number;
  /** Receives one JSON document per call, without a newline. */
  write: (line: string) => void;
  /** Time span of the file; default the 24 h before 2026-11-20T00:00:00Z. */
  from?: Date;
  to?: Date;
  /** Size of the user population records draw from; default 5000. */
  users?: number;
}

/** What a generated file holds, so a benchmark can check a scan's answer. */
export interface AuditJsonLinesSummary {
  records: number;
  /** Records that are TAP creations (a twin logging counts twice). */
  tapRecords: number;
  /** Records logged by Authentication Methods (TAP creations included). */
  authMethodRecords: number;
}

/**
 * Streams a JSON Lines audit export (oldest first) through `write` without holding the records:
 * memory stays flat for a million lines. Mixed services: about 35% Authentication Methods noise,
 * `tapRate` TAP creations, the rest Core Directory, SSPR, PIM and the like.
 */
export function generateAuditJsonLines(options: AuditJsonLinesOptions): AuditJsonLinesSummary {
  checkSizes(options.users ?? 5000, options.tapRate);
  const rng = createPrng(options.seed);
  const directory = generateDirectory(rng, {
    users: options.users ?? 5000,
    roleAssignments: 200,
    eligibleAssignments: 40,
    groups: 3,
    domain: `synth${options.seed >>> 0}.onmicrosoft.com`,
  });
  const factory = createRecordFactory(rng, { ...directory, ...apps(rng) });
  const to = (options.to ?? new Date('2026-11-20T00:00:00Z')).getTime();
  const from = (options.from ?? new Date(to - 86_400_000)).getTime();
  const step = (to - from) / Math.max(1, options.records);
  const summary: AuditJsonLinesSummary = { records: 0, tapRecords: 0, authMethodRecords: 0 };
  while (summary.records < options.records) {
    const at = Math.floor(from + (summary.records + rng.next()) * step);
    const roll = rng.next();
    let batch: DirectoryAuditRecord[];
    if (roll < options.tapRate) {
      batch = factory.tap(at).slice(0, options.records - summary.records);
      summary.tapRecords += batch.length;
    } else if (roll < options.tapRate + 0.35) {
      batch = [factory.authMethodsNoise(at)];
    } else {
      batch = [factory.otherService(at)];
    }
    for (const record of batch) {
      if (record.loggedByService === 'Authentication Methods') summary.authMethodRecords++;
      options.write(JSON.stringify(record));
      summary.records++;
    }
  }
  return summary;
}

/** Records need an initiator and a different target; rates are shares. */
function checkSizes(users: number, tapRate: number): void {
  if (!Number.isInteger(users) || users < 2)
    throw new RangeError(`users must be a whole number ≥ 2, got ${users}`);
  if (!(tapRate >= 0 && tapRate <= 1)) throw new RangeError(`tapRate must be within 0..1, got ${tapRate}`);
}

/** An allowed onboarding app (Lifecycle Workflows-like) and two apps nobody allowed. */
function apps(rng: Prng): Pick<RecordActors, 'allowedApps' | 'unknownApps'> {
  const app = (displayName: string): SimApp => ({
    appId: rng.uuid(),
    displayName,
    servicePrincipalId: rng.uuid(),
  });
  return {
    allowedApps: [app('HR Onboarding')],
    unknownApps: [app('Legacy Automation'), app('Graph PowerShell Script')],
  };
}

/** `count` uniform times (ms) in [from, to). */
function uniformTimes(rng: Prng, count: number, from: number, to: number): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = Math.floor(from + rng.next() * (to - from));
  return times;
}

/** Sorts newest first by the 100 ns timestamp text (zone spelling aside), as Graph lists audits. */
function newestFirst(records: DirectoryAuditRecord[]): DirectoryAuditRecord[] {
  const keyed = records.map((r) => ({ key: r.activityDateTime.slice(0, 27), r }));
  keyed.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return keyed.map((k) => k.r);
}
