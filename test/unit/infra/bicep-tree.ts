import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, type Node, Parser } from 'web-tree-sitter';

/** One parsed `.bicep` file plus what the grammar cannot parse itself. */
export interface BicepFile {
  path: string;
  root: Node;
  /** `extension <alias>` statements (1-based lines), blanked before parsing: see `parseBicep`. */
  extensions: { alias: string; line: number }[];
}

/**
 * Loads the Bicep grammar into web-tree-sitter. The grammar is handed over as bytes: given a path,
 * `Language.load` reaches for `fs` through a dynamic import, which jest's CommonJS runtime refuses.
 */
export async function createBicepParser(): Promise<Parser> {
  await Parser.init();
  const wasm = readFileSync(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
  const language = await Language.load(new Uint8Array(wasm));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

// tree-sitter-bicep 1.1 predates the `extension <alias>` statement (Bicep 0.30+). A single-line
// statement is replaced by spaces of the same length, keeping every other offset and line intact,
// and recorded so the caller can check the alias is registered in bicepconfig.json. Any other
// shape (a multi-line `with { … }` block) is left alone and surfaces as a syntax error.
const EXTENSION_LINE = /^[ \t]*extension[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:\/\/[^\n]*)?$/gm;

/** Parses one file; never throws on bad syntax (the tree carries ERROR/MISSING nodes instead). */
export function parseBicep(parser: Parser, path: string, text = readFileSync(path, 'utf8')): BicepFile {
  const extensions: BicepFile['extensions'] = [];
  const source = text.replace(EXTENSION_LINE, (statement: string, alias: string, offset: number) => {
    extensions.push({ alias, line: lineAt(text, offset) });
    return ' '.repeat(statement.length);
  });
  const tree = parser.parse(source);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${path}`);
  return { path, root: tree.rootNode, extensions };
}

/** Every `.bicep` file under `dir`, sorted, so offences list in a stable order. */
export function listBicepFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listBicepFiles(path));
    else if (entry.name.endsWith('.bicep')) found.push(path);
  }
  return found.sort();
}

/** 1-based line of a node, the unit every offence is reported in. */
export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The value of a string literal without interpolation, or undefined for anything else. */
export function literalString(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const parts = node.namedChildren.filter((c) => c !== null);
  if (parts.some((p) => p.type !== 'string_content')) return undefined;
  return parts.map((p) => p.text).join('');
}

/** Name of an object property key: a bare identifier or a literal string. */
export function propertyKey(property: Node): string | undefined {
  const key = property.namedChildren[0];
  if (!key) return undefined;
  if (key.type === 'identifier') return key.text;
  return literalString(key);
}

/** The value node of an object property. */
export function propertyValue(property: Node): Node | undefined {
  return property.namedChildren[1] ?? undefined;
}

/** Direct `key: value` pairs of an object node, in source order. */
export function objectProperties(object: Node): { key: string; property: Node; value: Node }[] {
  const pairs: { key: string; property: Node; value: Node }[] = [];
  for (const property of object.namedChildren) {
    if (property?.type !== 'object_property') continue;
    const key = propertyKey(property);
    const value = propertyValue(property);
    if (key !== undefined && value) pairs.push({ key, property, value });
  }
  return pairs;
}

/** The value of `key` in an object node, if present. */
export function objectGet(object: Node, key: string): Node | undefined {
  return objectProperties(object).find((p) => p.key === key)?.value;
}

/** The object literal of a resource or module body, looking through `if (…)` and `[for …]`. */
export function bodyObject(body: Node | null | undefined): Node | undefined {
  if (!body) return undefined;
  if (body.type === 'object') return body;
  if (body.type === 'if_statement' || body.type === 'for_statement') {
    const children = body.namedChildren.filter((c) => c !== null);
    return bodyObject(children[children.length - 1]);
  }
  return undefined;
}

/** Top-level declarations of a given type (`parameter_declaration`, `variable_declaration`, …). */
export function declarations(file: BicepFile, type: string): Node[] {
  return file.root.namedChildren.filter((c): c is Node => c?.type === type);
}

/** Name and value of `var name = value` / `param name type = value`. */
export function declared(file: BicepFile, type: string, name: string): Node | undefined {
  for (const declaration of declarations(file, type)) {
    const [identifier, ...rest] = declaration.namedChildren;
    if (identifier?.text !== name) continue;
    const value = rest[rest.length - 1];
    return value && value.type !== 'type' ? value : undefined;
  }
  return undefined;
}
