import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const GUIDE = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8');

/**
 * The gitignore subset `.funcignore` uses: `#` comments, a leading `/` anchoring at the root, a trailing `/`
 * for folders (and what is inside), `*` within one path segment. Good enough to check our own file.
 */
function ignores(patterns: readonly string[], path: string): boolean {
  return patterns.some((raw) => {
    const anchored = raw.startsWith('/');
    const folder = raw.endsWith('/');
    const body = raw.replace(/^\//, '').replace(/\/$/, '');
    const glob = body
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*');
    const prefix = anchored || body.includes('/') ? '^' : '(?:^|/)';
    const suffix = folder ? '/' : '(?:$|/)';
    return new RegExp(`${prefix}${glob}${suffix}`).test(path);
  });
}

const PATTERNS = readFileSync(join(ROOT, '.funcignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

describe('.funcignore', () => {
  it.each([
    'package.json',
    'package-lock.json',
    'host.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'dist/functions/pollTenant.js',
    'dist/src/cli/main.js',
    'dist/src/graph/graph-permissions.json',
    'functions/pollTenant.ts',
    'src/graph/graph-permissions.json',
    'src/graph/graph-client.ts',
  ])('ships %s, which the function app or its remote build needs', (path) => {
    expect(ignores(PATTERNS, path)).toBe(false);
  });

  it.each([
    'node_modules/undici/package.json',
    'test/unit/config.test.ts',
    'bench/run.ts',
    'dist/bench/run.js',
    'dist/test/unit/config.test.js',
    'infra/main.bicep',
    'scripts/grant-graph-permissions.sh',
    'local.settings.json',
    'local.settings.example.json',
    'README.md',
    'docs/deploy.md',
    '.env.production',
    'src/sim/sample-tenant.json',
  ])('leaves out %s', (path) => {
    expect(ignores(PATTERNS, path)).toBe(true);
  });
});

describe('the deploy guide', () => {
  it('says what the package holds, as .funcignore and package.json have it', () => {
    // Act
    const deploy = GUIDE.slice(GUIDE.indexOf('## Deploy'), GUIDE.indexOf('## Graph permissions'));

    // Assess
    expect(deploy).toContain('`.funcignore`');
    expect(deploy).toContain('`dependencies`');
    expect(deploy).toContain('npm ci --omit=dev');
    expect(deploy).toContain('test/integration/package/production-install.test.ts');
  });
});
