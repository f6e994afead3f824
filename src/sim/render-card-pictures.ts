import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTeamsMessage } from '../alerts/teams-card';
import { errorMessage } from '../errors';
import { packageRoot } from '../package-root';
import { renderCardsInChromium } from './card-browser';
import { SAMPLE_CARD_FINDINGS } from './sample-card-findings';

/**
 * `npm run docs:cards`: renders the Teams cards of the sample findings with the Adaptive Cards renderer in
 * headless Chromium and writes one PNG per card to docs/img/ (the pictures in docs/alerts.md). The cards
 * are built by `buildTeamsMessage`, the same function the Teams channel posts with.
 */
export async function renderCardPictures(folder = join(packageRoot(), 'docs', 'img')): Promise<string[]> {
  const cards = SAMPLE_CARD_FINDINGS.map((s) => ({
    name: s.name,
    caption: s.caption,
    message: buildTeamsMessage(s.finding),
  }));
  const rendered = await renderCardsInChromium(cards, { pictures: true });
  mkdirSync(folder, { recursive: true });
  const written: string[] = [];
  for (const card of rendered) {
    if (card.problems.length > 0 || !card.png) {
      throw new Error(
        `card ${card.name} did not render cleanly: ${card.problems.join('; ') || 'no picture'}`,
      );
    }
    const file = join(folder, `card-${card.name}.png`);
    writeFileSync(file, card.png);
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  renderCardPictures().then(
    (files) => {
      for (const file of files) console.log(`wrote ${file}`);
    },
    (error: unknown) => {
      console.error(`tapwatch docs:cards: ${errorMessage(error)}`);
      process.exitCode = 1;
    },
  );
}
