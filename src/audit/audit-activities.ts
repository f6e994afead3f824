import { CHAIN_QUERY_ACTIVITIES } from './chain-activities';

/**
 * The directoryAudits activities tapwatch asks Graph for, and the services it accepts them from.
 *
 * Records are selected by `activityDisplayName eq '…'` (documented for directoryAudits) rather than by
 * `loggedByService`: Microsoft's own example shows an API-created TAP beside `Authentication Methods
 * ServiceApi`, which may be a second service name or service + operation type (docs/graph-behaviour.md).
 * Selecting by activity holds under both readings. Later features (the TAP chain) append their
 * activities to `SELECTED_AUDIT_ACTIVITIES`; each costs one extra first-page request per cycle.
 */

/**
 * Activities under which a TAP creation is logged: by an admin, by an app through Graph (logged with
 * user wording), and the community alias no real log shows.
 */
export const TAP_CREATION_ACTIVITIES = [
  'Admin registered security info',
  'User registered security info',
  'Create Temporary Access Pass method for user',
] as const;

/**
 * Every activity the poller selects, in request order: TAP creations, then what follows a TAP
 * (chain-activities.ts, docs/rules.md). One filtered request (plus pages) each.
 */
export const SELECTED_AUDIT_ACTIVITIES: readonly string[] = [
  ...TAP_CREATION_ACTIVITIES,
  ...CHAIN_QUERY_ACTIVITIES,
];

const AUTHENTICATION_METHODS = 'authentication methods';

/**
 * True for the services that log authentication-method changes: `Authentication Methods` and any
 * longer name starting with it (`Authentication Methods ServiceApi`), in any letter case. A record
 * without a service (an export that dropped the column) is accepted: a missing column must not hide a TAP.
 */
export function isAuthenticationMethodsService(service: string | undefined): boolean {
  // The name as Graph logs it answers without a lower-cased copy (this runs for every record read).
  if (service === undefined || service === 'Authentication Methods') return true;
  if (service.trim() === '') return true;
  return service.trim().toLowerCase().startsWith(AUTHENTICATION_METHODS);
}
