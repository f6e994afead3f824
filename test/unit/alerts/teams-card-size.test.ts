import { TRUNCATED_NOTICE } from '../../../src/alerts/card-sections';
import {
  buildTeamsMessage,
  CARD_VERSION,
  cardBytes,
  MAX_CARD_BYTES,
  WORKFLOWS_MAX_BYTES,
} from '../../../src/alerts/teams-card';
import type { Finding, FindingRole } from '../../../src/rules/finding';
import { cardOf, parseProblems, placedText, shownText } from './card-text';
import { sampleFinding, TARGET_ID } from './sample-finding';

/** Text that costs the most bytes per character once escaped and made inert: 4-byte emoji and dots. */
function costly(chars: number): string {
  return 'a.😀'.repeat(Math.ceil(chars / 3)).slice(0, chars);
}

function roles(count: number, nameLength: number): FindingRole[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Admin role ${i} ${costly(nameLength)}`,
    templateId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    via: `group:${costly(nameLength)}`,
    scope: `/administrativeUnits/${costly(nameLength)}`,
  }));
}

/** Every audit-derived part of a finding far beyond what any card can hold. */
function oversizedFinding(): Finding {
  const huge = costly(50_000);
  const base = sampleFinding();
  return sampleFinding({
    severity: 'critical',
    title: `TAP issued to ${huge}`,
    target: { id: TARGET_ID, userPrincipalName: huge, displayName: huge, roles: roles(2000, 500) },
    initiator: {
      type: 'user',
      id: huge,
      userPrincipalName: huge,
      displayName: huge,
      ipAddress: huge,
      roles: roles(2000, 500),
    },
    tap: { ...base.tap, usage: huge },
    rules: Array.from({ length: 40 }, (_, i) => ({
      id: `rule-${i}`,
      severity: 'high' as const,
      reason: huge,
      evidence: { blob: huge },
    })),
    triage: Array.from({ length: 50 }, () => huge),
    notes: Array.from({ length: 20 }, () => huge),
    audit: {
      ...base.audit,
      correlationId: huge,
      ids: Array.from({ length: 5000 }, (_, i) => `${i}-${huge.slice(0, 200)}`),
    },
  });
}

describe('the Teams card within what "Post card in a chat or channel" accepts', () => {
  it('is an Adaptive Card 1.4 within a 20 KB budget that stays under the 28 KB limit', () => {
    // Act
    const card = cardOf(buildTeamsMessage(sampleFinding()));

    // Assess
    expect(card.version).toBe('1.4');
    expect(CARD_VERSION).toBe('1.4');
    expect(WORKFLOWS_MAX_BYTES).toBe(28 * 1024);
    expect(MAX_CARD_BYTES).toBeLessThan(WORKFLOWS_MAX_BYTES);
  });

  it('shows a typical finding whole, without the truncated notice', () => {
    // Act
    const shown = shownText(cardOf(buildTeamsMessage(sampleFinding())).body);

    // Assess
    expect(shown).not.toContain('Truncated');
    expect(shown).not.toMatch(/and \d+ more/);
  });

  it('trims an oversized finding to a valid card under the limit that says it was truncated and keeps the finding id', () => {
    // Prepare
    const finding = oversizedFinding();

    // Act
    const message = buildTeamsMessage(finding);
    const card = cardOf(message);
    const shown = shownText(card.body);

    // Assess
    expect(cardBytes(message)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardBytes(message)).toBeLessThanOrEqual(WORKFLOWS_MAX_BYTES);
    expect(parseProblems(card)).toEqual([]);
    expect(placedText(card.body).blocks).toContain(TRUNCATED_NOTICE);
    expect(shown).toContain('CRITICAL');
    expect(shown).toContain(`Finding id: ${finding.id}`);
    expect(shown).toContain(TARGET_ID);
  });

  it('counts the rules, notes and triage steps it leaves out instead of dropping them silently', () => {
    // Prepare
    const finding = sampleFinding({
      rules: Array.from({ length: 15 }, (_, i) => ({
        id: `rule-${i}`,
        severity: 'low' as const,
        reason: 'short',
        evidence: {},
      })),
      notes: ['one', 'two', 'three', 'four', 'five'],
      triage: Array.from({ length: 10 }, (_, i) => `step ${i}`),
    });

    // Act
    const shown = shownText(cardOf(buildTeamsMessage(finding)).body);

    // Assess
    expect(shown).toContain('and 3 more rules');
    expect(shown).toContain('and 2 more notes');
    expect(shown).toContain('and 2 more steps');
    expect(shown).not.toContain('Truncated');
  });

  it('marks the card truncated whenever it had to step down from full detail to fit', () => {
    // Prepare: long enough to exceed the budget at full detail, short enough for the next level.
    const finding = sampleFinding({
      target: { id: TARGET_ID, userPrincipalName: 'ga@contoso.com', roles: roles(25, 200) },
    });

    // Act
    const message = buildTeamsMessage(finding);
    const card = cardOf(message);

    // Assess
    expect(cardBytes(message)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(placedText(card.body).blocks).toContain(TRUNCATED_NOTICE);
    expect(shownText(card.body)).toContain('Issued by');
    expect(parseProblems(card)).toEqual([]);
  });
});
