import { literalText, truncate } from '../../../src/alerts/inert-text';

const WJ = '\u2060';

/** What must never survive in TextRun text: a clickable scheme, a bare web host, a date function, controls. */
const LIVE_IN_A_TEXT_RUN = [
  /[a-z][a-z0-9+.-]*:\/\//i, // scheme://
  /javascript:/i,
  /\bwww\.[a-z]/i,
  /\{\{(?:DATE|TIME)\(/i,
  /\p{Cc}/u, // control characters (ANSI starts with ESC)
  /[\u202a-\u202e\u2066-\u2069]/, // bidi overrides
];

describe('literalText', () => {
  it.each([
    [
      'a Markdown link, with its scheme broken',
      '[click](http://evil.test)',
      `[click](http：//evil.${WJ}test)`,
    ],
    ['a Teams mention, as plain text', '<at>ceo</at>', '<at>ceo</at>'],
    ['bold Markdown, as plain text', '**bold**', '**bold**'],
    ['a javascript: URL, with its scheme broken', 'javascript:alert(1)', 'javascript：alert(1)'],
    ['a heading after a newline, on one line', 'Grace\n# heading', 'Grace # heading'],
    ['ANSI colour codes, removed', '\u001b[31mred\u001b[0m alert', 'red alert'],
    ['an HTML image, as plain text', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['a bare www link, with its dots joined', 'see www.evil.test now', `see www.${WJ}evil.${WJ}test now`],
    ['bidi overrides, removed', 'admin\u202Egnp.exe', `admingnp.${WJ}exe`],
    [
      'an Adaptive Card date function, kept from expanding',
      '{{DATE(2017-02-14T06:00:00Z, SHORT)}}',
      `{${WJ}{DATE(2017-02-14T06:00:00Z, SHORT)}}`,
    ],
  ])('renders %s', (_case, input, expected) => {
    // Act
    const output = literalText(input);

    // Assess
    expect(output).toBe(expected);
    for (const pattern of LIVE_IN_A_TEXT_RUN) expect(output).not.toMatch(pattern);
  });

  it('keeps every Markdown, HTML and templating character as typed', () => {
    // Prepare
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${…}` is part of the input under test.
    const input = 'a_b *c* [d](e) #f <g> ~h~ |i| &amp; {j} ${k} \\l `m`';

    // Act + Assess
    expect(literalText(input)).toBe(input);
  });

  it.each([
    ['a sync account UPN with underscores', 'Sync_CONTOSO-DC01_4c3e2a1b9f00@contoso.onmicrosoft.com'],
    ['a dotted UPN', 'first.last@contoso.onmicrosoft.com'],
    ['a guest UPN', 'ann_fabrikam.com#EXT#@contoso.onmicrosoft.com'],
    ['a plus-addressed UPN', 'ops+tap@contoso.com'],
    ['an IPv4 address', '203.0.113.7'],
    ['an IPv6 address', '2001:db8::7'],
    ['a rule reason in parentheses', 'Global Administrator (active, direct, tenant-wide)'],
    ['prose with a colon', 'Note: eligibility data was unavailable'],
    ['a plain name', 'Grace Admin'],
  ])('leaves %s exactly as it is, so it can be copied', (_case, value) => {
    // Act + Assess
    expect(literalText(value)).toBe(value);
  });

  it('cuts long values with an ellipsis and never splits a surrogate pair', () => {
    // Act
    const cut = truncate('😀'.repeat(10), 4);

    // Assess
    expect(cut).toBe('😀😀😀…');
    expect(literalText('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('returns an empty string for a missing value', () => {
    // Act + Assess
    expect(literalText(undefined)).toBe('');
    expect(literalText('\u001b[0m\u202e')).toBe('');
  });
});
