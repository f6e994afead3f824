import type { AuditSourceKind, TapInitiator } from './tap-event';

/** The user a chain record is about; every text field is attacker-controlled. */
export interface ChainTarget {
  id: string;
  userPrincipalName?: string;
  displayName?: string;
}

/** What every chain record carries: where it came from, when, and whose account it concerns. */
export interface ChainEventBase {
  /** The audit record id, or the sign-in id for `tap-signin`. */
  recordId: string;
  /** `audit` for directoryAudits records, `sign-in` for sign-in logs. */
  recordType: 'audit' | 'sign-in';
  /** ISO 8601 as logged. */
  time: string;
  source: AuditSourceKind;
  target: ChainTarget;
  initiator: TapInitiator;
  /** Activity as logged (`User registered security info`, `Sign-in activity`). */
  activity: string;
  resultReason: string;
}

/** A sign-in method added to (or changed on) the account: persistence outlives the TAP. */
export interface MethodRegisteredEvent extends ChainEventBase {
  kind: 'method-registered';
  /** The method as the log names it (`Fido2 Authentication Method`, `Windows Hello for Business credential`). */
  method: string;
  /** Authentication Methods (security info) or Device Registration Service (device credentials). */
  service: 'authentication-methods' | 'device-registration';
}

/** A sign-in method removed from the account. `isTap` marks the deletion of a TAP, which is no victim wipe. */
export interface MethodDeletedEvent extends ChainEventBase {
  kind: 'method-deleted';
  method: string;
  isTap: boolean;
}

/** A PIM role activation of the account (requested or completed). */
export interface RoleActivatedEvent extends ChainEventBase {
  kind: 'role-activated';
  role: { name?: string; templateId?: string };
  stage: 'requested' | 'completed';
}

/** A sign-in in which a Temporary Access Pass was used (sign-in logs, Entra ID P1). */
export interface TapSignInEvent extends ChainEventBase {
  kind: 'tap-signin';
  appDisplayName?: string;
  ipAddress?: string;
  /** False when the sign-in as a whole failed (e.g. blocked by Conditional Access) although the TAP step passed. */
  succeeded: boolean;
}

/**
 * What follows a TAP (docs/rules.md), typed like `TapEvent` so chain rules never see raw JSON. One record
 * gives at most one event per user it concerns.
 */
export type ChainEvent = MethodRegisteredEvent | MethodDeletedEvent | RoleActivatedEvent | TapSignInEvent;

export type ChainEventKind = ChainEvent['kind'];
