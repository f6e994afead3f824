/**
 * Integration globalSetup: compiles the project once, before any integration test file runs, so tests
 * that start the built `tapwatch` binary never race a compiler writing dist/ in another worker.
 */
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = function buildOnce() {
  const root = join(__dirname, '..', '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
};
