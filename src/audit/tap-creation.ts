import { isAuthenticationMethodsService } from './audit-activities';
import { field, type JsonObject, objectList, text } from './fields';
import type { AuditRecordView } from './record-view';

/**
 * The TAP-creation test: which audit records are TAP creations. Regular expressions use the `i` flag without `u`, which folds
 * ASCII letters only: no other character can stand in for a letter of "temporary", which is what
 * keeps the reader's prefilter (`mayHoldTapCreation`) safe.
 */

/** Admin wording `Admin registered temporary access pass method for user`, user wording `User registered temporary access pass method`. */
const TAP_REGISTERED_REASON = /\bregistered\s+temporary\s*access\s*pass\b/i;
/** `Admin registered security info` / `User registered security info`. */
const SECURITY_INFO_REGISTERED = /\bregistered\s+security\s+info\b/i;
/** The community alias; no real log shows it, but rules in the wild key on it. */
const COMMUNITY_ALIAS = /^\s*create\s+temporary\s+access\s+pass\s+method\s+for\s+user\s*$/i;
/** A modified property of the pass: `TemporaryAccessPass.Id`, `TemporaryAccessPass.TemporaryAccessPass.EndTime`, … */
const TAP_PROPERTY_NAME = /^\s*temporaryaccesspass\b/i;
/** Deletions reuse the same properties and wording apart from the verb. */
const REMOVAL = /\b(deleted|removed|delete|remove)\b/i;

/**
 * True when the record is a successful TAP creation (not a deletion, failure or other method) logged
 * by an Authentication Methods service (any name starting with it, e.g. the `ServiceApi` form).
 */
export function isTapCreation(view: AuditRecordView): boolean {
  if (!succeeded(view.result)) return false;
  if (!isAuthenticationMethodsService(view.service)) return false;
  if (REMOVAL.test(view.activity) || REMOVAL.test(view.resultReason)) return false;
  if (TAP_REGISTERED_REASON.test(view.resultReason)) return true;
  if (COMMUNITY_ALIAS.test(view.activity)) return true;
  return SECURITY_INFO_REGISTERED.test(view.activity) && view.targets.some(hasTapProperties);
}

/** A missing result column counts as success: a dropped column must not hide a TAP. */
export function succeeded(result: string | undefined): boolean {
  if (result === undefined || result === 'success') return true;
  const value = result.trim().toLowerCase();
  return value === 'success' || value === 'succeeded';
}

/** True when one of the target's modified properties is a `TemporaryAccessPass*` property. */
export function hasTapProperties(target: JsonObject): boolean {
  return modifiedProperties(target).some((p) => TAP_PROPERTY_NAME.test(text(p, 'displayName', 'name') ?? ''));
}

/** The target's modified properties, whether an array or JSON text. */
export function modifiedProperties(target: JsonObject): JsonObject[] {
  return objectList(target, 'modifiedProperties');
}

/** True when the target's type (key `type` or `Type`) is User. */
export function isUserTarget(target: JsonObject): boolean {
  const type = field(target, 'type');
  // `User` as Graph logs it answers without a trimmed, lower-cased copy (this runs for every target read).
  if (type === 'User') return true;
  return typeof type === 'string' && type.trim().toLowerCase() === 'user';
}
