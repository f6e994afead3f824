import { buildTeamsMessage } from '../../../src/alerts/teams-card';
import { type RenderedCard, renderCardsInChromium } from '../../../src/sim/card-browser';
import { HOSTILE_TEXT, SAMPLE_CARD_FINDINGS } from '../../../src/sim/sample-card-findings';

/**
 * The cards as a person sees them: rendered by the Adaptive Cards JavaScript renderer in headless Chromium
 * (Debian's `chromium`; .ci/run installs it), with a chat client's Markdown and autolinking on top. A
 * missing Chromium fails these tests with the install command: they never skip.
 */
describe('Teams cards rendered in a browser', () => {
  let cards: RenderedCard[];
  let unsafe: RenderedCard | undefined;

  beforeAll(async () => {
    const messages = SAMPLE_CARD_FINDINGS.map((s) => ({
      name: s.name,
      caption: s.caption,
      message: buildTeamsMessage(s.finding),
    }));
    // A control the harness must catch: the same hostile text put where Teams reads Markdown.
    const careless = {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              {
                type: 'TextBlock',
                text: `${HOSTILE_TEXT.link} ${HOSTILE_TEXT.markdown} ${HOSTILE_TEXT.url}`,
              },
            ],
          },
        },
      ],
    };
    const rendered = await renderCardsInChromium([
      ...messages,
      { name: 'careless', caption: 'control', message: careless },
    ]);
    unsafe = rendered.pop();
    cards = rendered;
  }, 60_000);

  it('renders every sample card without a parse or validation problem, with its one button', () => {
    // Assess
    expect(cards.map((c) => [c.name, c.rendered, c.problems, c.buttons])).toEqual(
      SAMPLE_CARD_FINDINGS.map((s) => [s.name, true, [], ['Open authentication methods in Entra']]),
    );
    expect(cards[0]?.text).toContain(
      'TAP issued to directory sync account Sync_CONTOSO-DC01_1a2b3c4d5e6f[@]contoso[.]onmicrosoft[.]com',
    );
    expect(cards[0]?.text).toContain('Finding id: 15b0d2ff8c1a02297ca96005f87d00ad');
  });

  it('shows no link and no rendered markup in any card, hostile text included', () => {
    // Assess
    expect(cards.map((c) => [c.name, c.markup])).toEqual(SAMPLE_CARD_FINDINGS.map((s) => [s.name, []]));
  });

  it('shows the attacker-controlled text as the characters the audit log holds', () => {
    // Prepare
    const hostile = cards.find((c) => c.name === 'medium-hostile-app')?.text ?? '';

    // Assess
    expect(hostile).toContain(`Name: ${HOSTILE_TEXT.html} ${HOSTILE_TEXT.mention}`);
    expect(hostile).toContain(HOSTILE_TEXT.markdown);
    // Hosts, addresses and schemes are defanged (src/defang.ts) so no client autolinks them.
    expect(hostile).toContain('[Reset your MFA here](https[:]//evil[.]test/login)');
    expect(hostile).toContain('rnicrosoft-support[.]com');
    expect(hostile).toContain('{ {DATE(2017-02-14T06:00:00Z)}}');
    expect(hostile).toContain(`User: ${HOSTILE_TEXT.homograph.replace('.', '[.]')}[@]contoso[.]com`);
  });

  it('would catch a card that put the same text where Teams reads Markdown', () => {
    // Assess: the harness is not blind; the careless card grows links and bold text.
    expect(unsafe?.markup).toEqual(
      expect.arrayContaining([
        'a: Reset your MFA here',
        'strong: approved by IT',
        'a: https://login.microsoftonline.com.evil.test/reset',
      ]),
    );
  });
});
