import { authMethodsUrl, buildTeamsMessage, cardBytes, MAX_CARD_BYTES } from '../../../src/alerts/teams-card';
import type { Finding, FindingRole } from '../../../src/rules/finding';
import { cardOf, envelopeOf, parseProblems, placedText, shownText } from './card-text';
import { sampleFinding, TARGET_ID } from './sample-finding';

function manyRoles(count: number, nameLength: number): FindingRole[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Custom Tier0 admin role ${i} ${'x'.repeat(nameLength)}`,
    templateId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    via: `group:Privileged group ${i} ${'g'.repeat(nameLength)}`,
    scope: '/',
  }));
}

/** Every attacker-controlled field far beyond any budget, with mention markup repeated throughout. */
function enormousFinding(): Finding {
  const huge = '<at>x</at>'.repeat(4000);
  return sampleFinding({
    title: huge,
    target: { id: TARGET_ID, userPrincipalName: huge, displayName: huge, roles: manyRoles(500, 2000) },
    initiator: { type: 'app', displayName: huge, appId: huge, roles: manyRoles(500, 2000) },
    notes: [huge, huge, huge],
  });
}

describe('buildTeamsMessage', () => {
  it('wraps an Adaptive Card 1.4 in the Workflows message envelope', () => {
    // Act
    const message = envelopeOf(buildTeamsMessage(sampleFinding()));

    // Assess
    expect(message.type).toBe('message');
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardOf(message)).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
  });

  it('produces a card the Adaptive Cards parser accepts without errors or warnings', () => {
    // Prepare
    const finding = sampleFinding({ notes: ['Directory data was unavailable; role rules did not run.'] });

    // Act
    const problems = parseProblems(cardOf(buildTeamsMessage(finding)));

    // Assess
    expect(problems).toEqual([]);
  });

  it('shows severity, title, target, roles with how they are held, initiator, TAP window, rules, triage and ids', () => {
    // Prepare
    const finding = sampleFinding({
      target: {
        id: TARGET_ID,
        userPrincipalName: 'ga@contoso.com',
        displayName: 'Grace Admin',
        roles: [
          { name: 'Global Administrator', templateId: '62e9', via: 'group:Tier0 Admins', scope: '/' },
          {
            name: 'Helpdesk Administrator',
            templateId: '7298',
            via: 'eligible',
            scope: '/administrativeUnits/au-1',
          },
        ],
      },
    });

    // Act
    const shown = shownText(cardOf(buildTeamsMessage(finding)).body);

    // Assess
    for (const expected of [
      'HIGH',
      'TAP issued to privileged account ga[@]contoso[.]com',
      'Grace Admin',
      TARGET_ID,
      'Global Administrator (via group Tier0 Admins, tenant-wide)',
      'Helpdesk Administrator (PIM-eligible, scope AU au-1)',
      'User: helpdesk[@]contoso[.]com',
      'IP address: 203.0.113.7',
      'Valid from: 2026-11-20 08:03 UTC',
      'Valid until: 2026-11-20 09:03 UTC',
      'Lifetime: 60 min (1 h)',
      'Usage: Multiple',
      'tap-privileged-target (high): Global Administrator (active, direct, tenant-wide)',
      '1. Confirm with the target user that they asked for a TAP.',
      'ATT&CK: T1078.004, T1098.001',
      'Correlation id: a412fc4e-c5e5-4f37-a928-896c34deb7ee',
    ]) {
      expect(shown).toContain(expected);
    }
  });

  it.each([
    ['critical', 'attention'],
    ['high', 'attention'],
    ['medium', 'warning'],
    ['low', 'accent'],
    ['informational', 'default'],
  ] as const)('colours a %s finding with the %s style', (severity, style) => {
    // Act
    const header = cardOf(buildTeamsMessage(sampleFinding({ severity }))).body[0] as {
      style: string;
      items: Array<{ text: string; color: string }>;
    };

    // Assess
    expect(header.style).toBe(style);
    expect(header.items[0]?.color).toBe(style);
    expect(header.items[0]?.text).toContain(severity.toUpperCase());
  });

  it('links only to the target authentication methods blade, built from the object id', () => {
    // Prepare
    const finding = sampleFinding({
      target: {
        id: TARGET_ID,
        userPrincipalName: 'x@evil.test/phish',
        displayName: 'https://evil.test',
        roles: [],
      },
    });

    // Act
    const actions = cardOf(buildTeamsMessage(finding)).actions;

    // Assess
    expect(actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open authentication methods in Entra',
        url: `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/${TARGET_ID}`,
      },
    ]);
  });

  it('has no action at all when the target id is not a GUID', () => {
    // Prepare
    const finding = sampleFinding({
      target: { id: `${TARGET_ID}/../../evil`, userPrincipalName: 'ga@contoso.com', roles: [] },
    });

    // Act
    const card = cardOf(buildTeamsMessage(finding));

    // Assess
    expect(card.actions).toEqual([]);
    expect(authMethodsUrl('javascript:alert(1)')).toBeUndefined();
    expect(parseProblems(card)).toEqual([]);
  });

  it('stays within 20 KB for 50 roles and very long names, keeping title, target and severity', () => {
    // Prepare
    const long = 'L'.repeat(5000);
    const finding = sampleFinding({
      severity: 'critical',
      title: `TAP issued to directory sync account Sync_SRV01_${long}@contoso.onmicrosoft.com`,
      target: {
        id: TARGET_ID,
        userPrincipalName: `Sync_SRV01_${long}@contoso.onmicrosoft.com`,
        displayName: `On-Premises Directory Synchronization Service Account ${long}`,
        roles: manyRoles(50, 400),
      },
      rules: Array.from({ length: 6 }, (_, i) => ({
        id: `rule-${i}`,
        severity: 'high' as const,
        reason: `reason ${i} ${long}`,
        evidence: {},
      })),
      triage: Array.from({ length: 20 }, (_, i) => `step ${i} ${'t'.repeat(900)}`),
      audit: {
        ...sampleFinding().audit,
        ids: Array.from({ length: 200 }, (_, i) => `audit-${i}-${'a'.repeat(80)}`),
      },
    });

    // Act
    const message = buildTeamsMessage(finding);
    const shown = shownText(cardOf(message).body);

    // Assess
    expect(cardBytes(message)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(shown).toContain('CRITICAL');
    expect(shown).toContain('TAP issued to directory sync account Sync_SRV01_LLL');
    expect(shown).toContain(TARGET_ID);
    expect(shown).toMatch(/and \d+ more/);
    expect(parseProblems(cardOf(message))).toEqual([]);
  });

  it('keeps severity, title and target even when every detail field is enormous', () => {
    // Prepare
    const finding = enormousFinding();

    // Act
    const message = buildTeamsMessage(finding);
    const card = cardOf(message);

    // Assess
    expect(cardBytes(message)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const placed = placedText(card.body);
    expect(shownText(card.body)).toContain('HIGH');
    expect(shownText(card.body)).toContain(`Object id: ${TARGET_ID}`);
    expect(placed.runs.some((t) => t.startsWith('<at>x</at><at>x</at>'))).toBe(true);
    expect([...placed.blocks, ...placed.facts].join('\n')).not.toContain('<at>');
    expect(card.msteams).toEqual({ width: 'Full' });
  });
});

describe('where the Teams card puts text', () => {
  const OWN_BLOCKS =
    /^(?:(?:CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL) · Temporary Access Pass issued|Target|Issued by|Temporary Access Pass|Why this alert|Triage|Truncated to fit the Teams card size limit: .*)$/;

  it.each([
    [
      'a typical finding',
      sampleFinding({ notes: ['Directory data was unavailable; role rules did not run.'] }),
    ],
    ['a finding with every field enormous', enormousFinding()],
  ])('keeps TextBlocks to tapwatch wording and uses no FactSet for %s', (_case, finding) => {
    // Act
    const card = cardOf(buildTeamsMessage(finding));
    const placed = placedText(card.body);

    // Assess
    expect(placed.blocks.filter((b) => !OWN_BLOCKS.test(b))).toEqual([]);
    expect(placed.facts).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('"FactSet"');
    expect(parseProblems(card)).toEqual([]);
  });

  it('shows a sync account UPN with underscores exactly as the audit log has it, in title and target', () => {
    // Prepare
    const upn = 'Sync_CONTOSO-DC01_4c3e2a1b9f00@contoso.onmicrosoft.com';
    const finding = sampleFinding({
      severity: 'critical',
      title: `TAP issued to directory sync account ${upn}`,
      target: {
        id: TARGET_ID,
        userPrincipalName: upn,
        displayName: 'On-Premises Directory Synchronization Service Account',
        roles: [],
      },
      rules: [
        { id: 'tap-sync-account', severity: 'critical', reason: `${upn} (naming: Sync_*)`, evidence: {} },
      ],
    });

    // Act
    const placed = placedText(cardOf(buildTeamsMessage(finding)).body);

    // Assess
    const shown = 'Sync_CONTOSO-DC01_4c3e2a1b9f00[@]contoso[.]onmicrosoft[.]com';
    expect(placed.runs).toContain(`TAP issued to directory sync account ${shown}`);
    expect(placed.runs).toContain(shown);
    expect(placed.lines).toContain(`tap-sync-account (critical): ${shown} (naming: Sync_*)`);
    expect(placed.runs.join('\n')).not.toMatch(/[\uff01-\uff5e\p{Cf}]/u);
  });
});
