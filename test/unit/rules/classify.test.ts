import { buildDirectory } from '../../../src/directory/build-directory';
import { ROLE } from '../../../src/directory/role-catalog';
import type { DirectorySnapshot } from '../../../src/directory/snapshot';
import {
  appInitiator,
  assignment,
  DEFAULT_RULES_CONFIG,
  eligibility,
  ID,
  NOW,
  snapshot,
  tapEvent,
  userInitiator,
} from '../../../src/rules/builders';
import { classify, mergeFindings, NO_DIRECTORY_NOTE, NO_ELIGIBILITY_NOTE } from '../../../src/rules/classify';
import { fingerprint } from '../../../src/rules/fingerprint';
import { rules } from '../../../src/rules/index';
import { tapPrivilegedTarget } from '../../../src/rules/tap-privileged-target';
import type { Rule } from '../../../src/rules/types';

const TENANT = '11111111-2222-3333-4444-555555555555';
const directoryOf = (data: DirectorySnapshot) =>
  buildDirectory(data, { privilegedRoleIds: [], syncAccountPatterns: [], now: NOW });
const run = (events: Parameters<typeof classify>[0], extra: Partial<Parameters<typeof classify>[1]> = {}) =>
  classify(events, { tenantId: TENANT, now: NOW, config: DEFAULT_RULES_CONFIG, ...extra });

const adminTenant = snapshot({
  roleAssignments: [
    assignment(ID.admin, ROLE.globalAdministrator),
    assignment(ID.user, ROLE.userAdministrator),
  ],
  roleEligibilityScheduleInstances: [eligibility(ID.user, ROLE.privilegedRoleAdministrator)],
});

