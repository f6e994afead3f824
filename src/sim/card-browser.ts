import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cardPageHtml, type PageCard } from './card-page';
import { startHeadlessChromium } from './headless-chromium';

/** What one card became in the browser. */
export interface RenderedCard {
  name: string;
  /** Parse and validation messages of the Adaptive Cards renderer (empty when the card is clean). */
  problems: string[];
  rendered: boolean;
  /** The text a person sees (`innerText`). */
  text: string;
  /** Markup elements inside the card (links, bold, headings, images, scripts …), as `tag: text`. */
  markup: string[];
  /** Action buttons by their titles. */
  buttons: string[];
  /** PNG of the card as shown, when asked for. */
  png?: Buffer;
}

/** Page width in CSS pixels and the pixel ratio pictures are taken at (2: sharp on high-density screens). */
const VIEWPORT = { width: 680, height: 900, deviceScaleFactor: 2, mobile: false };

/**
 * Renders Workflows messages with the Adaptive Cards JavaScript renderer in headless Chromium, from a
 * file:// page that may fetch nothing, and reports what each card shows; with `pictures`, also a PNG of
 * each card. The DOM is read through the DevTools protocol, so tests see what a person would.
 */
export async function renderCardsInChromium(
  cards: readonly PageCard[],
  options: { pictures?: boolean } = {},
): Promise<RenderedCard[]> {
  const folder = mkdtempSync(join(tmpdir(), 'tapwatch-cards-'));
  const page = join(folder, 'cards.html');
  writeFileSync(page, cardPageHtml(cards));
  const browser = await startHeadlessChromium();
  try {
    await browser.send('Page.enable');
    await browser.send('Emulation.setDeviceMetricsOverride', VIEWPORT);
    const loaded = browser.next('Page.loadEventFired');
    await browser.send('Page.navigate', { url: pathToFileURL(page).href });
    await loaded;
    const facts = await evaluate<RenderedCard[] | null>(browser.send, 'window.__cards ?? null');
    if (!facts) throw new Error('the card page did not run (renderer script failed to load?)');
    if (!options.pictures) return facts;
    for (const card of facts) {
      const box = await evaluate<{ x: number; y: number; width: number; height: number }>(
        browser.send,
        `(() => { const r = document.getElementById(${JSON.stringify(`card-${card.name}`)}).getBoundingClientRect();
           return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height }; })()`,
      );
      const shot = await browser.send<{ data: string }>('Page.captureScreenshot', {
        format: 'png',
        captureBeyondViewport: true,
        clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16, scale: 1 },
      });
      card.png = Buffer.from(shot.data, 'base64');
    }
    return facts;
  } finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function evaluate<T>(
  send: <R>(method: string, params?: Record<string, unknown>) => Promise<R>,
  expression: string,
): Promise<T> {
  const result = await send<{ result: { value?: unknown }; exceptionDetails?: { text?: string } }>(
    'Runtime.evaluate',
    { expression, returnByValue: true },
  );
  if (result.exceptionDetails) throw new Error(`page script failed: ${result.exceptionDetails.text ?? ''}`);
  return result.result.value as T;
}
