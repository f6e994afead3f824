import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { COMMANDS } from '../../../src/cli/main';
import { useAzurite } from '../../support/azurite';

/**
 * What runs in Azure installs in Azure: the built package (dist + package.json + package-lock.json) is
 * installed in a temporary folder with `npm ci --omit=dev`, as a production build does, and every function
 * entry point and every production CLI command must load and work there with this machine's node. A
 * runtime import left in devDependencies (undici once was) fails here instead of at the first Graph call.
 * npm runs `--offline`, from the cache the development install filled: tests never leave 127.0.0.1.
 */

const ROOT = join(__dirname, '..', '..', '..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** CLI commands that need development dependencies by design (the simulator and Azurite). */
const DEVELOPMENT_COMMANDS = new Set(['demo']);

const azurite = useAzurite();
let dir: string;

/** Runs `command` with this machine's node first on PATH (npm included), in the installed copy. */
function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? tmpdir(),
      ...env,
    },
  });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

const node = (args: string[], env?: Record<string, string>) => run(process.execPath, args, env);
const tapwatch = (args: string[], env?: Record<string, string>) =>
  node([join(dir, 'dist', 'src', 'cli', 'main.js'), ...args], env);

beforeAll(() => {
  // Prepare: the package as deployed, built by the integration globalSetup; bench and tests stay behind.
  dir = mkdtempSync(join(tmpdir(), 'tapwatch-prod-'));
  for (const part of ['src', 'functions'])
    cpSync(join(ROOT, 'dist', part), join(dir, 'dist', part), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'host.json'])
    cpSync(join(ROOT, file), join(dir, file));

  const install = run('npm', ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund']);
  if (install.code !== 0) {
    throw new Error(
      `npm ci --omit=dev --offline failed (the npm cache must hold the packages: run npm ci once):\n${install.stderr.slice(-2000)}`,
    );
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the function package installed with production dependencies only', () => {
  it('holds every dependency and no development-only package', () => {
    // Act
    const installed = (name: string) => existsSync(join(dir, 'node_modules', name, 'package.json'));

    // Assess
    expect(Object.keys(PACKAGE.dependencies).filter((name) => !installed(name))).toEqual([]);
    const leaked = [
      'jest',
      'typescript',
      'azurite',
      'selfsigned',
      'standardwebhooks',
      'adaptivecards',
      'node',
    ];
    expect(leaked.filter(installed)).toEqual([]);
  });

  it.each(
    readdirSync(join(ROOT, 'dist', 'functions'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => basename(f, '.js')),
  )('loads the function entry point %s, which exports its handler under its own name', (name) => {
    // Act
    const loaded = node([
      '-e',
      `const m = require(${JSON.stringify(join(dir, 'dist', 'functions', `${name}.js`))});
       if (typeof m[${JSON.stringify(name)}] !== 'function') { console.error('no handler'); process.exit(3); }`,
    ]);

    // Assess
    expect(loaded.stderr).not.toMatch(/Cannot find module|Error:/);
    expect(loaded.code).toBe(0);
  });

  it('loads, for the functions and every production command, exactly the packages listed in dependencies', () => {
    // Prepare: records every bare module the package's own files require, then loads what production loads.
    const probe = join(dir, 'probe.js');
    writeFileSync(
      probe,
      `const Module = require('node:module');
       const { join, sep } = require('node:path');
       const own = join(__dirname, 'dist') + sep;
       const seen = new Set();
       const original = Module.prototype.require;
       Module.prototype.require = function (request) {
         if (this.filename && this.filename.startsWith(own) && !request.startsWith('.') && !request.startsWith('node:')) {
           seen.add(request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0]);
         }
         return original.apply(this, arguments);
       };
       for (const f of require('node:fs').readdirSync(join(own, 'functions'))) if (f.endsWith('.js')) require(join(own, 'functions', f));
       const { COMMANDS } = require(join(own, 'src', 'cli', 'main.js'));
       const skip = new Set(${JSON.stringify([...DEVELOPMENT_COMMANDS])});
       for (const [name, entry] of Object.entries(COMMANDS)) if (!skip.has(name)) entry.load();
       console.log(JSON.stringify([...seen].sort()));`,
    );

    // Act
    const result = node([probe]);

    // Assess
    expect(result.code).toBe(0);
    const loaded = JSON.parse(result.stdout.trim().split('\n').pop() ?? '[]') as string[];
    expect(loaded).toEqual(Object.keys(PACKAGE.dependencies).sort());
  });

  it('runs tapwatch --help and --help of every production command', () => {
    // Prepare
    const commands = Object.keys(COMMANDS).filter((name) => !DEVELOPMENT_COMMANDS.has(name));

    // Act
    const results = [['--help'], ...commands.map((c) => [c, '--help'])].map((args) => ({
      args: args.join(' '),
      ...tapwatch(args),
    }));

    // Assess
    expect(results.filter((r) => r.code !== 0).map((r) => `${r.args}: ${r.stderr}`)).toEqual([]);
    expect(results[0]?.stdout).toContain('Usage: tapwatch <command>');
  });

  it('scans an exported audit log to the same findings as the development build', () => {
    // Prepare
    const fixture = join(ROOT, 'test', 'fixtures', 'audit', 'tap-variants.graph.json');
    const withoutClock = (text: string) => text.replace(/"detectedAt": "[^"]+"/g, '"detectedAt": "…"');
    const development = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'cli', 'main.js'), 'scan', fixture, '--format', 'json'],
      {
        encoding: 'utf8',
      },
    );

    // Act
    const production = tapwatch(['scan', fixture, '--format', 'json']);

    // Assess
    expect(production.code).toBe(0);
    expect(JSON.parse(production.stdout)).not.toHaveLength(0);
    expect(withoutClock(production.stdout)).toBe(withoutClock(development.stdout));
  });

  it('reads Table Storage with tapwatch findings', () => {
    // Act
    const result = tapwatch(['findings', '--since', '1d', '--format', 'json'], {
      TENANT_ID: '11111111-2222-3333-4444-555555555555',
      STORAGE_CONNECTION_STRING: azurite().connectionString,
      TABLE_PREFIX: 'prod',
    });

    // Assess
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('refuses tapwatch demo in one line, naming the development dependencies it needs', () => {
    // Act
    const result = tapwatch(['demo']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'tapwatch: demo needs the development dependencies (selfsigned, azurite), which a production install leaves out: run it from a clone after npm install\n',
    );
  });
});
