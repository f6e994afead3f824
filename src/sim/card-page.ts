import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root';

/** One card to put on the page: a name (file name of its picture) and the Workflows message as posted. */
export interface PageCard {
  name: string;
  caption: string;
  message: object;
}

/**
 * Colours and fonts close to Teams' light theme (a guess from its look; Microsoft publishes no Teams host
 * config). Only the look depends on it: what is text and what is markup is decided by the card and the
 * renderer.
 */
const HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5B5FC7', subtle: '#5B5FC7' },
        attention: { default: '#C4314B', subtle: '#C4314B' },
        warning: { default: '#835B00', subtle: '#835B00' },
        good: { default: '#237B4B', subtle: '#237B4B' },
      },
    },
    attention: { backgroundColor: '#FDF3F4' },
    warning: { backgroundColor: '#FBF6D9' },
    accent: { backgroundColor: '#EEF0FA' },
    emphasis: { backgroundColor: '#F5F5F5' },
  },
  actions: { actionsOrientation: 'horizontal', actionAlignment: 'left', buttonSpacing: 8, maxActions: 6 },
};

/**
 * Runs in the page: renders each card with the Adaptive Cards JavaScript renderer, then does what a chat
 * client may do on top (both behaviours are guesses of Teams, which is not open): TextBlocks go through a
 * Markdown subset (bold, italic, links, headings), and every text node is searched for URLs and bare
 * domain names, which become links. What each card ended up with is left in `window.__cards`.
 */
const PAGE_SCRIPT = `
(() => {
  const AC = window.AdaptiveCards;
  const escape = (s) => s.replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    let html = escape(text)
      .replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>')
      .replace(/(^|\\s)_(.+?)_(?=\\s|$)/g, '$1<em>$2</em>')
      .replace(/\\[([^\\]]+)\\]\\(([^)\\s]+)\\)/g, '<a href="$2">$1</a>')
      .replace(/^#{1,6} (.*)$/gm, '<h3>$1</h3>');
    result.outputHtml = html;
    result.didProcess = true;
  };
  const LINKABLE = /(?:\\b[a-z][a-z0-9+.-]*:\\/\\/[^\\s<]+|\\bwww\\.[^\\s<]+|(?<![@\\w.-])(?:[a-z0-9-]+\\.)+[a-z]{2,}(?![\\w@-]))/gi;
  const autolink = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      if (node.parentElement && node.parentElement.closest('a, button')) continue;
      const text = node.nodeValue;
      LINKABLE.lastIndex = 0;
      if (!LINKABLE.test(text)) continue;
      LINKABLE.lastIndex = 0;
      const frag = document.createDocumentFragment();
      let last = 0;
      for (const m of text.matchAll(LINKABLE)) {
        frag.append(text.slice(last, m.index));
        const a = document.createElement('a');
        a.href = m[0].includes('://') ? m[0] : 'https://' + m[0];
        a.textContent = m[0];
        frag.append(a);
        last = m.index + m[0].length;
      }
      frag.append(text.slice(last));
      node.replaceWith(frag);
    }
  };
  const specs = JSON.parse(document.getElementById('cards').textContent);
  const hostConfig = new AC.HostConfig(JSON.parse(document.getElementById('host-config').textContent));
  const MARKUP = 'a, strong, b, em, i, u, s, del, code, pre, h1, h2, h3, h4, h5, h6, img, iframe, script, object, embed';
  window.__cards = specs.map((spec) => {
    const frame = document.createElement('figure');
    frame.id = 'card-' + spec.name;
    const caption = document.createElement('figcaption');
    caption.textContent = spec.caption;
    const holder = document.createElement('div');
    holder.className = 'card';
    frame.append(caption, holder);
    document.getElementById('cards-root').append(frame);
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    const context = new AC.SerializationContext();
    const content = spec.message.attachments[0].content;
    card.parse(content, context);
    const problems = [];
    for (let i = 0; i < context.eventCount; i += 1) problems.push(context.getEventAt(i).message);
    const rendered = card.render();
    if (rendered) holder.append(rendered);
    autolink(holder);
    return {
      name: spec.name,
      problems,
      rendered: Boolean(rendered),
      text: holder.innerText,
      markup: [...holder.querySelectorAll(MARKUP)].map((e) => e.tagName.toLowerCase() + ': ' + e.textContent),
      buttons: [...holder.querySelectorAll('button')].map((b) => b.textContent.trim()),
    };
  });
})();
`;

/** JSON inside a <script> element: `<` is escaped so no value can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * A self-contained HTML page that renders `cards`: the renderer's script and stylesheet are inlined and a
 * Content-Security-Policy forbids every fetch, so rendering needs nothing but the file itself.
 */
export function cardPageHtml(cards: readonly PageCard[]): string {
  const dist = join(packageRoot(), 'node_modules', 'adaptivecards', 'dist');
  const renderer = readFileSync(join(dist, 'adaptivecards.min.js'), 'utf8');
  const css = readFileSync(join(dist, 'adaptivecards.css'), 'utf8');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>tapwatch Teams cards</title>
<style>${css}
body { margin: 0; padding: 16px; background: #F0F0F0; font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; }
figure { margin: 0 0 24px; width: 640px; }
figcaption { font-size: 13px; color: #424242; margin: 0 0 6px 2px; }
.card { border-radius: 6px; overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,.18); background: #FFF; }
.ac-pushButton { border: 1px solid #D1D1D1; border-radius: 4px; background: #FFF; color: #242424; padding: 6px 12px; font: 600 14px 'Liberation Sans', 'DejaVu Sans', sans-serif; }
</style></head>
<body><main id="cards-root"></main>
<script type="application/json" id="cards">${scriptJson(cards)}</script>
<script type="application/json" id="host-config">${scriptJson(HOST_CONFIG)}</script>
<script>${renderer.replace(/<\/script/gi, '<\\/script')}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`;
}
