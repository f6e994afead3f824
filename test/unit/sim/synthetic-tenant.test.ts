import { createHash } from 'node:crypto';
import { createPrng, stableUuid } from '../../../src/sim/prng';
import {
  generateAuditJsonLines,
  generateTenant,
  type SyntheticTenantOptions,
} from '../../../src/sim/synthetic-tenant';
import { auditShapeProblems, tapCreations } from './audit-shape';

type Json = Record<string, unknown>;

const FROM = new Date('2026-11-19T00:00:00Z');
const TO = new Date('2026-11-20T00:00:00Z');
const SMALL: SyntheticTenantOptions = {
  seed: 7,
  users: 3000,
  authMethodRecords: 4000,
  roleAssignments: 120,
  tapRate: 0.05,
  from: FROM,
  to: TO,
  eligibleAssignments: 30,
  groups: 4,
  otherServiceRecords: 600,
};

describe('createPrng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const rng = createPrng(seed);
      return [rng.next(), rng.int(1, 6), rng.uuid(), rng.hex(12), rng.alphanumeric(5), rng.digits(9)];
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('keeps integers within bounds and draws GUIDs of version 4 shape', () => {
    const rng = createPrng(99);
    const ints = Array.from({ length: 5000 }, () => rng.int(3, 7));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(7);
    const guids = Array.from({ length: 500 }, () => rng.uuid());
    expect(
      guids.filter((g) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(g)),
    ).toEqual([]);
    expect(new Set(guids).size).toBe(500);
  });

  it('derives the same GUID from the same label', () => {
    expect(stableUuid('user:MeganB')).toBe(stableUuid('user:MeganB'));
    expect(stableUuid('user:MeganB')).not.toBe(stableUuid('user:LeeG'));
  });
});

describe('generateTenant', () => {
  const tenant = generateTenant(SMALL);
  const audits = tenant.directoryAudits as Json[];

  it('produces the same tenant for the same options and another for another seed', () => {
    expect(JSON.stringify(generateTenant(SMALL))).toBe(JSON.stringify(tenant));
    expect(generateTenant({ ...SMALL, seed: 8 }).users[1]?.id).not.toBe(tenant.users[1]?.id);
  });

  it('has the requested numbers of users, assignments, eligibility, groups and records', () => {
    expect(tenant.users).toHaveLength(SMALL.users);
    expect(tenant.roleAssignments).toHaveLength(SMALL.roleAssignments);
    expect(tenant.roleEligibilityScheduleInstances).toHaveLength(30);
    expect(tenant.groups).toHaveLength(4);
    const am = audits.filter((r) => r.loggedByService === 'Authentication Methods');
    expect(am).toHaveLength(SMALL.authMethodRecords);
    expect(audits).toHaveLength(SMALL.authMethodRecords + 600);
  });

  it('keeps role data consistent: unique ids, known principals, role-assignable groups, a sync account', () => {
    const users = new Set(tenant.users.map((u) => u.id));
    expect(users.size).toBe(SMALL.users);
    const principals = new Set([...users, ...tenant.groups.map((g) => g.id)]);
    const roles = new Set(tenant.roleDefinitions.map((r) => r.id));
    const all = [...tenant.roleAssignments, ...tenant.roleEligibilityScheduleInstances];
    expect(all.filter((a) => !principals.has(a.principalId) || !roles.has(a.roleDefinitionId))).toEqual([]);
    expect(new Set(tenant.roleAssignments.map((a) => a.id)).size).toBe(tenant.roleAssignments.length);
    expect(tenant.groups.every((g) => g.isAssignableToRole && (g.members?.length ?? 0) >= 1)).toBe(true);
    expect(tenant.users.filter((u) => u.userPrincipalName?.startsWith('Sync_'))).toHaveLength(1);
  });

  it('writes well-formed records inside the window, newest first, with unique ids', () => {
    expect(audits.flatMap(auditShapeProblems)).toEqual([]);
    expect(new Set(audits.map((r) => r.id)).size).toBe(audits.length);
    const times = audits.map((r) => Date.parse(String(r.activityDateTime)));
    expect(times.filter((t) => t < FROM.getTime() || t > TO.getTime())).toEqual([]);
    expect(times.every((t, i) => i === 0 || t <= (times[i - 1] as number))).toBe(true);
  });

  it('makes roughly the requested share of Authentication Methods records TAP creations', () => {
    const taps = audits.flatMap(tapCreations);
    const share = taps.length / SMALL.authMethodRecords;
    expect(share).toBeGreaterThan(0.035);
    expect(share).toBeLessThan(0.065);
    expect(new Set(taps.map((t) => t.propertyPrefix)).size).toBe(2);
    expect(taps.some((t) => (t.record.initiatedBy as { app: unknown }).app !== null)).toBe(true);
  });

  it('rejects a population too small to hold an initiator and a target, and a rate outside 0..1', () => {
    expect(() => generateTenant({ ...SMALL, users: 1 })).toThrow(/users must be a whole number ≥ 2/);
    expect(() => generateTenant({ ...SMALL, tapRate: 1.5 })).toThrow(/tapRate must be within 0..1/);
  });

  it('builds a benchmark-sized tenant (100k users, 20k records, 500 assignments)', () => {
    // Act
    const big = generateTenant({
      seed: 2026,
      users: 100_000,
      authMethodRecords: 20_000,
      roleAssignments: 500,
      tapRate: 0.01,
      from: FROM,
      to: TO,
    });

    // Assess
    expect(big.users).toHaveLength(100_000);
    expect(big.roleAssignments).toHaveLength(500);
    expect(big.directoryAudits).toHaveLength(20_000);
  }, 30_000);
});

describe('generateAuditJsonLines', () => {
  const collect = (seed: number, records: number) => {
    const lines: string[] = [];
    const summary = generateAuditJsonLines({ seed, records, tapRate: 0.01, write: (l) => lines.push(l) });
    return { lines, summary };
  };
  const { lines, summary } = collect(11, 20_000);
  const records = lines.map((l) => JSON.parse(l) as Json);

  it('writes exactly the requested number of single-line JSON records, the same for the same seed', () => {
    expect(lines).toHaveLength(20_000);
    expect(lines.some((l) => l.includes('\n'))).toBe(false);
    const digest = (all: string[]) => createHash('sha256').update(all.join('\n')).digest('hex');
    expect(digest(collect(11, 20_000).lines)).toBe(digest(lines));
    expect(digest(collect(12, 20_000).lines)).not.toBe(digest(lines));
  });

  it('mixes services, keeps records well formed and in time order, and reports what it wrote', () => {
    expect(records.flatMap(auditShapeProblems)).toEqual([]);
    const services = new Set(records.map((r) => r.loggedByService));
    expect(services.size).toBeGreaterThanOrEqual(4);
    const taps = records.flatMap(tapCreations);
    expect(summary).toEqual({
      records: 20_000,
      tapRecords: taps.length,
      authMethodRecords: records.filter((r) => r.loggedByService === 'Authentication Methods').length,
    });
    expect(taps.length / 20_000).toBeGreaterThan(0.007);
    expect(taps.length / 20_000).toBeLessThan(0.013);
    const times = records.map((r) => Date.parse(String(r.activityDateTime)));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
  });
});
