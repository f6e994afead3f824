#!/usr/bin/env node
/**
 * Adds the platform-specific optional packages (biome, swc, jest's resolver, …) that npm left out of
 * package-lock.json because the registry it resolved against only serves this machine's platform.
 * Without them `npm ci` refuses the lock ("Missing: … from lock file"). Each added entry carries the
 * os/cpu read from the package name, so `npm ci` skips it on other platforms without fetching it.
 * Run after every dependency change: `node scripts/complete-lockfile.js` (test/unit/lockfile.test.ts checks).
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OS = [
  'darwin',
  'linux',
  'win32',
  'android',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

/** Optional dependencies named in the lock that have no entry of their own. */
function missingOptionals(lock) {
  const packages = lock.packages ?? {};
  const missing = new Map();
  for (const [path, meta] of Object.entries(packages)) {
    for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
      const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
      if (packages[nested] || packages[`node_modules/${name}`] || missing.has(name)) continue;
      missing.set(name, { version, dev: meta.dev === true });
    }
  }
  return missing;
}

function platformOf(name) {
  const tokens = name.toLowerCase().split(/[/@._-]+/);
  const entry = {};
  const os = OS.filter((o) => tokens.includes(o));
  const cpu = CPU.filter((c) => tokens.includes(c));
  if (os.length > 0) entry.os = os;
  if (cpu.length > 0) entry.cpu = cpu;
  return entry;
}

function complete(lock) {
  const missing = missingOptionals(lock);
  for (const [name, { version, dev }] of missing) {
    lock.packages[`node_modules/${name}`] = {
      version,
      ...(dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(name),
    };
  }
  return missing.size;
}

module.exports = { missingOptionals, complete };

if (require.main === module) {
  const file = join(__dirname, '..', 'package-lock.json');
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  const added = complete(lock);
  const sorted = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
  );
  lock.packages = sorted;
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  process.stdout.write(`package-lock.json: added ${added} platform-specific optional entries\n`);
}
