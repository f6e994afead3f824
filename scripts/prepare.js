#!/usr/bin/env node
/**
 * `npm ci` / `npm install` run this (`prepare`), so a fresh clone has a working `npx tapwatch` without a
 * separate build. It builds with the project's TypeScript when it is installed; an install without dev
 * dependencies (`--omit=dev`) has no compiler, and then the build is left to `npm run build` rather than
 * failing the install. A deployed package has no scripts/ folder (.funcignore): the `prepare` line in
 * package.json then does nothing.
 */
const { execFileSync } = require('node:child_process');
const { chmodSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!existsSync(tsc)) {
  console.log('tapwatch: TypeScript is not installed (no dev dependencies): skipping the build');
  process.exit(0);
}
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
chmodSync(join(root, 'dist', 'src', 'cli', 'main.js'), 0o755);
