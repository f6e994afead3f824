import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSampleTenant,
  SAMPLE_DAY,
  SAMPLE_ONBOARDING_APP_ID,
  SAMPLE_PEOPLE,
  SAMPLE_SERVICE_API,
  SAMPLE_TAP_IDS,
  SAMPLE_TENANT_EXPECTATIONS,
  SAMPLE_TENANT_ID,
  SAMPLE_UNKNOWN_APP,
  sampleTenantJson,
} from '../../../src/sim/sample-tenant';
import { auditShapeProblems, lifetimeMinutes, tapCreations } from './audit-shape';

type Json = Record<string, unknown>;

const JSON_PATH = join(__dirname, '../../../src/sim/sample-tenant.json');
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const PRIVILEGED_ROLE_ADMIN = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const DIR_SYNC = 'd29b2b05-8046-44ba-8758-1e26182fcf32';
/** The catalog severities, restated here to check the oracle against itself. */
const RULE_SEVERITY: Record<string, number> = {
  'tap-issued': 0,
  'tap-long-lifetime': 1,
  'tap-app-initiator': 2,
  'tap-privileged-target': 3,
  'tap-initiator-not-authorized': 3,
  'tap-sync-account': 4,
  'tap-signin': 0,
  'tap-method-registered': 0,
  'tap-persistence': 4,
};
const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'];

