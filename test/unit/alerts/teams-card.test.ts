import { authMethodsUrl, buildTeamsMessage, cardBytes, MAX_CARD_BYTES } from '../../../src/alerts/teams-card';
import type { FindingRole } from '../../../src/rules/finding';
import { sampleFinding, TARGET_ID } from './sample-finding';

// The package's `main` is untranspiled ESM; its UMD bundle runs in Node without a DOM for parsing.
const AC: typeof import('adaptivecards') = require('adaptivecards/dist/adaptivecards.js');

interface Envelope {
  type: string;
  attachments: Array<{
    contentType: string;
    content: Record<string, unknown> & { body: unknown[]; actions: unknown[] };
  }>;
}

function cardOf(message: object): Envelope['attachments'][number]['content'] {
  const content = (message as Envelope).attachments[0]?.content;
  if (!content) throw new Error('no card in the message');
  return content;
}

/** Parses like a host would and returns every parse and validation message. */
function parseProblems(content: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** Every TextBlock text and Fact title/value in the card, in order. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = ['text', 'title', 'value'].flatMap((k) =>
    typeof record[k] === 'string' ? [record[k] as string] : [],
  );
  return [...own, ...Object.values(record).flatMap((v) => (typeof v === 'object' ? texts(v) : []))];
}

function manyRoles(count: number, nameLength: number): FindingRole[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Custom Tier0 admin role ${i} ${'x'.repeat(nameLength)}`,
    templateId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    via: `group:Privileged group ${i} ${'g'.repeat(nameLength)}`,
    scope: '/',
  }));
}

describe('buildTeamsMessage', () => {
  it('wraps an Adaptive Card 1.4 in the Workflows message envelope', () => {
    // Act
    const message = buildTeamsMessage(sampleFinding()) as Envelope;

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
    const shown = texts(cardOf(buildTeamsMessage(finding)).body).join('\n');

    // Assess
    for (const expected of [
      'HIGH',
      'TAP issued to privileged account ga@contoso.com',
      'Grace Admin',
      TARGET_ID,
      'Global Administrator (via group Tier0 Admins, tenant-wide)',
      'Helpdesk Administrator (PIM-eligible, scope AU au-1)',
      'helpdesk@contoso.com',
      '203.0.113.7',
      '2026-11-20 08:03 UTC',
      '2026-11-20 09:03 UTC',
      '60 min (1 h)',
      'Multiple',
      'tap-privileged-target (high): Global Administrator （active, direct, tenant-wide）',
      '1. Confirm with the target user that they asked for a TAP.',
      'T1078.004, T1098.001',
      'a412fc4e-c5e5-4f37-a928-896c34deb7ee',
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
    const shown = texts(cardOf(message).body).join('\n');

    // Assess
    expect(cardBytes(message)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(shown).toContain('CRITICAL');
    expect(shown).toContain('TAP issued to directory sync account Sync＿SRV01＿LLL');
    expect(shown).toContain(TARGET_ID);
    expect(shown).toMatch(/and \d+ more/);
    expect(parseProblems(cardOf(message))).toEqual([]);
  });

  it('keeps severity, title and target even when every detail field is enormous', () => {
    // Prepare
    const huge = '<at>x</at>'.repeat(4000);
    const finding = sampleFinding({
      title: huge,
      target: { id: TARGET_ID, userPrincipalName: huge, displayName: huge, roles: manyRoles(500, 2000) },
      initiator: { type: 'app', displayName: huge, appId: huge, roles: manyRoles(500, 2000) },
      notes: [huge, huge, huge],
    });

    // Act
    const message = buildTeamsMessage(finding);
    const card = cardOf(message);

    // Assess
    expect(cardBytes(message)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(texts(card.body).join('\n')).toContain('HIGH');
    expect(texts(card.body).join('\n')).toContain(TARGET_ID);
    expect(JSON.stringify(card)).not.toContain('<at>');
  });
});
