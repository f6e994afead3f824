import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const DOC = join(ROOT, 'docs/graph-behaviour.md');

interface Row {
  line: number;
  behaviour: string;
  source: string;
  tests: string[];
}

/** Every data row of every table: behaviour | source | tests. */
function rows(markdown: string): Row[] {
  return markdown.split('\n').flatMap((text, index) => {
    if (!text.startsWith('|') || /^\|\s*(Behaviour|-)/.test(text)) return [];
    const cells = text
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const [behaviour = '', source = '', tests = ''] = cells;
    return [
      { line: index + 1, behaviour, source, tests: [...tests.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '') },
    ];
  });
}

describe('docs/graph-behaviour.md', () => {
  const table = rows(readFileSync(DOC, 'utf8'));

  it('has a row for each simulator behaviour', () => {
    expect(table.length).toBeGreaterThanOrEqual(20);
  });

  it('names at least one existing test file in every row', () => {
    const problems = table.flatMap((row) => {
      if (row.tests.length === 0) return [`line ${row.line}: no test named`];
      return row.tests
        .filter((path) => !/^test\/.+\.test\.ts$/.test(path) || !existsSync(join(ROOT, path)))
        .map((path) => `line ${row.line}: ${path} does not exist`);
    });
    expect(problems).toEqual([]);
  });

  it('gives every row a Microsoft document, or says it is a guess or has no document', () => {
    const unsourced = table.filter(
      (row) =>
        !/https:\/\/learn\.microsoft\.com\//.test(row.source) &&
        !/guess|field report|none:/i.test(row.source),
    );
    expect(unsourced.map((row) => `line ${row.line}: ${row.behaviour.slice(0, 60)}`)).toEqual([]);
  });
});