describe('sample tenant', () => {
  const tenant = buildSampleTenant();
  const audits = tenant.directoryAudits as Json[];
  const taps = audits.flatMap(tapCreations);

  it('is exactly what the committed sample-tenant.json holds', () => {
    // Prepare
    const committed = readFileSync(JSON_PATH, 'utf8');

    // Act
    const built = sampleTenantJson();

    // Assess (on failure regenerate the file as the TSDoc of sampleTenantJson says)
    expect(committed).toBe(built);
    expect(JSON.parse(committed)).toEqual(tenant);
  });

  it('builds the same tenant every time', () => {
    expect(JSON.stringify(buildSampleTenant())).toBe(JSON.stringify(tenant));
  });

  it('holds 40 users with unique ids and UPNs in the contoso domain', () => {
    expect(tenant.tenantId).toBe(SAMPLE_TENANT_ID);
    expect(tenant.users).toHaveLength(40);
    expect(new Set(tenant.users.map((u) => u.id)).size).toBe(40);
    expect(new Set(tenant.users.map((u) => u.userPrincipalName?.toLowerCase())).size).toBe(40);
    expect(tenant.users.every((u) => u.userPrincipalName?.endsWith('@contoso.onmicrosoft.com'))).toBe(true);
  });

  it('defines built-in roles by template id plus one admin and one non-admin custom role', () => {
    const builtIn = tenant.roleDefinitions.filter((r) => r.isBuiltIn);
    const custom = tenant.roleDefinitions.filter((r) => r.isBuiltIn === false);
    expect(builtIn.length).toBeGreaterThanOrEqual(24);
    expect(builtIn.every((r) => r.id === r.templateId)).toBe(true);
    expect(custom.map((r) => r.displayName).sort()).toEqual(['Contoso Report Viewer', 'Contoso Tier1 Admin']);
    expect(new Set(tenant.roleDefinitions.map((r) => r.id)).size).toBe(tenant.roleDefinitions.length);
  });

  it('assigns roles only to known principals and known roles, with unique ids', () => {
    const principals = new Set([...tenant.users.map((u) => u.id), ...tenant.groups.map((g) => g.id)]);
    const roles = new Set(tenant.roleDefinitions.map((r) => r.id));
    const all = [...tenant.roleAssignments, ...tenant.roleEligibilityScheduleInstances];
    const offenders = all.filter((a) => !principals.has(a.principalId) || !roles.has(a.roleDefinitionId));
    expect(offenders).toEqual([]);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    expect(tenant.roleAssignments.filter((a) => a.roleDefinitionId === GLOBAL_ADMIN)).toHaveLength(2);
    expect(tenant.roleAssignments.some((a) => a.directoryScopeId?.startsWith('/administrativeUnits/'))).toBe(
      true,
    );
  });

  it('grants Privileged Role Administrator to the two admins and the legacy app of the Tier0 group', () => {
    const tier0 = tenant.groups.find((g) => g.displayName === 'Tier0 Admins');
    expect(tier0?.isAssignableToRole).toBe(true);
    expect(tier0?.members?.map((m) => m.id).sort()).toEqual(
      [
        SAMPLE_PEOPLE.tier0MemberA.id,
        SAMPLE_PEOPLE.tier0MemberB.id,
        SAMPLE_UNKNOWN_APP.servicePrincipalId,
      ].sort(),
    );
    expect(tier0?.members?.find((m) => m.id === SAMPLE_UNKNOWN_APP.servicePrincipalId)).toEqual({
      '@odata.type': '#microsoft.graph.servicePrincipal',
      id: SAMPLE_UNKNOWN_APP.servicePrincipalId,
      displayName: SAMPLE_UNKNOWN_APP.displayName,
      appId: SAMPLE_UNKNOWN_APP.appId,
    });
    expect(tenant.roleAssignments).toContainEqual(
      expect.objectContaining({ principalId: tier0?.id, roleDefinitionId: PRIVILEGED_ROLE_ADMIN }),
    );
  });

  it("logs the app-created TAP under the ServiceApi service name, as Microsoft's example shows", () => {
    const record = tenant.directoryAudits.find(
      (r) =>
        JSON.stringify(r).includes(SAMPLE_TAP_IDS.unknownApp) &&
        (r as { activityDisplayName?: string }).activityDisplayName?.includes('registered'),
    ) as { loggedByService?: string; activityDisplayName?: string } | undefined;
    expect(record).toMatchObject({
      loggedByService: SAMPLE_SERVICE_API,
      activityDisplayName: 'User registered security info',
    });
  });

  it('has current and expired PIM eligibility, and an Entra Connect sync account with its role', () => {
    const dayStart = Date.parse(`${SAMPLE_DAY}T00:00:00Z`);
    const ends = tenant.roleEligibilityScheduleInstances.map((e) => e.endDateTime);
    expect(ends.filter((e) => e && Date.parse(e) < dayStart)).toHaveLength(1);
    expect(ends.filter((e) => !e || Date.parse(e) > dayStart + 86_400_000)).toHaveLength(2);
    const sync = tenant.users.find((u) => u.userPrincipalName?.startsWith('Sync_'));
    expect(sync).toEqual({
      id: SAMPLE_PEOPLE.syncAccount.id,
      userPrincipalName: 'Sync_CONTOSO-DC01_1a2b3c4d5e6f@contoso.onmicrosoft.com',
      displayName: 'On-Premises Directory Synchronization Service Account',
    });
    expect(tenant.roleAssignments).toContainEqual(
      expect.objectContaining({ principalId: sync?.id, roleDefinitionId: DIR_SYNC }),
    );
  });

  it('holds several hundred well-formed audit records of the fixed day, newest first, with unique ids', () => {
    const dayStart = Date.parse(`${SAMPLE_DAY}T00:00:00Z`);
    const am = audits.filter((r) => r.loggedByService === 'Authentication Methods');
    expect(am.length).toBeGreaterThanOrEqual(300);
    expect(audits.length - am.length).toBeGreaterThan(0);
    expect(audits.flatMap(auditShapeProblems)).toEqual([]);
    expect(new Set(audits.map((r) => r.id)).size).toBe(audits.length);
    const times = audits.map((r) => Date.parse(String(r.activityDateTime)));
    expect(times.filter((t) => t < dayStart || t >= dayStart + 86_400_000)).toEqual([]);
    expect(times.every((t, i) => i === 0 || t <= (times[i - 1] as number))).toBe(true);
    const zones = new Set(audits.map((r) => String(r.activityDateTime).slice(27)));
    expect([...zones].sort()).toEqual(['+00:00', 'Z']);
  });

  it('logs every expected TAP, and no TAP creation the expectations do not list', () => {
    const expected = SAMPLE_TENANT_EXPECTATIONS.map((e) => `${e.targetUpn}|${e.tapId}`).sort();
    const seen = [...new Set(taps.map((t) => `${t.targetUpn}|${t.tapId}`))].sort();
    expect(seen).toEqual(expected);
    expect(taps.map((t) => t.tapId)).not.toContain(SAMPLE_TAP_IDS.failedCreation);
  });

  it('keeps the oracle consistent: known targets, severity equal to the highest rule', () => {
    const upns = new Set(tenant.users.map((u) => u.userPrincipalName));
    for (const e of SAMPLE_TENANT_EXPECTATIONS) {
      expect(upns.has(e.targetUpn)).toBe(true);
      expect(e.rules[0]).toBe('tap-issued');
      const top = Math.max(...e.rules.map((r) => RULE_SEVERITY[r] ?? Number.NaN));
      expect(e.severity).toBe(SEVERITIES[top]);
    }
    const classes = new Set(SAMPLE_TENANT_EXPECTATIONS.flatMap((e) => e.rules));
    expect([...classes].sort()).toEqual(Object.keys(RULE_SEVERITY).sort());
  });

  it('logs one TAP as two records with the same correlation id, time and pass', () => {
    const pair = taps.filter((t) => t.tapId === SAMPLE_TAP_IDS.mergedTwoRecords).map((t) => t.record);
    expect(pair).toHaveLength(2);
    const [a, b] = pair as [Json, Json];
    expect(a.id).not.toBe(b.id);
    expect(a.correlationId).toBe(b.correlationId);
    expect(a.activityDateTime).toBe(b.activityDateTime);
  });

  it('issues a second pass to the same privileged target three hours after the first', () => {
    const first = taps.find((t) => t.tapId === SAMPLE_TAP_IDS.eligibleSecurityAdminFirst);
    const second = taps.find((t) => t.tapId === SAMPLE_TAP_IDS.eligibleSecurityAdminSecond);
    expect(first?.targetUpn).toBe(second?.targetUpn);
    const gap =
      Date.parse(String(second?.record.activityDateTime)) -
      Date.parse(String(first?.record.activityDateTime));
    expect(gap).toBe(3 * 3_600_000);
  });

  it('varies what parsers must tolerate: wording, property names, target order, usage and lifetime', () => {
    const prefixes = new Set(taps.map((t) => t.propertyPrefix));
    expect([...prefixes].sort()).toEqual([
      'TemporaryAccessPass.',
      'TemporaryAccessPass.TemporaryAccessPass.',
    ]);
    expect(taps.some((t) => (t.record.targetResources as Json[])[0]?.type !== 'User')).toBe(true);
    const byApp = taps.filter((t) => (t.record.initiatedBy as { app: Json | null }).app !== null);
    expect(new Set(byApp.map((t) => t.record.activityDisplayName))).toEqual(
      new Set(['User registered security info']),
    );
    const appIds = new Set(byApp.map((t) => (t.record.initiatedBy as { app: Json }).app.appId));
    expect(appIds).toEqual(new Set([SAMPLE_ONBOARDING_APP_ID, SAMPLE_UNKNOWN_APP.appId]));
    expect(new Set(taps.map((t) => t.usage))).toEqual(new Set(['Multiple', 'OneTime']));
    const longest = taps.find((t) => t.tapId === SAMPLE_TAP_IDS.longLifetime);
    expect(longest && lifetimeMinutes(longest)).toBe(7 * 24 * 60);
    const selfIssued = taps.find((t) => t.tapId === SAMPLE_TAP_IDS.selfIssuedGlobalAdmin);
    const issuer = selfIssued?.record.initiatedBy as { user: Json } | undefined;
    expect(issuer?.user.id).toBe(SAMPLE_PEOPLE.globalAdmin.id);
    expect(selfIssued?.targetUpn).toBe(SAMPLE_PEOPLE.globalAdmin.userPrincipalName);
  });

  it('includes a failed TAP creation, TAP deletions and benign method traffic', () => {
    const failed = audits.filter(
      (r) => r.result === 'failure' && /temporary access pass/i.test(String(r.resultReason)),
    );
    expect(failed).toHaveLength(1);
    const deletions = audits.filter(
      (r) => r.resultReason === 'Admin deleted temporary access pass method for user',
    );
    expect(deletions).toHaveLength(2);
    const reasons = audits.map((r) => String(r.resultReason));
    for (const method of ['Authenticator App', 'Mobile Phone SMS', 'Fido2', 'Windows Hello']) {
      expect(reasons.some((r) => r.startsWith('User registered') && r.includes(method))).toBe(true);
    }
    expect(reasons.some((r) => r.startsWith('User deleted'))).toBe(true);
    expect(
      audits.some((r) => r.result === 'failure' && r.resultReason === 'User registered Mobile Phone SMS'),
    ).toBe(true);
  });
});
