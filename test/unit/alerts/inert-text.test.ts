import { inertText, truncate } from '../../../src/alerts/inert-text';
import { buildTeamsMessage } from '../../../src/alerts/teams-card';
import { sampleFinding, TARGET_ID } from './sample-finding';

const WJ = '\u2060';

/** Markdown, mention and link syntax that must not survive in any shown text. */
const ACTIVE_SYNTAX = [
  /\[[^\]]*\]\(/, // [text](url)
  /<\/?[a-z]/i, // HTML tags and <at> mentions
  /\*\*|__|~~|`/, // bold, italic, strike, code
  /[a-z][a-z0-9+.-]*:\/\//i, // scheme://
  /javascript:/i,
  /(^|\s)#/, // heading marker
  /\bwww\.[a-z]/i,
  /\p{Cc}/u, // control characters (ANSI starts with ESC)
];

describe('inertText', () => {
  it.each([
    ['a Markdown link', '[click](http://evil.test)', '［click］（http：//evil.⁠test）'],
    ['a Teams mention', '<at>ceo</at>', '＜at＞ceo＜/at＞'],
    ['bold Markdown', '**bold**', '＊＊bold＊＊'],
    ['a javascript: URL', 'javascript:alert(1)', 'javascript：alert（1）'],
    ['a heading after a newline', 'Grace\n# heading', 'Grace ＃ heading'],
    ['ANSI colour codes', '\u001b[31mred\u001b[0m alert', 'red alert'],
    ['an HTML image', '<img src=x onerror=alert(1)>', '＜img src=x onerror=alert（1）＞'],
    ['a bare www link', 'see www.evil.test now', `see www.${WJ}evil.${WJ}test now`],
    ['an HTML entity', '&lt;at&gt;ceo', '＆lt;at＆gt;ceo'],
    ['a leading list marker', '- item', `${WJ}- item`],
    ['bidi overrides', 'admin\u202Egnp.exe', 'admingnp.⁠exe'],
  ])('renders %s as inert text', (_case, input, expected) => {
    // Act
    const output = inertText(input);

    // Assess
    expect(output).toBe(expected);
    for (const pattern of ACTIVE_SYNTAX) expect(output).not.toMatch(pattern);
  });

  it('leaves UPNs, IP addresses and plain names readable', () => {
    // Act + Assess
    expect(inertText('ga@contoso.com')).toBe('ga@contoso.com');
    expect(inertText('first.last@contoso.onmicrosoft.com')).toBe('first.last@contoso.onmicrosoft.com');
    expect(inertText('203.0.113.7')).toBe('203.0.113.7');
    expect(inertText('Grace Admin')).toBe('Grace Admin');
  });

  it('cuts long values with an ellipsis and never splits a surrogate pair', () => {
    // Act
    const cut = truncate('😀'.repeat(10), 4);

    // Assess
    expect(cut).toBe('😀😀😀…');
    expect(inertText('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('attacker-controlled text in the Teams card', () => {
  it('shows injection attempts in names only as inert text', () => {
    // Prepare
    const evil =
      '[click](http://evil.test) <at>ceo</at> **bold** javascript:alert(1)\n# heading \u001b[31mred\u001b[0m';
    const finding = sampleFinding({
      title: `TAP issued to privileged account ${evil}`,
      target: {
        id: TARGET_ID,
        userPrincipalName: `${evil}@contoso.com`,
        displayName: evil,
        roles: [{ name: evil, templateId: 'x', via: `group:${evil}`, scope: `/administrativeUnits/${evil}` }],
      },
      initiator: { type: 'app', displayName: evil, appId: evil, ipAddress: evil, roles: [] },
      rules: [{ id: 'tap-app-initiator', severity: 'medium', reason: `App ${evil} issued it`, evidence: {} }],
      tap: { usage: evil },
      audit: { ...sampleFinding().audit, ids: [evil], correlationId: evil },
      notes: [evil],
    });

    // Act
    const card = (buildTeamsMessage(finding) as { attachments: Array<{ content: { body: unknown } }> })
      .attachments[0]?.content;
    const bodyJson = JSON.stringify(card?.body);

    // Assess
    for (const pattern of ACTIVE_SYNTAX) expect(bodyJson).not.toMatch(pattern);
    expect(bodyJson).not.toContain('\\u001b');
    expect(bodyJson).toContain('［click］（http：//evil.⁠test）');
  });
});
