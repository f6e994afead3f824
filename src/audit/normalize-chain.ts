import { MalformedRecordError } from './audit-errors';
import { boundChainEvent } from './bound-chain-event';
import {
  deviceCredentialActivity,
  methodFromReason,
  PIM_ACTIVATION,
  SECURITY_INFO_ADDED,
  SECURITY_INFO_DELETED,
  TAP_WORDING,
} from './chain-activities';
import type {
  ChainEvent,
  ChainTarget,
  MethodDeletedEvent,
  MethodRegisteredEvent,
  RoleActivatedEvent,
} from './chain-event';
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
 * Every text field of the result is bounded (`bound-text.ts`), as TAP events are.
 * @throws MalformedRecordError for a record that is not an object or has no id, a chain record without a
 * time, or a security-info record that names no user (security info always belongs to a user, so such a
 * record is broken, not benign; device and PIM records that name no user are simply not about one).
 */
export function normalizeChain(record: unknown): ChainEvent[] {
  return chainEventsOf(viewRecord(record));
}

/**
 * The same, over a record already viewed (the cycle views each record once). `tapCreation` is
 * `isTapCreation(view)` when the caller has it already; computed here otherwise.
 */
export function chainEventsOf(view: AuditRecordView, tapCreation?: boolean): ChainEvent[] {
  if (!succeeded(view.result)) return [];
  const activity = view.activity;
  if (SECURITY_INFO_ADDED.test(activity)) {
    if ((tapCreation ?? isTapCreation(view)) || TAP_WORDING.test(view.resultReason)) return [];
    const users = usersOf(view, 'required');
    const method = methodFromReason(view.resultReason);
    return users.map((user) => registered(view, user, method, 'authentication-methods'));
  }
  if (SECURITY_INFO_DELETED.test(activity)) {
    const isTap = TAP_WORDING.test(view.resultReason) || view.targets.some(hasTapProperties);
    const users = usersOf(view, 'required');
    const method = methodFromReason(view.resultReason);
    return users.map((user) => deleted(view, user, method, isTap));
  }
  const device = deviceCredentialActivity(activity);
  if (device) {
    // The target may be the device; the user is then the one who registered it.
    const users = usersOf(view, 'initiator');
    const method = device.replace(/^(Add|Register)\s+/i, '');
    return users.map((user) => registered(view, user, method, 'device-registration'));
  }
  const pim = PIM_ACTIVATION.exec(activity);
  if (pim) {
    const stage: RoleActivatedEvent['stage'] =
      (pim[1] ?? '').toLowerCase() === 'requested' ? 'requested' : 'completed';
    const role = roleOf(view);
    return usersOf(view, 'initiator').map((user) => activated(view, user, role, stage));
  }
  return [];
}

/** A user a chain record concerns and the record's initiator (an object of its own for each user). */
interface ChainUser {
  target: ChainTarget;
  initiator: TapInitiator;
  time: string;
}

/**
 * Every user target (any position in the list). When there is none: `initiator`, the initiating user
 * (device registration and self-activation are logged that way), else no user; `required`, the record
 * is malformed (it names no account). A chain record without a time is malformed.
 */
function usersOf(view: AuditRecordView, noTarget: 'initiator' | 'required'): ChainUser[] {
  const time = view.activityDateTime;
  if (time === undefined)
    throw new MalformedRecordError('chain record without a time', { recordId: view.id });
  const initiator = readInitiator(view.initiatedBy);
  const typed = view.targets.filter(isUserTarget);
  // Untyped targets count only when no target is typed User, so they are looked for only then.
  const chosen = typed.length > 0 ? typed : view.targets.filter((t) => field(t, 'type') == null);
  const users: ChainUser[] = [];
  for (const target of chosen) {
    const user = userOf(target);
    // Every event owns its initiator object: the first takes the one just read, later ones a copy.
    if (user)
      users.push({ target: user, initiator: users.length === 0 ? initiator : { ...initiator }, time });
  }
  if (users.length === 0 && noTarget === 'initiator') {
    const self = initiatorAsTarget(initiator);
    if (self) users.push({ target: self, initiator, time });
  }
  if (users.length === 0 && noTarget === 'required')
    throw new MalformedRecordError('security-info record that names no user account', { recordId: view.id });
  return users;
}

/*
 * One builder per event kind, each a single literal with the base members (ChainEventBase) first in
 * their fixed order, then the kind's. Not `{ ...base, kind, … }`: V8 copies such a spread through a slow
 * path (about 2.5 µs an event against 0.1 µs, measured on Node 22), and adding members to a built base
 * puts them out of the object; a cycle builds and keeps one event per security-info record it reads.
 * Each literal is passed through `boundChainEvent`, which returns it as it is unless a string is too long.
 */

function registered(
  view: AuditRecordView,
  user: ChainUser,
  method: string,
  service: MethodRegisteredEvent['service'],
): MethodRegisteredEvent {
  return boundChainEvent({
    recordId: view.id,
    recordType: 'audit',
    time: user.time,
    source: view.source,
    target: user.target,
    initiator: user.initiator,
    activity: view.activity,
    resultReason: view.resultReason,
    kind: 'method-registered',
    method,
    service,
  });
}

function deleted(view: AuditRecordView, user: ChainUser, method: string, isTap: boolean): MethodDeletedEvent {
  return boundChainEvent({
    recordId: view.id,
    recordType: 'audit',
    time: user.time,
    source: view.source,
    target: user.target,
    initiator: user.initiator,
    activity: view.activity,
    resultReason: view.resultReason,
    kind: 'method-deleted',
    method,
    isTap,
  });
}

function activated(
  view: AuditRecordView,
  user: ChainUser,
  role: RoleActivatedEvent['role'],
  stage: RoleActivatedEvent['stage'],
): RoleActivatedEvent {
  return boundChainEvent({
    recordId: view.id,
    recordType: 'audit',
    time: user.time,
    source: view.source,
    target: user.target,
    initiator: user.initiator,
    activity: view.activity,
    resultReason: view.resultReason,
    kind: 'role-activated',
    role,
    stage,
  });
}

function userOf(target: JsonObject): ChainTarget | undefined {
  const id = text(target, 'id')?.trim();
  if (!id) return undefined;
  const user: ChainTarget = { id };
  const userPrincipalName = text(target, 'userPrincipalName');
  if (userPrincipalName !== undefined) user.userPrincipalName = userPrincipalName;
  const displayName = text(target, 'displayName');
  if (displayName !== undefined) user.displayName = displayName;
  return user;
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
