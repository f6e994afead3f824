import { alertRuleSetKey, messageKey } from '../../../src/alerts/escalation';
import { buildTeamsMessage, cardBytes, MAX_CARD_BYTES } from '../../../src/alerts/teams-card';
import type { Finding } from '../../../src/rules/finding';
import { cardOf, placedText, shownText } from './card-text';
import { sampleFinding } from './sample-finding';

/** The sample finding after a passkey was registered with its TAP. */
function escalated(overrides: Partial<Finding> = {}): Finding {
  const base = sampleFinding();
  return {
    ...base,
    severity: 'critical',
    rules: [
      {
        id: 'tap-persistence',
        severity: 'critical',
        reason: 'A lasting sign-in method was registered',
        evidence: {},
      },
      ...base.rules,
      { id: 'tap-method-registered', severity: 'informational', reason: 'Passkey registered', evidence: {} },
    ],
    escalation: { from: 'high', to: 'critical', at: '2026-11-20T10:00:00.000Z' },
    timeline: [
      {
        time: base.activityDateTime,
        kind: 'tap-issued',
        summary: 'TAP issued to ga@contoso.com',
        auditId: 'a-1',
      },
      {
        time: '2026-11-20T08:10:00Z',
        kind: 'tap-signin',
        summary: 'Signed in with the TAP to My Signins',
        signInId: 's-1',
      },
      {
        time: '2026-11-20T08:30:00Z',
        kind: 'method-registered',
        summary: 'ga@contoso.com registered **Passkey** [x](https://evil.example)',
        auditId: 'r-1',
      },
    ],
    ...overrides,
  };
}

describe('escalation alerts', () => {
  it('say "Escalated from high" in the Teams card header and list the timeline, audit text kept literal', () => {
    // Act
    const card = cardOf(buildTeamsMessage(escalated()));
    const placed = placedText(card.body);

    // Assess
    expect(placed.blocks[0]).toMatch(/^CRITICAL.*Escalated from high/i);
    expect(placed.blocks).toContain('Timeline');
    const shown = shownText(card.body);
    expect(shown).toMatch(/tap-signin: Signed in with the TAP to My Signins/);
    expect(placed.runs.some((r) => r.includes('registered **Passkey**'))).toBe(true);
    expect(placed.blocks.join('\n')).not.toContain('Passkey');
  });

  it('keeps an ordinary first alert worded as a TAP issuance, without a timeline section', () => {
    const card = cardOf(buildTeamsMessage(sampleFinding()));

    expect(placedText(card.body).blocks[0]).toMatch(/Temporary Access Pass issued$/);
    expect(placedText(card.body).blocks).not.toContain('Timeline');
  });

  it('fits the card size limit with a 50-entry timeline of long summaries', () => {
    const long = escalated({
      timeline: Array.from({ length: 50 }, (_, i) => ({
        time: `2026-11-20T08:${String(i).padStart(2, '0')}:00Z`,
        kind: 'tap-signin' as const,
        summary: `Signed in with the TAP ${'x'.repeat(2000)}`,
        signInId: `s-${i}`,
      })),
    });

    expect(cardBytes(buildTeamsMessage(long))).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it('claims escalations under a key of their own per severity, and gives the webhook a new message id', () => {
    const first = sampleFinding();
    const rise = escalated();

    expect(alertRuleSetKey(first)).toBe('tap-issued+tap-privileged-target');
    expect(alertRuleSetKey(rise)).toBe(`escalation-critical-${rise.id}`);
    expect(messageKey(first)).toBe(first.id);
    expect(messageKey(rise)).toBe(`${rise.id}-escalated-critical`);
    expect(messageKey(rise)).not.toContain('.');
  });
});
