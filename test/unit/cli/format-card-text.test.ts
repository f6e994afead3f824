import { buildTeamsMessage } from '../../../src/alerts/teams-card';
import { formatCardText } from '../../../src/cli/format-card-text';
import { cardOf } from '../alerts/card-text';
import { sampleFinding, TARGET_ID } from '../alerts/sample-finding';

describe('formatCardText()', () => {
  it('renders what the card JSON says, section by section, with the button and its link', () => {
    // Act
    const lines = formatCardText(buildTeamsMessage(sampleFinding()));

    // Assess
    expect(lines.slice(0, 8)).toEqual([
      'HIGH · Temporary Access Pass issued',
      'TAP issued to privileged account ga[@]contoso[.]com',
      '',
      'Target',
      'User: ga[@]contoso[.]com',
      'Name: Grace Admin',
      `Object id: ${TARGET_ID}`,
      'Roles: Global Administrator (direct, tenant-wide)',
    ]);
    expect(lines.slice(-2)).toEqual([
      '[Open authentication methods in Entra]',
      expect.stringMatching(new RegExp(`^  https://entra\\.microsoft\\.com/.*/userId/${TARGET_ID}$`)),
    ]);
  });

  it('follows the JSON it is given rather than a template of its own', () => {
    // Prepare
    const message = buildTeamsMessage(sampleFinding());
    const card = cardOf(message);
    card.body = [
      { type: 'TextBlock', text: 'Only this' },
      { type: 'FactSet', facts: [{ title: 'A', value: 'b' }] },
    ];
    card.actions = [];

    // Act
    const lines = formatCardText(message);

    // Assess
    expect(lines).toEqual(['Only this', 'A: b']);
  });

  it('keeps attacker-controlled card text from steering the terminal', () => {
    // Prepare
    const evil = '\u001b[2J\u001b]0;pwned\u0007Eve\u202egnp.exe\u0085next';
    const message = buildTeamsMessage(sampleFinding());
    cardOf(message).body = [
      {
        type: 'RichTextBlock',
        inlines: [
          { type: 'TextRun', text: 'User: ' },
          { type: 'TextRun', text: evil },
        ],
      },
      { type: 'TextBlock', text: evil },
    ];

    // Act
    const lines = formatCardText(message);

    // Assess
    expect(lines.filter((l) => /[\p{Cc}\u202e]/u.test(l))).toEqual([]);
    // The bidi override is stripped (it would reorder the line); the C1 control stays visible as �.
    expect(lines[0]).toBe('User: Evegnp.exe\ufffdnext');
  });

  it('wraps long lines at spaces and keeps an unbreakable word whole', () => {
    // Prepare
    const message = buildTeamsMessage(sampleFinding());
    const long = `${'word '.repeat(30)}${'x'.repeat(120)}`;
    cardOf(message).body = [{ type: 'TextBlock', text: long }];
    cardOf(message).actions = [];

    // Act
    const lines = formatCardText(message);

    // Assess
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1).every((l) => [...l].length <= 100)).toBe(true);
    expect(lines.at(-1)).toBe(`  ${'x'.repeat(120)}`);
  });

  it('says so when the message holds no card', () => {
    expect(formatCardText({ type: 'message', attachments: [] })).toEqual([
      '(no Adaptive Card in this message)',
    ]);
  });
});