describe('classify', () => {
  it('yields one finding for one TAP with the event, roles and rule evidence in the published shape', () => {
    // Prepare
    const event = tapEvent();

    // Act
    const { findings, errors } = run([event], { directory: directoryOf(adminTenant) });

    // Assess
    expect(errors).toEqual([]);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      id: fingerprint(TENANT, event.tap.id ?? '', ID.user),
      tenantId: TENANT,
      severity: 'high',
      title: 'TAP issued to privileged account user@contoso.com',
      activityDateTime: event.activityDateTime,
      detectedAt: NOW.toISOString(),
      target: {
        id: ID.user,
        userPrincipalName: 'user@contoso.com',
        roles: [
          { name: 'User Administrator', templateId: ROLE.userAdministrator, via: 'direct', scope: '/' },
          {
            name: 'Privileged Role Administrator',
            templateId: ROLE.privilegedRoleAdministrator,
            via: 'eligible',
            scope: '/',
          },
        ],
      },
      initiator: {
        type: 'user',
        id: ID.admin,
        roles: [expect.objectContaining({ name: 'Global Administrator' })],
      },
      tap: event.tap,
      audit: { ids: [event.auditId], correlationId: event.correlationId, source: 'graph' },
      attack: ['T1078.004', 'T1098.001'],
    });
    expect(finding?.rules.map((r) => [r.id, r.reason])).toEqual([
      [
        'tap-privileged-target',
        'User Administrator (active, direct, tenant-wide); Privileged Role Administrator (eligible, tenant-wide)',
      ],
      ['tap-issued', expect.stringContaining('issued to user@contoso.com by admin@contoso.com')],
    ]);
    expect(finding).not.toHaveProperty('directoryAvailable');
    expect(finding).not.toHaveProperty('notes');
  });

  it('takes the highest rule severity and lists rules from most to least severe', () => {
    const event = tapEvent({
      target: { id: ID.syncAccount, userPrincipalName: 'Sync_DC1_0a1b2c3d4e5f@contoso.onmicrosoft.com' },
      initiator: appInitiator(ID.unknownApp),
      tap: { id: 'tap-long', lifetimeMinutes: 2880 },
    });

    const [finding] = run([event]).findings;

    expect(finding?.severity).toBe('critical');
    expect(finding?.rules.map((r) => r.id)).toEqual([
      'tap-sync-account',
      'tap-app-initiator',
      'tap-long-lifetime',
      'tap-issued',
    ]);
    expect(finding?.title).toBe(
      'TAP issued to directory sync account Sync_DC1_0a1b2c3d4e5f@contoso.onmicrosoft.com',
    );
    expect(finding?.attack).toEqual(['T1078.004', 'T1098.001', 'T1556']);
    expect(new Set(finding?.triage).size).toBe(finding?.triage.length);
    expect(finding?.triage[0]).toMatch(/Treat as an incident/);
  });

  it('merges two audit records of one TAP for one target into one finding listing both ids', () => {
    const first = tapEvent({ auditId: 'Authentication Methods_corr_B_2' });
    const second = tapEvent({ auditId: 'Authentication Methods_corr_A_1' });
    const twinWithoutTapId = tapEvent({ auditId: 'Authentication Methods_corr_C_3', tap: {} });

    const { findings } = run([first, second, twinWithoutTapId, first]);

    expect(findings).toHaveLength(1);
    expect(findings[0]?.audit.ids).toEqual([
      'Authentication Methods_corr_A_1',
      'Authentication Methods_corr_B_2',
      'Authentication Methods_corr_C_3',
    ]);
  });

  it('keys a TAP without id by its correlation id', () => {
    const event = tapEvent({ tap: { lifetimeMinutes: 60 } });

    const [finding] = run([event]).findings;

    expect(finding?.id).toBe(fingerprint(TENANT, event.correlationId, ID.user));
  });

  it('gives a record with two user targets two findings', () => {
    const events = [
      tapEvent(),
      tapEvent({ target: { id: ID.otherUser, userPrincipalName: 'other@contoso.com' } }),
    ];

    const { findings } = run(events, { directory: directoryOf(adminTenant) });

    expect(findings.map((f) => [f.title, f.audit.ids])).toEqual([
      ['TAP issued to privileged account user@contoso.com', [events[0]?.auditId]],
      ['TAP issued to other@contoso.com', [events[0]?.auditId]],
    ]);
    expect(findings[0]?.id).not.toBe(findings[1]?.id);
  });

  it('says the directory was unavailable and skips role-based rules without it', () => {
    const [finding] = run([
      tapEvent({ initiator: userInitiator(ID.helpdesk, 'helpdesk@contoso.com') }),
    ]).findings;

    expect(finding).toMatchObject({
      directoryAvailable: false,
      notes: [NO_DIRECTORY_NOTE],
      severity: 'informational',
    });
    expect(finding?.rules.map((r) => r.id)).toEqual(['tap-issued']);
    expect(finding?.target.roles).toEqual([]);
    expect(finding?.title).toBe('TAP issued to user@contoso.com');
  });

  it('notes when eligibility data was unavailable', () => {
    const directory = directoryOf(snapshot({ eligibilityAvailable: false }));

    const [finding] = run([tapEvent()], { directory }).findings;

    expect(finding?.notes).toEqual([NO_ELIGIBILITY_NOTE]);
    expect(finding).not.toHaveProperty('directoryAvailable');
  });

  it('says on the finding why eligibility was unavailable, and leaves the field out when it was read', () => {
    // Prepare
    const reason =
      'PIM eligibility unavailable (400 AadPremiumLicenseRequired): the tenant has no Microsoft Entra ID P2 or Governance licence; only active roles were considered';
    const degraded = directoryOf(
      snapshot({ eligibilityAvailable: false, eligibilityUnavailableReason: reason }),
    );

    // Act
    const [without] = run([tapEvent()], { directory: degraded }).findings;
    const [full] = run([tapEvent()], { directory: directoryOf(adminTenant) }).findings;

    // Assess
    expect(without?.directoryContext).toEqual({ eligibility: 'unavailable', eligibilityReason: reason });
    expect(full).not.toHaveProperty('directoryContext');
  });

  it("lists an app initiator's roles held through a role-assignable group", () => {
    // Prepare
    const spId = '5e000000-0000-4000-8000-000000000001';
    const directory = directoryOf(
      snapshot({
        roleAssignments: [assignment(ID.tier0Group, ROLE.privilegedRoleAdministrator)],
        groups: [
          {
            id: ID.tier0Group,
            displayName: 'Tier0 Admins',
            isAssignableToRole: true,
            members: [{ '@odata.type': '#microsoft.graph.servicePrincipal', id: spId, appId: ID.unknownApp }],
          },
        ],
      }),
    );

    // Act
    const [finding] = run([tapEvent({ initiator: appInitiator(ID.unknownApp, 'Legacy') })], {
      directory,
    }).findings;

    // Assess
    expect(finding?.initiator.roles).toEqual([
      {
        name: 'Privileged Role Administrator',
        templateId: ROLE.privilegedRoleAdministrator,
        via: 'group:Tier0 Admins',
        scope: '/',
      },
    ]);
    expect(directory.user(spId)).toBeUndefined();
  });

  it('counts a rule that throws and still classifies with the other rules', () => {
    const broken: Rule = {
      ...tapPrivilegedTarget,
      id: 'broken-rule',
      evaluate: () => {
        throw new TypeError('cannot read roles');
      },
    };
    const events = [tapEvent(), tapEvent({ auditId: 'second', tap: { id: 'tap-2' } })];

    const { findings, errors } = run(events, { rules: [...rules, broken] });

    expect(findings).toHaveLength(2);
    expect(errors).toEqual([
      { ruleId: 'broken-rule', auditId: events[0]?.auditId, message: 'cannot read roles' },
      { ruleId: 'broken-rule', auditId: 'second', message: 'cannot read roles' },
    ]);
  });
});

describe('mergeFindings', () => {
  it('unions audit ids, rules and notes and recomputes severity and title', () => {
    const [plain] = run([tapEvent({ auditId: 'b' })]).findings;
    const [privileged] = run([tapEvent({ auditId: 'a' })], { directory: directoryOf(adminTenant) }).findings;
    if (!plain || !privileged) throw new Error('fixture findings missing');

    const merged = mergeFindings(plain, privileged);

    expect(merged.audit.ids).toEqual(['a', 'b']);
    expect(merged.severity).toBe('high');
    expect(merged.rules.map((r) => r.id)).toEqual(['tap-privileged-target', 'tap-issued']);
    expect(merged.title).toBe('TAP issued to privileged account user@contoso.com');
    expect(mergeFindings(merged, privileged)).toEqual(merged);
  });
});

describe('fingerprint', () => {
  it('is a 32-character hex Table RowKey, stable across GUID case and distinct per target', () => {
    const id = fingerprint(TENANT, 'TAP-ID', ID.user.toUpperCase());

    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint(TENANT.toUpperCase(), 'tap-id', ID.user)).toBe(id);
    expect(fingerprint(TENANT, 'tap-id', ID.otherUser)).not.toBe(id);
  });
});
