import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';
import type { SettingSpec } from '../../../src/config';
import {
  type BicepFile,
  bodyObject,
  declarations,
  declared,
  lineOf,
  listBicepFiles,
  literalString,
  objectGet,
  objectProperties,
  parseBicep,
} from './bicep-tree';

/** One problem found in the Bicep, located as file:line. */
export interface Offence {
  file: string;
  line: number;
  message: string;
}

/** Settings Flex Consumption rejects, or that would bring back a shared-key connection string. */
const FORBIDDEN_SETTINGS = [
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_EXTENSION_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'AzureWebJobsStorage',
];
const BUILT_IN_EXTENSIONS = new Set(['az', 'sys', 'kubernetes']);

/** Runs every check over every `.bicep` file under `dir`. */
export function checkInfra(parser: Parser, dir: string, settings: readonly SettingSpec[]): Offence[] {
  const files = new Map<string, BicepFile>();
  const load = (path: string): BicepFile => {
    const key = resolve(path);
    let file = files.get(key);
    if (!file) {
      file = parseBicep(parser, key);
      files.set(key, file);
    }
    return file;
  };
  const all = listBicepFiles(dir).map(load);
  return [
    ...all.flatMap(checkSyntax),
    ...all.flatMap((f) => checkExtensions(f, dir)),
    ...all.flatMap((f) => checkModules(f, load)),
    ...checkAppSettings(all, settings, dir),
  ];
}

/** Lists offences as `path:line message`, one per line, paths relative to `base`. */
export function formatOffences(offences: Offence[], base: string): string {
  return offences.map((o) => `${relative(base, o.file) || o.file}:${o.line} ${o.message}`).join('\n');
}

