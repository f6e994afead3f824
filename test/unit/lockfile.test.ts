import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const { missingOptionals } = require('../../scripts/complete-lockfile.js') as {
  missingOptionals: (lock: unknown) => Map<string, unknown>;
};

describe('package-lock.json', () => {
  it('lists every platform-specific optional package, so npm ci accepts it on any platform', () => {
    const lock = JSON.parse(readFileSync(join(__dirname, '../../package-lock.json'), 'utf8'));
    // After a dependency change, run: node scripts/complete-lockfile.js
    expect([...missingOptionals(lock).keys()]).toEqual([]);
  });
});
