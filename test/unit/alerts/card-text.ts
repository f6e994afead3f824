// The package's `main` is untranspiled ESM; its UMD bundle runs in Node without a DOM for parsing.
const AC: typeof import('adaptivecards') = require('adaptivecards/dist/adaptivecards.js');

/** The card inside a Workflows message, as the tests read it. */
export type Card = Record<string, unknown> & { body: unknown[]; actions: unknown[] };

interface Envelope {
  type: string;
  attachments: Array<{ contentType: string; content: Card }>;
}

export function envelopeOf(message: object): Envelope {
  return message as Envelope;
}

export function cardOf(message: object): Card {
  const content = envelopeOf(message).attachments[0]?.content;
  if (!content) throw new Error('no card in the message');
  return content;
}

/** Parses like a host would and returns every parse and validation message. */
export function parseProblems(content: object): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** Shown text by the kind of element holding it: only `runs` are free of Markdown in Teams. */
export interface PlacedText {
  /** TextRun `text`: literal in every client. */
  runs: string[];
  /** TextBlock `text`: a Markdown subset in Teams. */
  blocks: string[];
  /** Fact `title` and `value`: Markdown in Teams. */
  facts: string[];
  /** Each RichTextBlock's runs joined, i.e. one shown line such as `User: ga@contoso.com`. */
  lines: string[];
}

export function placedText(node: unknown, into: PlacedText = { runs: [], blocks: [], facts: [], lines: [] }) {
  if (Array.isArray(node)) {
    for (const item of node) placedText(item, into);
    return into;
  }
  if (!node || typeof node !== 'object') return into;
  const record = node as Record<string, unknown>;
  if (record.type === 'TextRun' && typeof record.text === 'string') into.runs.push(record.text);
  if (record.type === 'TextBlock' && typeof record.text === 'string') into.blocks.push(record.text);
  if (record.type === 'RichTextBlock' && Array.isArray(record.inlines)) {
    const inlines = record.inlines as Array<string | { text?: unknown }>;
    into.lines.push(inlines.map((r) => (typeof r === 'string' ? r : String(r.text ?? ''))).join(''));
  }
  if (record.type === 'FactSet' && Array.isArray(record.facts)) {
    for (const fact of record.facts as Array<{ title?: unknown; value?: unknown }>) {
      into.facts.push(String(fact.title ?? ''), String(fact.value ?? ''));
    }
  }
  for (const value of Object.values(record)) if (typeof value === 'object') placedText(value, into);
  return into;
}

/** Everything a reader sees in the body, one entry per TextBlock, Fact part or RichTextBlock line. */
export function shownText(body: unknown): string {
  const placed = placedText(body);
  return [...placed.blocks, ...placed.facts, ...placed.lines].join('\n');
}
