import {
  type MethodKind,
  methodDeleted,
  methodRegistered,
  otherService,
  passwordReset,
  registrationFailed,
  securityInfoEvent,
  tapCreated,
  tapDeleted,
} from './audit-builders';
import {
  auditRecordId,
  type DirectoryAuditRecord,
  documentationIp,
  type SimApp,
  type SimInitiator,
  type SimUser,
} from './audit-record';
import type { Prng } from './prng';

/**
 * Draws single audit records for synthetic tenants and audit files. TAP creations vary along every
 * axis the normalizer must tolerate (wording, property generation, zone spelling, target order,
 * duplicated logging); the rest is benign Authentication Methods traffic or other services.
 */
export interface RecordActors {
  users: readonly SimUser[];
  /** Users holding roles that issue TAPs; random users stand in when empty. */
  issuers: readonly SimUser[];
  roleHolders: readonly SimUser[];
  syncAccount: SimUser | undefined;
  allowedApps: readonly SimApp[];
  unknownApps: readonly SimApp[];
}

export interface RecordFactory {
  /** One TAP creation: one record, or (3%) two records of the same action. */
  tap(at: number): DirectoryAuditRecord[];
  /** One Authentication Methods record that is not a TAP creation. */
  authMethodsNoise(at: number): DirectoryAuditRecord;
  /** One record of another service. */
  otherService(at: number): DirectoryAuditRecord;
}

const LIFETIMES = [60, 60, 60, 60, 120, 240, 480, 1440, 10080];
const KINDS: MethodKind[] = ['authenticator', 'phone', 'fido2', 'windowsHello', 'email'];
const KIND_WEIGHTS = [45, 25, 12, 12, 6];
type Noise = 'register' | 'delete' | 'fail' | 'securityInfo' | 'passwordReset' | 'tapDeleted' | 'tapFailed';
const NOISE: Noise[] = [
  'register',
  'delete',
  'fail',
  'securityInfo',
  'passwordReset',
  'tapDeleted',
  'tapFailed',
];
const NOISE_WEIGHTS = [50, 10, 10, 17, 7, 4, 2];
const ACTIVITIES = ['started', 'canceled', 'changedDefault', 'reviewed', 'allRequired'] as const;

export function createRecordFactory(rng: Prng, actors: RecordActors): RecordFactory {
  const anyUser = (): SimUser => rng.pick(actors.users);
  const issuer = (): SimUser => (actors.issuers.length > 0 ? rng.pick(actors.issuers) : anyUser());
  const asUser = (user: SimUser): { user: SimUser; ipAddress: string } => ({
    user,
    ipAddress: documentationIp(rng),
  });
  const zone = (): 'Z' | '+00:00' => (rng.chance(0.1) ? '+00:00' : 'Z');

  const tapInitiator = (): SimInitiator => {
    const roll = rng.next();
    if (roll < 0.65) return asUser(issuer());
    if (roll < 0.9 && actors.allowedApps.length > 0) return { app: rng.pick(actors.allowedApps) };
    if (roll < 0.95 && actors.unknownApps.length > 0) return { app: rng.pick(actors.unknownApps) };
    return asUser(anyUser());
  };
  const tapTarget = (initiator: SimInitiator): SimUser => {
    const roll = rng.next();
    if (roll < 0.01 && actors.syncAccount) return actors.syncAccount;
    if (roll < 0.02 && 'user' in initiator) return initiator.user;
    if (roll < 0.17 && actors.roleHolders.length > 0) return rng.pick(actors.roleHolders);
    return anyUser();
  };

  return {
    tap(at) {
      const initiator = tapInitiator();
      const record = tapCreated({
        rng,
        at,
        zone: zone(),
        initiator,
        target: tapTarget(initiator),
        tap: {
          id: rng.uuid(),
          lifetimeMinutes: rng.pick(LIFETIMES),
          usage: rng.chance(0.8) ? 'Multiple' : 'OneTime',
        },
        propertyNames: rng.chance(0.3) ? '2022' : 'current',
        ...(rng.chance(0.05)
          ? { leadingTarget: { id: rng.uuid(), displayName: 'Temporary Access Pass', type: 'Other' } }
          : {}),
      });
      if (!rng.chance(0.03)) return [record];
      const twin = {
        ...structuredClone(record),
        id: auditRecordId('Authentication Methods', record.correlationId, rng),
      };
      return [record, twin];
    },

    authMethodsNoise(at) {
      const target = anyUser();
      const base = {
        rng,
        at,
        zone: zone(),
        target,
        ipAddress: documentationIp(rng),
        kind: rng.weighted(KINDS, KIND_WEIGHTS),
      };
      switch (rng.weighted(NOISE, NOISE_WEIGHTS)) {
        case 'register':
          return rng.chance(0.1)
            ? methodRegistered({ ...base, kind: 'phone', admin: asUser(issuer()) })
            : methodRegistered(base);
        case 'delete':
          return rng.chance(0.2) ? methodDeleted({ ...base, admin: asUser(issuer()) }) : methodDeleted(base);
        case 'fail':
          return registrationFailed(base);
        case 'securityInfo':
          return securityInfoEvent({ ...base, activity: rng.pick(ACTIVITIES) });
        case 'passwordReset':
          return passwordReset(rng.chance(0.4) ? { ...base, admin: asUser(issuer()) } : base);
        case 'tapDeleted':
          return tapDeleted({ ...base, initiator: asUser(issuer()), tapId: rng.uuid() });
        case 'tapFailed':
          return tapCreated({
            ...base,
            initiator: asUser(anyUser()),
            tap: { id: rng.uuid(), lifetimeMinutes: 60 },
            result: 'failure',
          });
      }
    },

    otherService(at) {
      const target = anyUser();
      const initiator = rng.chance(0.5) ? asUser(issuer()) : asUser(target);
      return otherService({ rng, at, zone: zone(), initiator, target });
    },
  };
}
