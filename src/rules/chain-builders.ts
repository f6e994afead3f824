import type {
  ChainEvent,
  MethodDeletedEvent,
  MethodRegisteredEvent,
  RoleActivatedEvent,
  TapSignInEvent,
} from '../audit/chain-event';
import { ROLE } from '../directory/role-catalog';
import { ID, userInitiator } from './builders';
import type { ChainSubject, TapIssuance, TapRef } from './chain-types';

/**
 * Builders for chain rule cases: a one-hour TAP issued at 10:03:42 to `user@contoso.com` by
 * `admin@contoso.com`, and the records that may follow it, each from the few fields a case cares about.
 */

export const TAP_START = '2026-11-20T10:03:42Z';
export const TAP_END = '2026-11-20T11:03:42Z';

/** `minutes` after the TAP start (negative: before), as ISO. */
export function afterStart(minutes: number): string {
  return new Date(Date.parse(TAP_START) + minutes * 60_000).toISOString();
}

export function tapRef(patch: Partial<TapRef> = {}): TapRef {
  return {
    findingId: 'f0000000000000000000000000000001',
    activityDateTime: '2026-11-20T10:03:43.009Z',
    severity: 'informational',
    target: { id: ID.user, name: 'user@contoso.com' },
    initiatorKey: `user:${ID.admin}`,
    initiatorType: 'user',
    initiatorName: 'admin@contoso.com',
    tap: { start: TAP_START, end: TAP_END, endKnown: true },
    rules: [{ id: 'tap-issued', severity: 'informational' }],
    timelineKeys: [],
    ...patch,
  };
}

export function subject(patch: Partial<ChainSubject> = {}): ChainSubject {
  const tap = patch.tap ?? tapRef();
  return {
    events: [],
    peers: [issuance(tap.findingId, tap.target.id, tap.initiatorKey, tap.activityDateTime)],
    ...patch,
    tap,
  };
}

const base = (minutes: number, recordId: string) => ({
  recordId,
  recordType: 'audit' as const,
  time: afterStart(minutes),
  source: 'graph' as const,
  target: { id: ID.user, userPrincipalName: 'user@contoso.com' },
  initiator: userInitiator(ID.user, 'user@contoso.com'),
});

export function methodRegistered(minutes: number, patch: Partial<MethodRegisteredEvent> = {}): ChainEvent {
  return {
    ...base(minutes, `Authentication Methods_reg_${minutes}`),
    kind: 'method-registered',
    activity: 'User registered security info',
    resultReason: 'User registered Fido2 Authentication Method',
    method: 'Fido2 Authentication Method',
    service: 'authentication-methods',
    ...patch,
  };
}

export function methodDeleted(minutes: number, patch: Partial<MethodDeletedEvent> = {}): ChainEvent {
  return {
    ...base(minutes, `Authentication Methods_del_${minutes}`),
    initiator: userInitiator(ID.admin, 'admin@contoso.com'),
    kind: 'method-deleted',
    activity: 'Admin deleted security info',
    resultReason: 'Admin deleted Authenticator App with Notification and Code',
    method: 'Authenticator App with Notification and Code',
    isTap: false,
    ...patch,
  };
}

export function roleActivated(minutes: number, patch: Partial<RoleActivatedEvent> = {}): ChainEvent {
  return {
    ...base(minutes, `PIM_act_${minutes}`),
    kind: 'role-activated',
    activity: 'Add member to role completed (PIM activation)',
    resultReason: '',
    role: { name: 'Global Administrator', templateId: ROLE.globalAdministrator },
    stage: 'completed',
    ...patch,
  };
}

export function tapSignIn(minutes: number, patch: Partial<TapSignInEvent> = {}): ChainEvent {
  return {
    ...base(minutes, `signin-${minutes}`),
    recordType: 'sign-in',
    kind: 'tap-signin',
    activity: 'Sign-in activity',
    resultReason: 'Temporary Access Pass',
    appDisplayName: 'My Sign-Ins',
    ipAddress: '198.51.100.23',
    succeeded: true,
    ...patch,
  };
}

/** `count` TAPs by the same initiator to distinct users, `spacingMinutes` apart from the subject's. */
export function burst(
  count: number,
  spacingMinutes: number,
  initiatorKey = `user:${ID.admin}`,
): TapIssuance[] {
  return Array.from({ length: count }, (_, i) =>
    issuance(
      `f00000000000000000000000000000${String(i + 10).padStart(2, '0')}`,
      `b0000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
      initiatorKey,
      afterStart(i * spacingMinutes),
    ),
  );
}

/** One TAP issuance, its time parsed as the cycle parses it. */
export function issuance(
  findingId: string,
  targetId: string,
  initiatorKey: string,
  time: string,
): TapIssuance {
  return { findingId, targetId, initiatorKey, time, timeMs: Date.parse(time) };
}
