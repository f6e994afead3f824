import { literalText, truncate } from '../../../src/alerts/inert-text';

/** What must never survive in TextRun text: a clickable scheme, a host, an address, a date function, controls. */
const LIVE_IN_A_TEXT_RUN = [
  /[a-z][a-z0-9+.-]*:\/\//i, // scheme://
  /javascript:/i,
  /[\p{L}\p{N}_-][.\u3002\uff0e\uff61]\p{L}/u, // a dot between labels: a host
  /[.\u3002\uff0e\uff61]\p{L}[\p{L}\p{N}-]*\//u, // a leading-dot host and path
  /\S@[\p{L}\p{N}]/u, // user@host
  /\{\{(?:DATE|TIME)\(/i,
  /\p{Cc}/u, // control characters (ANSI starts with ESC)
  /\p{Cf}/u, // zero-width and bidi characters
];

describe('literalText', () => {
  it.each([
    [
      'a Markdown link, with its scheme and host defanged',
      '[click](http://evil.test)',
      '[click](http[:]//evil[.]test)',
    ],
    ['a Teams mention, as plain text', '<at>ceo</at>', '<at>ceo</at>'],
    ['bold Markdown, as plain text', '**bold**', '**bold**'],
    ['a javascript: URL, with its scheme defanged', 'javascript:alert(1)', 'javascript[:]alert(1)'],
    ['a heading after a newline, on one line', 'Grace\n# heading', 'Grace # heading'],
    ['ANSI colour codes, removed', '\u001b[31mred\u001b[0m alert', 'red alert'],
    ['an HTML image, as plain text', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['a bare www link, defanged', 'see www.evil.test now', 'see www[.]evil[.]test now'],
    [
      'a path on a leading-dot host, defanged',
      'go to .evil-example.com/reset',
      'go to [.]evil-example[.]com/reset',
    ],
    ['a mail address, defanged', 'mail user@evil-example.com now', 'mail user[@]evil-example[.]com now'],
    [
      'a host written with ideographic and fullwidth dots',
      'evil\u3002example\uff0ecom',
      'evil[.]example[.]com',
    ],
    ['bidi overrides, removed', 'admin\u202Egnp.exe', 'admingnp[.]exe'],
    [
      'zero-width and bidi marks hiding a dot or an at sign, removed first',
      'e\u200bvil.\u200cexample\u200d.com\ufeff \u061cuser@\u2066host.test\u2069 \u200e\u200f\u202a\u202d\u2067\u2068',
      'evil[.]example[.]com user[@]host[.]test',
    ],
    [
      'an Adaptive Card date function, kept from expanding',
      '{{DATE(2017-02-14T06:00:00Z, SHORT)}}',
      '{ {DATE(2017-02-14T06:00:00Z, SHORT)}}',
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
    [
      'a sync account UPN with underscores',
      'Sync_CONTOSO-DC01_4c3e2a1b9f00@contoso.onmicrosoft.com',
      'Sync_CONTOSO-DC01_4c3e2a1b9f00[@]contoso[.]onmicrosoft[.]com',
    ],
    ['a dotted UPN', 'first.last@contoso.onmicrosoft.com', 'first[.]last[@]contoso[.]onmicrosoft[.]com'],
    [
      'a guest UPN',
      'ann_fabrikam.com#EXT#@contoso.onmicrosoft.com',
      'ann_fabrikam[.]com#EXT#[@]contoso[.]onmicrosoft[.]com',
    ],
    ['a plus-addressed UPN', 'ops+tap@contoso.com', 'ops+tap[@]contoso[.]com'],
  ])(
    'shows %s readably, defanged so no client links it, and exact once the brackets are dropped',
    (_case, upn, shown) => {
      // Act
      const output = literalText(upn);

      // Assess
      expect(output).toBe(shown);
      expect(output.replace(/\[([.@:])\]/g, '$1')).toBe(upn);
      for (const pattern of LIVE_IN_A_TEXT_RUN) expect(output).not.toMatch(pattern);
    },
  );

  it.each([
    ['an IPv4 address', '203.0.113.7'],
    ['an IPv6 address', '2001:db8::7'],
    ['a rule reason in parentheses', 'Global Administrator (active, direct, tenant-wide)'],
    ['prose with a colon', 'Note: eligibility data was unavailable'],
    ['a version number and a sentence end', 'Agent 2.4.1 ran. Then it stopped.'],
    ['a plain name', 'Grace Admin'],
  ])('leaves %s exactly as it is', (_case, value) => {
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
    expect(literalText('\u001b[0m\u202e\u200b')).toBe('');
  });
});
