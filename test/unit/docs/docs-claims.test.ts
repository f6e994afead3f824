import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { COMMANDS } from '../../../src/cli/main';
import { ROOT, readDoc } from '../../support/doc-blocks';

/**
 * What the README and docs/ tell a newcomer is checked against the repository: links lead somewhere that
 * exists, commands and flags exist, azd names exist in the Bicep, and no page points at a document this
 * repository does not have.
 */

const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside code blocks and code spans (where `#` starts a shell comment and `](` is an example). */
function prose(markdown: string): string {
  return outsideFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** The text outside fenced code blocks. */
function outsideFences(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  return new Set([...outsideFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) => slug(m[1] ?? '')));
}

/** Every file under a folder, recursively. */
function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = `${folder}/${name}`;
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the README', () => {
  const readme = readDoc('README.md');

  it('stays short enough to read in a few screens (under 15 KB)', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(15 * 1024);
  });

  it('gives the two quickstart commands and a validation status before the first screens end', () => {
    // Act
    const quickstart = readme.indexOf('npm ci && npm run demo');
    const validation = readme.indexOf('## Validation status');

    // Assess
    expect(validation).toBeGreaterThan(0);
    expect(validation).toBeLessThan(4000);
    expect(quickstart).toBeGreaterThan(validation);
    expect(readme).toMatch(/^npm test$/m);
  });

  it('links every page of docs/', () => {
    // Act
    const missing = PAGES.filter((p) => p.startsWith('docs/')).filter((p) => !readme.includes(`](${p})`));

    // Assess
    expect(missing).toEqual([]);
  });
});

describe('links in the README and docs/', () => {
  it('lead to files of this repository and to headings those files have', () => {
    // Act
    const broken = PAGES.flatMap((page) => {
      const text = readDoc(page);
      return [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1] ?? '')
        .filter((target) => !/^[a-z]+:/i.test(target))
        .flatMap((target) => {
          const [path = '', anchor] = target.split('#');
          const file = path === '' ? page : relative(ROOT, join(ROOT, dirname(page), path));
          if (!existsSync(join(ROOT, file))) return [`${page}: ${target} (no such file)`];
          if (anchor && file.endsWith('.md') && !anchors(readDoc(file)).has(anchor)) {
            return [`${page}: ${target} (no such heading)`];
          }
          return [];
        });
    });

    // Assess
    expect(broken).toEqual([]);
  });
});

describe('references to documents outside the repository', () => {
  it('appear nowhere a user reads: README, docs/, sources (help texts and comments) and the benchmarks', () => {
    // Prepare
    const files = [...PAGES, ...filesUnder('src'), ...filesUnder('functions'), ...filesUnder('bench')].filter(
      (f) => /\.(md|ts|json)$/.test(f),
    );

    // Act
    const offenders = files.filter((f) =>
      /\bDESIGN\b|entra-facts|CONVENTIONS\.md/.test(readFileSync(join(ROOT, f), 'utf8')),
    );

    // Assess
    expect(offenders).toEqual([]);
  });
});

describe('CLI examples in the README and docs/', () => {
  it('use only commands and options that the CLI documents', () => {
    // Prepare: every `tapwatch <command> …` up to the end of its code span or line.
    const text = PAGES.map((p) => readDoc(p)).join('\n');
    const uses = [...text.matchAll(/\btapwatch ([a-z]+)([^`\n]*)/g)];
    const named = [...text.matchAll(/npx tapwatch ([a-z]+)/g)].map((m) => m[1] ?? '');

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

describe('azd commands in the README and docs/', () => {
  const text = PAGES.map((p) => readDoc(p)).join('\n');

  it('read only outputs that infra/main.bicep declares', () => {
    // Prepare
    const outputs = new Set([...readDoc('infra/main.bicep').matchAll(/^output\s+(\w+)/gm)].map((m) => m[1]));

    // Act
    const read = [...text.matchAll(/azd env get-value (\w+)/g)].map((m) => m[1] ?? '');

    // Assess
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((name) => !outputs.has(name))).toEqual([]);
  });

  it('set only azd environment values that infra/main.parameters.json reads', () => {
    // Prepare: azd itself reads AZURE_LOCATION; the rest must reach a Bicep parameter.
    const parameters = readDoc('infra/main.parameters.json');

    // Act
    const set = [...text.matchAll(/azd env set (\w+)/g)].map((m) => m[1] ?? '');

    // Assess
    expect(set.length).toBeGreaterThan(0);
    expect(set.filter((name) => !new RegExp(`\\$\\{${name}[}=]`).test(parameters))).toEqual([]);
  });
});
