import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphPermission } from '../../src/graph/graph-permissions';
import type { ChainRule } from '../../src/rules/chain-types';
import type { Rule } from '../../src/rules/types';
import type { SettingSpec } from '../../src/settings';

/**
 * The parts of README.md and docs/*.md that come from code live between `<!-- name:start -->` and
 * `<!-- name:end -->`. Tests render them from the code and compare; `UPDATE_DOCS=1 npx jest test/unit/docs`
 * rewrites the blocks instead (then run `npm run format` so Biome pads the tables).
 */

export const ROOT = join(__dirname, '..', '..');

/** The text of a repository file, by its path from the root. */
export function readDoc(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** The text between a block's markers, or undefined when the file has no such block. */
export function blockText(markdown: string, name: string): string | undefined {
  const start = markdown.indexOf(`<!-- ${name}:start -->`);
  const end = markdown.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) return undefined;
  return markdown.slice(start + `<!-- ${name}:start -->`.length, end);
}

/** Body rows of the Markdown table in a block (or in the whole text), as trimmed cells. */
export function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // header and separator
    .map((line) =>
      line
        .trimEnd()
        .slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
        // A `\|` inside a cell is text, not a column break.
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** Whitespace-insensitive form, so Biome's table padding and line wrapping never count as drift. */
export function normalized(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('|') ? line.replace(/\s*\|\s*/g, '|').replace(/\|-+(?=\|)/g, '|-') : line,
    )
    .join('\n')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Compares a file's block with what the code renders; with `UPDATE_DOCS=1` writes it instead.
 * Returns the problem as one line, or undefined when the block is true to the code.
 */
export function checkBlock(path: string, name: string, rendered: string): string | undefined {
  const text = readDoc(path);
  const current = blockText(text, name);
  if (current === undefined) return `${path} has no <!-- ${name}:start --> … <!-- ${name}:end --> block`;
  if (normalized(current) === normalized(rendered)) return undefined;
  if (process.env.UPDATE_DOCS === '1') {
    const start = text.indexOf(`<!-- ${name}:start -->`) + `<!-- ${name}:start -->`.length;
    writeFileSync(
      join(ROOT, path),
      `${text.slice(0, start)}\n${rendered.trim()}\n${text.slice(text.indexOf(`<!-- ${name}:end -->`))}`,
    );
    return undefined;
  }
  return `${path} block ${name} differs from the code: run UPDATE_DOCS=1 npx jest test/unit/docs, then npm run format`;
}

/** `|` inside a cell would split it. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** How the configuration table shows a default: `—` for none, `(empty)` for an empty string. */
export function shownDefault(spec: SettingSpec): string {
  if (spec.default === undefined) return '—';
  return spec.default === '' ? '(empty)' : `\`${spec.default}\``;
}

/** The configuration table of docs/configuration.md, from `SETTINGS`. */
export function renderSettingsTable(settings: readonly SettingSpec[]): string {
  return [
    '| Setting | Default | Secret | Description |',
    '| --- | --- | --- | --- |',
    ...settings.map(
      (s) => `| \`${s.name}\` | ${shownDefault(s)} | ${s.secret ? 'yes' : 'no'} | ${cell(s.description)} |`,
    ),
  ].join('\n');
}

/** The rule catalog table (docs/rules.md), from each rule's metadata. */
export function renderRulesTable(rules: readonly (Rule | ChainRule)[]): string {
  return [
    '| Rule id | Severity | ATT&CK | Title | Needs role data |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map(
      (r) =>
        `| \`${r.id}\` | ${r.severity} | ${r.attack.join(', ')} | ${cell(r.title)} | ${r.needsDirectory ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
}

/** One section per rule with its description, triage steps and false positives, verbatim. */
export function renderRuleDetails(rules: readonly (Rule | ChainRule)[]): string {
  return rules
    .map((r) =>
      [
        `### \`${r.id}\`: ${r.title}`,
        '',
        `**${r.severity}** · ATT&CK ${r.attack.join(', ')}${r.needsDirectory ? ' · needs role data' : ''}`,
        '',
        r.description,
        '',
        '_Triage:_',
        '',
        ...r.triage.map((step, i) => `${i + 1}. ${step}`),
        '',
        '_False positives:_',
        '',
        ...r.falsePositives.map((fp) => `- ${fp}`),
      ].join('\n'),
    )
    .join('\n\n');
}

/** The Graph permission table of docs/deploy.md, from `src/graph/graph-permissions.json`. */
export function renderPermissionsTable(permissions: readonly GraphPermission[]): string {
  return [
    '| Permission | Graph calls and why | Microsoft page |',
    '| --- | --- | --- |',
    ...permissions.map((p) => {
      const calls = p.calls.map((c) => `\`${c.request}\`: ${cell(c.purpose)}`).join('; ');
      const pages = [...new Set(p.calls.map((c) => c.doc))].map((d) => `<${d}>`).join(' ');
      return `| \`${p.name}\` | ${calls} | ${pages} |`;
    }),
  ].join('\n');
}
