import { MalformedRecordError } from './audit-errors';
import {
  deviceCredentialActivity,
  methodFromReason,
  PIM_ACTIVATION,
  SECURITY_INFO_ADDED,
  SECURITY_INFO_DELETED,
  TAP_WORDING,
} from './chain-activities';
import type { ChainEvent, ChainEventBase, ChainTarget } from './chain-event';
import { compact, field, type JsonObject, text } from './fields';
import { readInitiator } from './initiator';
import { type AuditRecordView, viewRecord } from './record-view';
import { hasTapProperties, isTapCreation, isUserTarget, succeeded } from './tap-creation';
import type { TapInitiator } from './tap-event';

/**
 * Turns one audit record into the chain events of docs/rules.md: a sign-in method registered or deleted
 * (Authentication Methods security info, Device Registration Service credentials) or a PIM role
 * activation, one event per user it concerns; [] for anything else, failures and TAP creations
 * included (those are TapEvents). Pure; every spelling listed in docs/graph-behaviour.md is matched case-insensitively.
 * @throws MalformedRecordError for a record that is not an object or has no id, a chain record without a
 * time, or a security-info record that names no user (security info always belongs to a user, so such a
 * record is broken, not benign; device and PIM records that name no user are simply not about one).
 */
export function normalizeChain(record: unknown): ChainEvent[] {
  return chainEventsOf(viewRecord(record));
}

/** The same, over a record already viewed (the cycle views each record once). */
export function chainEventsOf(view: AuditRecordView): ChainEvent[] {
  if (!succeeded(view.result)) return [];
  const activity = view.activity;
  if (SECURITY_INFO_ADDED.test(activity)) {
    if (isTapCreation(view) || TAP_WORDING.test(view.resultReason)) return [];
    return forUsers(view, 'required', (base) => ({
      ...base,
      kind: 'method-registered',
      method: methodFromReason(view.resultReason),
      service: 'authentication-methods',
    }));
  }
  if (SECURITY_INFO_DELETED.test(activity)) {
    const isTap = TAP_WORDING.test(view.resultReason) || view.targets.some(hasTapProperties);
    return forUsers(view, 'required', (base) => ({
      ...base,
      kind: 'method-deleted',
      method: methodFromReason(view.resultReason),
      isTap,
    }));
  }
  const device = deviceCredentialActivity(activity);
  if (device) {
    // The target may be the device; the user is then the one who registered it.
    return forUsers(view, 'initiator', (base) => ({
      ...base,
      kind: 'method-registered',
      method: device.replace(/^(Add|Register)\s+/i, ''),
      service: 'device-registration',
    }));
  }
  const pim = PIM_ACTIVATION.exec(activity);
  if (pim) {
    const stage = (pim[1] ?? '').toLowerCase() === 'requested' ? 'requested' : 'completed';
    const role = roleOf(view);
    return forUsers(view, 'initiator', (base) => ({ ...base, kind: 'role-activated', role, stage }));
  }
  return [];
}

/**
 * One event per user target (any position in the list). When there is none: `initiator`, the initiating
 * user (device registration and self-activation are logged that way), else no event; `required`, the
 * record is malformed (it names no account). A chain record without a time is malformed.
 */
function forUsers(
  view: AuditRecordView,
  noTarget: 'initiator' | 'required',
  build: (base: ChainEventBase) => ChainEvent,
): ChainEvent[] {
  const time = view.activityDateTime;
  if (time === undefined)
    throw new MalformedRecordError('chain record without a time', { recordId: view.id });
  const initiator = readInitiator(view.initiatedBy);
  const typed = view.targets.filter(isUserTarget);
  const untyped = view.targets.filter((t) => field(t, 'type') == null);
  const users: ChainTarget[] = (typed.length > 0 ? typed : untyped).flatMap(userOf);
  if (users.length === 0 && noTarget === 'initiator') {
    const self = initiatorAsTarget(initiator);
    if (self) users.push(self);
  }
  if (users.length === 0 && noTarget === 'required')
    throw new MalformedRecordError('security-info record that names no user account', { recordId: view.id });
  return users.map((target) =>
    build({
      recordId: view.id,
      recordType: 'audit',
      time,
      source: view.source,
      target,
      initiator: { ...initiator },
      activity: view.activity,
      resultReason: view.resultReason,
    }),
  );
}

function userOf(target: JsonObject): ChainTarget[] {
  const id = text(target, 'id')?.trim();
  if (!id) return [];
  return [
    compact<ChainTarget>({
      id,
      userPrincipalName: text(target, 'userPrincipalName'),
      displayName: text(target, 'displayName'),
    }),
  ];
}

function initiatorAsTarget(initiator: TapInitiator): ChainTarget | undefined {
  if (initiator.type !== 'user' || !initiator.id) return undefined;
  return compact<ChainTarget>({
    id: initiator.id,
    userPrincipalName: initiator.userPrincipalName,
    displayName: initiator.displayName,
  });
}

/** The role target (`type` Role, wherever it sits) and the template id PIM puts in additionalDetails. */
function roleOf(view: AuditRecordView): { name?: string; templateId?: string } {
  const target = view.targets.find((t) => {
    const type = field(t, 'type');
    return typeof type === 'string' && type.trim().toLowerCase() === 'role';
  });
  const detail = (key: string): string | undefined => {
    const wanted = key.toLowerCase();
    const found = (view.additionalDetails ?? []).find(
      (d) => (text(d, 'key') ?? '').trim().toLowerCase() === wanted,
    );
    return found ? text(found, 'value')?.trim() : undefined;
  };
  return compact<{ name?: string; templateId?: string }>({
    name: target ? text(target, 'displayName')?.trim() : undefined,
    templateId:
      detail('TemplateId') ?? detail('RoleDefinitionOriginId') ?? (target ? text(target, 'id') : undefined),
  });
}
