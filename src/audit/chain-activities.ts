/**
 * The audit activities that follow a TAP (docs/graph-behaviour.md) and how to recognise them. The list of exact
 * names is what the audit query selects beside the TAP activities; the patterns are what the
 * normalizer accepts, case-insensitively, so spelling variants of one activity still match.
 *
 * Sources: Microsoft's audit activity reference
 * (https://learn.microsoft.com/en-us/entra/identity/monitoring-health/reference-audit-activities) for the
 * Device Registration Service and PIM activities; Authentication Methods wording from real records and
 * detection content (docs/graph-behaviour.md, confidence M).
 */

/** PIM activation of an eligible role; logged by `PIM` or `Privileged Identity Management` (both seen). */
export const PIM_ACTIVATION_COMPLETED = 'Add member to role completed (PIM activation)';
export const PIM_ACTIVATION_REQUESTED = 'Add member to role requested (PIM activation)';

/** Device Registration Service activities that give an account a new way to sign in. */
export const DEVICE_CREDENTIAL_ACTIVITIES = [
  'Add Windows Hello for Business credential',
  'Add FIDO2 security key',
  'Add passwordless phone sign-in credential',
  'Register device',
] as const;

/**
 * Security-info activities of the chain besides the registrations the TAP query already selects
 * (`Admin|User registered security info`, see audit-activities.ts).
 */
export const SECURITY_INFO_CHAIN_ACTIVITIES = [
  'User deleted security info',
  'Admin deleted security info',
  'User updated security info',
  'Admin updated security info',
] as const;

/**
 * The chain activities the audit query selects by name (one filtered request each) beside the TAP
 * activities: security-info deletions and updates, PIM activations and device credentials.
 */
export const CHAIN_QUERY_ACTIVITIES: readonly string[] = [
  ...SECURITY_INFO_CHAIN_ACTIVITIES,
  PIM_ACTIVATION_COMPLETED,
  PIM_ACTIVATION_REQUESTED,
  ...DEVICE_CREDENTIAL_ACTIVITIES,
];

/** `User registered security info`, `Admin registered security info`, `User updated security info`. */
export const SECURITY_INFO_ADDED = /^\s*(user|admin)\s+(registered|updated)\s+security\s+info\s*$/i;
/** `User deleted security info`, `Admin deleted security info`. */
export const SECURITY_INFO_DELETED = /^\s*(user|admin)\s+(deleted|removed)\s+security\s+info\s*$/i;
/** `Add member to role completed (PIM activation)` and the `requested` variant. */
export const PIM_ACTIVATION =
  /^\s*add\s+member\s+to\s+role\s+(completed|requested)\s*\(\s*pim\s+activation\s*\)\s*$/i;
/** Services that log PIM activations: the short and the long name both appear in Microsoft's material. */
export const PIM_SERVICE = /^\s*(pim|privileged\s+identity\s+management)\s*$/i;
/** Names the TAP itself in a result reason (`… temporary access pass method …`). */
export const TAP_WORDING = /temporary\s*access\s*pass/i;

/** The Device Registration Service activity `activity` is, by its lower-cased name, else undefined. */
export function deviceCredentialActivity(activity: string): string | undefined {
  const wanted = activity.trim().toLowerCase().replace(/\s+/g, ' ');
  return DEVICE_CREDENTIAL_ACTIVITIES.find((name) => name.toLowerCase() === wanted);
}

/**
 * The method a security-info record names in its result reason: `User registered Fido2 Authentication
 * Method` → `Fido2 Authentication Method`, `Admin registered phone method for user` → `phone method`.
 * The reason itself when it has another shape.
 */
export function methodFromReason(reason: string): string {
  const named = reason.trim().replace(VERB_PREFIX, '');
  // The suffix search tries every whitespace of the reason; it can only match a text ending in `user`
  // (`named` ends in no whitespace), which a cheap look at the last four letters tells first.
  const stripped = (endsWithUser(named) ? named.replace(FOR_USER_SUFFIX, '') : named).trim();
  return stripped === '' ? 'unnamed method' : stripped;
}

const VERB_PREFIX = /^(user|admin)\s+(registered|updated|deleted|removed|changed)\s+/i;
const FOR_USER_SUFFIX = /\s+for\s+user\s*$/i;

/**
 * True when `value` ends in `user` in any ASCII letter case (what `i` without `u` matches: no other
 * character folds onto an ASCII letter). `c | 0x20` is the lower-case letter for `U`/`u` alike and
 * only for them.
 */
function endsWithUser(value: string): boolean {
  const n = value.length;
  return (
    n >= 4 &&
    (value.charCodeAt(n - 4) | 0x20) === 0x75 &&
    (value.charCodeAt(n - 3) | 0x20) === 0x73 &&
    (value.charCodeAt(n - 2) | 0x20) === 0x65 &&
    (value.charCodeAt(n - 1) | 0x20) === 0x72
  );
}
