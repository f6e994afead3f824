import { terminalText } from './format-terminal-text';

type Node = Record<string, unknown>;

/** Columns a card line wraps at (the frame adds two). */
const WIDTH = 100;
/** Word joiners the card puts into bare domain names against autolinking; invisible noise in a terminal. */
const WORD_JOINER = /\u2060/g;

/**
 * A readable text rendering of an Adaptive Card as Teams lays it out: one line per TextBlock and per
 * RichTextBlock (its runs joined), a blank line before each section heading, facts as `title: value`,
 * buttons as `[title] url`. It reads the card JSON that was posted (a Workflows message or a bare card),
 * so what the terminal shows is what the channel got, not a second template. Every piece of text goes
 * through `terminalText`: card text quotes the audit log, which is attacker-controlled.
 */
export function formatCardText(message: unknown): string[] {
  const card = cardOf(message);
  if (!card) return ['(no Adaptive Card in this message)'];
  const lines: string[] = [];
  for (const element of list(card.body)) renderElement(element, lines);
  for (const action of list(card.actions)) renderAction(action, lines);
  while (lines[0] === '') lines.shift();
  return lines.flatMap((line) => wrap(line, WIDTH));
}

/** The card in a Workflows envelope (`attachments[0].content`), or the message itself when it is a card. */
function cardOf(message: unknown): Node | undefined {
  if (!isNode(message)) return undefined;
  if (message.type === 'AdaptiveCard') return message;
  const attachment = list(message.attachments).find(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  );
  return attachment && isNode(attachment.content) ? attachment.content : undefined;
}

function renderElement(node: Node, lines: string[]): void {
  switch (node.type) {
    case 'Container':
      for (const item of list(node.items)) renderElement(item, lines);
      return;
    case 'ColumnSet':
      for (const column of list(node.columns))
        for (const item of list(column.items)) renderElement(item, lines);
      return;
    case 'TextBlock': {
      if (node.weight === 'Bolder' && node.spacing !== undefined && node.spacing !== 'None') lines.push('');
      lines.push(clean(node.text));
      return;
    }
    case 'RichTextBlock':
      lines.push(inlines(node.inlines).join(''));
      return;
    case 'FactSet':
      for (const fact of list(node.facts)) lines.push(`${clean(fact.title)}: ${clean(fact.value)}`);
      return;
    case 'ActionSet':
      for (const action of list(node.actions)) renderAction(action, lines);
      return;
    case 'Image':
      if (typeof node.altText === 'string') lines.push(`[image: ${clean(node.altText)}]`);
      return;
    default:
      return;
  }
}

function renderAction(node: Node, lines: string[]): void {
  const title = clean(node.title) || clean(node.type);
  const url = node.type === 'Action.OpenUrl' && typeof node.url === 'string' ? ` ${clean(node.url)}` : '';
  lines.push('', `[${title}]${url}`);
}

/**
 * Breaks a line at spaces to `width` columns; continuation lines are indented by two. A word longer than
 * the line (a URL, a long UPN) is kept whole rather than cut, so it can still be copied.
 */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if ([...candidate].length <= width || current.trim() === '') current = candidate;
    else {
      out.push(current);
      current = `  ${word}`;
    }
  }
  out.push(current);
  return out;
}

function clean(value: unknown): string {
  return typeof value === 'string' ? terminalText(value.replace(WORD_JOINER, '')) : '';
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** A RichTextBlock's inlines are TextRuns or plain strings. */
function inlines(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((inline) =>
    typeof inline === 'string' ? clean(inline) : isNode(inline) ? clean(inline.text) : '',
  );
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
