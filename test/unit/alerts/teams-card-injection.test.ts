import { buildTeamsMessage } from '../../../src/alerts/teams-card';
import type { Finding } from '../../../src/rules/finding';
import { cardOf, parseProblems, placedText } from './card-text';
import { sampleFinding, TARGET_ID } from './sample-finding';

const EVIL =
  '[click](http://evil.test) <at>ceo</at> **bold** javascript:alert(1)\n# heading \u001b[31mred\u001b[0m {{DATE(2017-02-14T06:00:00Z)}}';

/** The payloads an attacker hopes Teams will interpret; each must reach the reader only as literal text. */
const MARKERS = ['[click](http', '<at>ceo</at>', '**bold**', '# heading'];

/** Every attacker-controlled field of a finding carrying the same injection text. */
function injectedFinding(): Finding {
  return sampleFinding({
    title: `TAP issued to privileged account ${EVIL}`,
    target: {
      id: TARGET_ID,
      userPrincipalName: `${EVIL}@contoso.com`,
      displayName: EVIL,
      roles: [{ name: EVIL, templateId: 'x', via: `group:${EVIL}`, scope: `/administrativeUnits/${EVIL}` }],
    },
    initiator: { type: 'app', displayName: EVIL, appId: EVIL, ipAddress: EVIL, roles: [] },
    rules: [{ id: 'tap-app-initiator', severity: 'medium', reason: `App ${EVIL} issued it`, evidence: {} }],
    tap: { usage: EVIL },
    audit: { ...sampleFinding().audit, ids: [EVIL], correlationId: EVIL },
    notes: [EVIL],
  });
}

describe('attacker-controlled text in the Teams card', () => {
  it.each(MARKERS)('shows %s only inside TextRun text, never in a TextBlock or a Fact', (marker) => {
    // Act
    const placed = placedText(cardOf(buildTeamsMessage(injectedFinding())).body);

    // Assess
    expect(placed.runs.filter((t) => t.includes(marker)).length).toBeGreaterThanOrEqual(8);
    expect(placed.blocks.filter((t) => t.includes(marker))).toEqual([]);
    expect(placed.facts.filter((t) => t.includes(marker))).toEqual([]);
  });

  it('shows the injected text literally, with URI schemes, bare hosts and date functions broken', () => {
    // Act
    const placed = placedText(cardOf(buildTeamsMessage(injectedFinding())).body);

    // Assess
    expect(placed.runs).toContain(
      '[click](http[:]//evil[.]test) <at>ceo</at> **bold** javascript[:]alert(1) # heading red { {DATE(2017-02-14T06:00:00Z)}}',
    );
    const all = JSON.stringify(placed);
    expect(all).not.toMatch(/[a-z][a-z0-9+.-]*:\/\//i);
    expect(all).not.toMatch(/javascript:/i);
    expect(all).not.toMatch(/evil\.test/);
    expect(all).not.toMatch(/\{\{DATE\(/);
    expect(all).not.toContain('\\u001b');
  });

  it('declares no Teams entities, so <at> text cannot mention anyone', () => {
    // Act
    const card = cardOf(buildTeamsMessage(injectedFinding()));

    // Assess
    expect(card.msteams).toEqual({ width: 'Full' });
    expect(JSON.stringify(card)).not.toMatch(/"entities"|"mentioned"/);
  });

  it('builds no link from the injected text and still parses without problems', () => {
    // Act
    const card = cardOf(buildTeamsMessage(injectedFinding()));

    // Assess
    expect(card.actions).toEqual([
      expect.objectContaining({
        type: 'Action.OpenUrl',
        url: expect.stringMatching(new RegExp(`/userId/${TARGET_ID}$`)),
      }),
    ]);
    expect(JSON.stringify(card.body)).not.toMatch(/"(?:url|selectAction)"/);
    expect(parseProblems(card)).toEqual([]);
  });
});
