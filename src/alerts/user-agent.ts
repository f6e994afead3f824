import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `tapwatch/<version>`, so receivers can tell our requests apart and a version shows in their logs.
 * The version is read from the nearest tapwatch package.json (source and build trees sit at different depths).
 */
export function tapwatchUserAgent(): string {
  return `tapwatch/${packageVersion()}`;
}

function packageVersion(): string {
  let dir = __dirname;
  for (let depth = 0; depth < 6; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'tapwatch' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here: keep walking up.
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}
