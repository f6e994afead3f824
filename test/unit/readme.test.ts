import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../src/cli/main';
import { SETTINGS, type SettingSpec } from '../../src/config';
import { catalog as rules } from '../../src/rules/index';

/**
 * The README is the newcomer's contract: its configuration table, rule table, deploy commands and CLI
 * examples are checked against the code they describe, so a change on either side cannot drift unseen.
 */

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Body rows of the Markdown table between `<!-- name:start -->` and `<!-- name:end -->`, as cells. */
function tableRows(name: string): string[][] {
  const start = README.indexOf(`<!-- ${name}:start -->`);
  const end = README.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) return [];
  return README.slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // header and separator
    .map((line) =>
      line
        .slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
        // A `\|` inside a cell is text, not a column break.
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replaceAll('\\|', '|')),
    );
}

/** `` `NAME` `` → `NAME`. */
function unquote(cell: string | undefined): string {
  return (cell ?? '').replace(/^`(.*)`$/, '$1');
}

/** How the table shows a default: `—` for none, `(empty)` for an empty string, else the value in backticks. */
function shownDefault(spec: SettingSpec): string {
  if (spec.default === undefined) return '—';
  return spec.default === '' ? '(empty)' : `\`${spec.default}\``;
}

describe('README configuration table', () => {
  const rows = tableRows('settings-table');
  const byName = new Map(rows.map((cells) => [unquote(cells[0]), cells]));

  it('lists every setting of SETTINGS and nothing else', () => {
    // Prepare
    const names = SETTINGS.map((s) => s.name);

    // Act
    const missing = names.filter((name) => !byName.has(name));
    const unknown = [...byName.keys()].filter((name) => !names.includes(name));

    // Assess
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
  });

  it('shows each setting with its default, its secrecy and a description', () => {
    // Act
    const wrong = SETTINGS.flatMap((spec) => {
      const cells = byName.get(spec.name);
      if (!cells) return [];
      const [, shown, secret, description] = cells;
      const problems: string[] = [];
      if (shown !== shownDefault(spec)) problems.push(`default ${shown} (expected ${shownDefault(spec)})`);
      if (secret !== (spec.secret ? 'yes' : 'no')) problems.push(`secret ${secret}`);
      if (!description) problems.push('no description');
      return problems.map((p) => `${spec.name}: ${p}`);
    });

    // Assess
    expect(wrong).toEqual([]);
  });
});

describe('README rule table', () => {
  const rows = tableRows('rules-table');

  it('lists every rule of the catalog with its severity and ATT&CK techniques, and no other rule', () => {
    // Prepare
    const expected = rules.map((r) => [r.id, r.severity, [...r.attack].sort().join(', ')]);

    // Act
    const shown = rows.map(([id, severity, attack]) => [
      unquote(id),
      severity ?? '',
      (attack ?? '')
        .split(',')
        .map((a) => a.trim())
        .sort()
        .join(', '),
    ]);

    // Assess
    expect(shown).toEqual(expected);
  });
});

describe('README deploy steps', () => {
  it('reads only outputs that infra/main.bicep declares', () => {
    // Prepare
    const bicep = readFileSync(join(ROOT, 'infra', 'main.bicep'), 'utf8');
    const outputs = new Set([...bicep.matchAll(/^output\s+(\w+)/gm)].map((m) => m[1]));

    // Act
    const read = [...README.matchAll(/azd env get-value (\w+)/g)].map((m) => m[1] ?? '');

    // Assess
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((name) => !outputs.has(name))).toEqual([]);
  });

  it('sets only azd environment values that infra/main.parameters.json reads', () => {
    // Prepare
    const parameters = readFileSync(join(ROOT, 'infra', 'main.parameters.json'), 'utf8');

    // Act
    const set = [...README.matchAll(/azd env set (\w+)/g)].map((m) => m[1] ?? '');

    // Assess
    expect(set.length).toBeGreaterThan(0);
    expect(set.filter((name) => !new RegExp(`\\$\\{${name}[}=]`).test(parameters))).toEqual([]);
  });
});

describe('README CLI examples', () => {
  it('use only commands and options that the CLI documents', () => {
    // Prepare: every `tapwatch <command> …` up to the end of its code span or line.
    const uses = [...README.matchAll(/\btapwatch ([a-z]+)([^`\n]*)/g)];
    const named = [...README.matchAll(/npx tapwatch ([a-z]+)/g)].map((m) => m[1] ?? '');

    // Act
    const problems = [
      ...named.filter((c) => !Object.hasOwn(COMMANDS, c)).map((c) => `unknown command ${c}`),
      ...uses.flatMap(([, command = '', rest = '']) => {
        const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
        if (!entry) return [];
        const help = entry.load().help;
        return [...rest.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)]
          .map((m) => m[0])
          .filter((flag) => flag !== '--help' && !help.includes(flag))
          .map((flag) => `tapwatch ${command} ${flag} is not in its --help`);
      }),
    ];

    // Assess
    expect(uses.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
