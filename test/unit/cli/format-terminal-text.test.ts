import { inertJson, terminalAuditText, terminalText } from '../../../src/cli/format-terminal-text';

describe('terminalText()', () => {
  it.each([
    ['a CSI colour sequence', '\u001b[31mred\u001b[0m', 'red'],
    ['an OSC title sequence ended by BEL', 'a\u001b]0;title\u0007b', 'ab'],
    ['an OSC hyperlink ended by ST', '\u001b]8;;https://evil\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['a bare escape', 'x\u001by', 'xy'],
    ['a C1 CSI', 'x\u009b2Jy', 'x\ufffd2Jy'],
    ['newlines and tabs', 'a\r\n\tb', 'a\ufffd\ufffd\ufffdb'],
    ['a bidi override, removed', 'abc\u202etxt.exe', 'abctxt.exe'],
    [
      'zero-width and bidi characters, removed',
      'a\u200bb\u200cc\u200dd\ufeffe\u061cf\u200eg\u200fh\u202ai\u202dj\u2066k\u2069l',
      'abcdefghijkl',
    ],
    ['plain non-ASCII text', 'Zoë 東京 🙂', 'Zoë 東京 🙂'],
  ])('neutralises %s', (_name, input, expected) => {
    // Act
    const out = terminalText(input);

    // Assess
    expect(out).toBe(expected);
  });

  it('cuts by characters, never inside a surrogate pair', () => {
    // Act
    const out = terminalText('🙂🙂🙂🙂', 3);

    // Assess
    expect(out).toBe('🙂🙂…');
  });
});

describe('terminalAuditText()', () => {
  it.each([
    [
      'a path on a leading-dot host',
      'reset at .evil-example.com/reset',
      'reset at [.]evil-example[.]com/reset',
    ],
    ['a mail address', 'user@evil-example.com', 'user[@]evil-example[.]com'],
    ['a URL', 'https://evil.test/x', 'https[:]//evil[.]test/x'],
    ['a host hidden behind zero-width characters', 'evil\u200b.\u200bexample.com', 'evil[.]example[.]com'],
    ['a UPN, readably', 'grace.admin@contoso.com', 'grace[.]admin[@]contoso[.]com'],
    ['a name', 'Grace Admin (helpdesk)', 'Grace Admin (helpdesk)'],
  ])('defangs %s so no terminal links it', (_name, input, expected) => {
    // Act + Assess
    expect(terminalAuditText(input)).toBe(expected);
  });
});

describe('inertJson()', () => {
  it('escapes C1 controls and bidi overrides and still parses to the same value', () => {
    // Prepare
    const value = { name: 'a\u009bb\u202ec\u2028d\u200be', n: 1 };

    // Act
    const json = inertJson(value, 2);

    // Assess
    expect(json).not.toMatch(/[\u009b\u202e\u2028\u200b]/);
    expect(json).toContain('a\\u009bb\\u202ec\\u2028d\\u200be');
    expect(JSON.parse(json)).toEqual(value);
  });
});
