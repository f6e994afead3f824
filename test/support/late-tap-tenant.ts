import type { TenantSnapshot } from '../../src/directory/snapshot';
import { methodDeleted, tapCreated, tapDeleted } from '../../src/sim/audit-builders';
import { createPrng, hashSeed, stableUuid } from '../../src/sim/prng';
import { PUBLISH_DELAY_FIELD } from '../../src/sim/publishing';
import { SAMPLE_PEOPLE } from '../../src/sim/sample-tenant-directory';
import { scenarioTenant } from './alert-scenarios';

const MIN = 60_000;

/** The TAP id of `lateTapTenant`. */
export const LATE_TAP_ID = stableUuid('deletions:tap');

const rng = (label: string) => createPrng(hashSeed(`deletions:${label}`));

/**
 * Henrietta's Authenticator is deleted 28 minutes before an Authentication Administrator issues her a TAP
 * (informational alone; high with `tap-victim-methods-removed`). Times count from `now`: the deletion at
 * `now` − 30 min is published at once and read by a cycle at `now`; the TAP record (`now` − 2 min) is
 * published 5 minutes late, after that cycle, and read by the next, whose windows do not reach back to
 * the deletion. With `tapDeletion` the deletion is of an earlier TAP of hers (no victim wipe).
 */
export function lateTapTenant(now: Date, options: { tapDeletion?: boolean } = {}): TenantSnapshot {
  const victim = SAMPLE_PEOPLE.henrietta;
  const admin = { user: SAMPLE_PEOPLE.authAdmin, ipAddress: '198.51.100.7' };
  const deletion = options.tapDeletion
    ? tapDeleted({
        rng: rng('del'),
        at: now.getTime() - 30 * MIN,
        initiator: admin,
        target: victim,
        tapId: stableUuid('old'),
      })
    : methodDeleted({
        rng: rng('del'),
        at: now.getTime() - 30 * MIN,
        kind: 'authenticator',
        target: victim,
        admin,
      });
  const tap = tapCreated({
    rng: rng('tap'),
    at: now.getTime() - 2 * MIN,
    initiator: admin,
    target: victim,
    tap: { id: LATE_TAP_ID, lifetimeMinutes: 60 },
  });
  (tap as unknown as Record<string, unknown>)[PUBLISH_DELAY_FIELD] = 5;
  return scenarioTenant([deletion, tap]);
}