/** Every ERROR and MISSING node (an ERROR's own children are not reported again). */
export function checkSyntax(file: BicepFile): Offence[] {
  const offences: Offence[] = [];
  const visit = (node: Node): void => {
    if (node.isMissing) {
      offences.push({ file: file.path, line: lineOf(node), message: `syntax: missing ${node.type}` });
    } else if (node.isError) {
      const text = node.text.split('\n')[0]?.trim().slice(0, 60) ?? '';
      offences.push({ file: file.path, line: lineOf(node), message: `syntax: cannot parse "${text}"` });
      return;
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(file.root);
  return offences;
}

/** Every `extension <alias>` must be registered in the nearest bicepconfig.json (or built in). */
export function checkExtensions(file: BicepFile, root: string): Offence[] {
  const registered = registeredExtensions(dirname(file.path), resolve(root));
  return file.extensions
    .filter((e) => !BUILT_IN_EXTENSIONS.has(e.alias) && !registered.has(e.alias))
    .map((e) => ({
      file: file.path,
      line: e.line,
      message: `extension '${e.alias}' is not registered under "extensions" in bicepconfig.json`,
    }));
}

function registeredExtensions(from: string, root: string): Set<string> {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const config = join(dir, 'bicepconfig.json');
    if (existsSync(config)) {
      const parsed = JSON.parse(readFileSync(config, 'utf8')) as { extensions?: Record<string, string> };
      return new Set(Object.keys(parsed.extensions ?? {}));
    }
    if (dir === root || dir === dirname(dir)) return new Set();
  }
}

/** Module paths exist; passed params are declared; params without default are passed. */
export function checkModules(file: BicepFile, load: (path: string) => BicepFile): Offence[] {
  const offences: Offence[] = [];
  for (const module of declarations(file, 'module_declaration')) {
    const [symbol, pathNode, body] = module.namedChildren;
    const target = literalString(pathNode);
    if (!symbol || target === undefined || /^(br|ts)[:/]/.test(target)) continue;
    const at = (node: Node, message: string) =>
      offences.push({ file: file.path, line: lineOf(node), message: `module ${symbol.text}: ${message}` });
    const targetPath = resolve(dirname(file.path), target);
    if (!existsSync(targetPath)) {
      at(module, `path '${target}' does not exist`);
      continue;
    }
    const declaredParams = moduleParams(load(targetPath));
    const params = bodyObject(body) && objectGet(bodyObject(body) as Node, 'params');
    if (params && params.type !== 'object') continue; // computed params: nothing to compare
    const passed = params ? objectProperties(params) : [];
    for (const { key, property } of passed) {
      if (!declaredParams.has(key))
        at(property, `passes '${key}', which ${target} does not declare as a param`);
    }
    const passedNames = new Set(passed.map((p) => p.key));
    for (const [name, required] of declaredParams) {
      if (required && !passedNames.has(name))
        at(module, `does not pass '${name}', a param of ${target} without default`);
    }
  }
  return offences;
}

/** Params of a module file: name → required (no default and not nullable). */
function moduleParams(file: BicepFile): Map<string, boolean> {
  const params = new Map<string, boolean>();
  for (const param of declarations(file, 'parameter_declaration')) {
    const [name, type, value] = param.namedChildren;
    if (!name) continue;
    const nullable = type?.text.trim().endsWith('?') ?? false;
    params.set(name.text, !value && !nullable);
  }
  return params;
}

/**
 * The function app's settings (a `Microsoft.Web/sites/config` 'appsettings' resource or
 * `siteConfig.appSettings`) must set every setting src/config.ts lists; secrets only as Key Vault
 * references (or empty); literal defaults must equal the documented ones; Flex-forbidden
 * settings must be absent.
 */
export function checkAppSettings(
  files: BicepFile[],
  settings: readonly SettingSpec[],
  dir: string,
): Offence[] {
  if (settings.length === 0) return [];
  const found = files.flatMap(appSettingBlocks);
  if (found.length === 0) {
    return [{ file: dir, line: 0, message: 'no function app settings found (sites/config appsettings)' }];
  }
  const offences: Offence[] = [];
  const values = new Map<string, { file: BicepFile; value: Node }>();
  for (const block of found)
    for (const [name, value] of block.values) values.set(name, { file: block.file, value });
  const [first] = found;
  for (const spec of settings) {
    const entry = values.get(spec.name);
    if (!entry) {
      const why = spec.requiredInAzure ? ' (required in Azure)' : '';
      offences.push({
        file: first?.file.path ?? dir,
        line: first ? lineOf(first.at) : 0,
        message: `app settings do not set ${spec.name}${why}`,
      });
      continue;
    }
    const at = { file: entry.file.path, line: lineOf(entry.value) };
    if (spec.secret && !isEmptyOrKeyVaultReference(entry.value)) {
      offences.push({ ...at, message: `${spec.name} is a secret: set it to a Key Vault reference or ''` });
    }
    const literal = literalValue(entry.file, entry.value);
    if (spec.default !== undefined && literal !== undefined && literal !== spec.default) {
      offences.push({
        ...at,
        message: `${spec.name} is '${literal}' but src/config.ts documents '${spec.default}'`,
      });
    }
  }
  for (const name of FORBIDDEN_SETTINGS) {
    const entry = values.get(name);
    if (entry)
      offences.push({ file: entry.file.path, line: lineOf(entry.value), message: `${name} must not be set` });
  }
  return offences;
}

interface SettingBlock {
  file: BicepFile;
  at: Node;
  values: Map<string, Node>;
}

function appSettingBlocks(file: BicepFile): SettingBlock[] {
  const blocks: SettingBlock[] = [];
  for (const resource of file.root.descendantsOfType('resource_declaration')) {
    if (!resource) continue;
    const type = literalString(resource.namedChildren[1]) ?? '';
    const body = bodyObject(resource.namedChildren[resource.namedChildren.length - 1]);
    if (!body) continue;
    if (/^Microsoft\.Web\/sites\/config@/i.test(type) || type === 'config') {
      const properties = objectGet(body, 'properties');
      if (literalString(objectGet(body, 'name')) === 'appsettings' && properties) {
        blocks.push({ file, at: resource, values: keysOf(file, properties) });
      }
    } else if (/^Microsoft\.Web\/sites@/i.test(type)) {
      const siteConfig = objectGet(body, 'properties');
      const list = siteConfig && objectGet(siteConfig, 'siteConfig');
      const array = list && objectGet(list, 'appSettings');
      if (array?.type === 'array') blocks.push({ file, at: resource, values: arraySettings(array) });
    }
  }
  return blocks;
}

/** Keys an expression is known to produce: object literals, variables, union(), both ternary arms. */
function keysOf(file: BicepFile, node: Node, depth = 0): Map<string, Node> {
  if (depth > 20) return new Map();
  switch (node.type) {
    case 'object':
      return new Map(objectProperties(node).map((p) => [p.key, p.value]));
    case 'identifier': {
      const value = declared(file, 'variable_declaration', node.text);
      return value ? keysOf(file, value, depth + 1) : new Map();
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? keysOf(file, inner, depth + 1) : new Map();
    }
    case 'call_expression': {
      if (node.childForFieldName('function')?.text !== 'union') return new Map();
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      const merged = new Map<string, Node>();
      for (const arg of args) if (arg) for (const [k, v] of keysOf(file, arg, depth + 1)) merged.set(k, v);
      return merged;
    }
    case 'ternary_expression': {
      const yes = node.childForFieldName('consequence');
      const no = node.childForFieldName('alternative');
      if (!yes || !no) return new Map();
      const other = keysOf(file, no, depth + 1);
      return new Map([...keysOf(file, yes, depth + 1)].filter(([k]) => other.has(k)));
    }
    default:
      return new Map();
  }
}

function arraySettings(array: Node): Map<string, Node> {
  const values = new Map<string, Node>();
  for (const item of array.namedChildren) {
    if (item?.type !== 'object') continue;
    const name = literalString(objectGet(item, 'name'));
    const value = objectGet(item, 'value');
    if (name !== undefined && value) values.set(name, value);
  }
  return values;
}

function isEmptyOrKeyVaultReference(value: Node): boolean {
  return literalString(value) === '' || value.text.includes('@Microsoft.KeyVault(');
}

/** A literal string, or a param of the same file whose default is one; else undefined. */
function literalValue(file: BicepFile, value: Node): string | undefined {
  if (value.type === 'identifier') return literalString(declared(file, 'parameter_declaration', value.text));
  return literalString(value);
}
