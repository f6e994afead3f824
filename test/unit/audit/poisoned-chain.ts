import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { textLimit } from '../../../src/audit/bound-text';

/**
 * Chain records of the `test/fixtures/chain` story (Grace gets a TAP at 10:00, valid an hour) rewritten so
 * every free-text field holds 100,000 characters: what an attacker who names apps, accounts or devices, or
 * who writes the export an analyst scans, can put in a log. The target's object id is kept so the records
 * still link to Grace's TAP.
 */

type Json = Record<string, unknown>;

/** Characters in each poisoned field: far over every limit of `TEXT_LIMITS`. */
export const HUGE = 100_000;
/** The visible end of a cut value. */
export const CUT_MARKER = /…\[cut [\d,]+ chars, sha256:[0-9a-f]{8}\]$/;
export const GRACE_ID = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';

/** `prefix` followed by HUGE copies of `fill`. */
export const huge = (prefix: string, fill = 'x'): string => `${prefix}${fill.repeat(HUGE)}`;

/** The records of a file in `test/fixtures/chain` (a JSON array or a Graph `{ value: [...] }` page). */
export function chainFixture(name: string): Json[] {
  const parsed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'chain', name), 'utf8')) as
    | Json[]
    | { value: Json[] };
  return Array.isArray(parsed) ? parsed : parsed.value;
}

/** The chain record kinds an audit record can give. */
export type PoisonedKind = 'registered' | 'deleted' | 'activated';

const ACTIVITY: Record<PoisonedKind, string> = {
  registered: 'User registered security info',
  deleted: 'User deleted security info',
  activated: 'Add member to role completed (PIM activation)',
};
/** Minutes after the TAP's start: registrations and activations within its hour, deletions near its start. */
const MINUTE: Record<PoisonedKind, number> = { registered: 20, deleted: 5, activated: 15 };

const at = (minute: number, n: number) =>
  `2026-11-20T10:${String(minute).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}Z`;

/** Grace's passkey registration rewritten as the `n`th poisoned record of `kind` (Graph shape). */
export function poisonedAudit(kind: PoisonedKind, n = 0): Json {
  const base = structuredClone(chainFixture('audits.graph.json')[2]) as Json;
  const user = {
    id: GRACE_ID,
    type: 'User',
    displayName: huge('Grace ', 'ü'),
    userPrincipalName: `${huge('grace.', 'g')}@contoso.com`,
    modifiedProperties: [],
  };
  const record: Json = {
    ...base,
    id: huge(`poison-${kind}-${n}-`, 'i'),
    correlationId: huge('corr-', 'c'),
    activityDisplayName: ACTIVITY[kind],
    activityDateTime: at(MINUTE[kind], n),
    initiatedBy: {
      user: {
        id: huge('initiator-', 'd'),
        displayName: huge('Mallory ', 'ü'),
        userPrincipalName: `${huge('mallory.', 'm')}@contoso.com`,
        ipAddress: huge('203.0.113.9 ', '9'),
      },
    },
    targetResources: [user],
  };
  if (kind === 'registered') record.resultReason = `User registered ${huge('Passkey ', 'k')} ${n}`;
  if (kind === 'deleted') record.resultReason = `User deleted ${huge('Authenticator ', 'ü')} ${n}`;
  if (kind === 'activated') {
    record.category = 'RoleManagement';
    record.loggedByService = 'PIM';
    record.resultReason = huge('Activated ', 'r');
    record.targetResources = [
      user,
      { id: huge('role-', 'o'), type: 'Role', displayName: huge(`Global Administrator ${n} `, 'ü') },
    ];
    record.additionalDetails = [{ key: 'TemplateId', value: huge('62e90394-', 't') }];
  }
  return record;
}

/** Grace's TAP sign-in rewritten as the `n`th poisoned sign-in (Graph beta shape). */
export function poisonedSignIn(n = 0): Json {
  const base = structuredClone(chainFixture('signins.graph.json')[0]) as Json;
  const steps = base.authenticationDetails as Json[];
  return {
    ...base,
    id: huge(`signin-${n}-`, 's'),
    createdDateTime: at(10, n),
    userId: GRACE_ID,
    userPrincipalName: `${huge('grace.', 'g')}@contoso.com`,
    userDisplayName: huge('Grace ', 'ü'),
    appDisplayName: huge('My Signins ', 'a'),
    ipAddress: huge('198.51.100.7 ', '7'),
    authenticationDetails: steps.map((step) => ({
      ...step,
      authenticationMethod: huge('Temporary Access Pass ', 'p'),
    })),
  };
}

/** Every string in `value`, with the key it sits under (array items under their array's key). */
export function strings(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, k));
}

/** The strings of `value` over the limit of their key, as `key: length`; [] when everything fits. */
export function overLimit(value: unknown): string[] {
  return strings(value)
    .filter(([key, text]) => text.length > textLimit(key))
    .map(([key, text]) => `${key}: ${text.length}`);
}
