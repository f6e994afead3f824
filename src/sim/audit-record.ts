import type { Prng } from './prng';

/**
 * Shapes of a Microsoft Graph v1.0 `directoryAudit` as the API returns it (docs/graph-behaviour.md), and the
 * low-level helpers the record builders share. Simulated records are plain JSON, like real ones.
 */
export interface ModifiedProperty {
  displayName: string;
  /** JSON-encoded text (`"\"Multiple\""`), or null. */
  oldValue: string | null;
  newValue: string | null;
}

export interface TargetResource {
  id: string;
  displayName: string | null;
  type: string;
  userPrincipalName: string | null;
  groupType: string | null;
  modifiedProperties: ModifiedProperty[];
}

export interface AuditUserIdentity {
  id: string;
  displayName: string | null;
  userPrincipalName: string;
  ipAddress: string;
}

export interface AuditAppIdentity {
  appId: string;
  displayName: string;
  servicePrincipalId: string;
  servicePrincipalName: string | null;
}

export interface DirectoryAuditRecord {
  id: string;
  category: string;
  correlationId: string;
  result: 'success' | 'failure';
  resultReason: string;
  activityDisplayName: string;
  /** ISO 8601 with 7 fractional digits, `Z` or `+00:00`. */
  activityDateTime: string;
  loggedByService: string;
  operationType: string;
  initiatedBy: { user: AuditUserIdentity | null; app: AuditAppIdentity | null };
  targetResources: TargetResource[];
  additionalDetails: Array<{ key: string; value: string }>;
}

/** A person in the simulated directory, as audit records name them. */
export interface SimUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
}

/** An application (service principal) that acts through Graph. */
export interface SimApp {
  appId: string;
  displayName: string;
  servicePrincipalId: string;
}

/** Who performed an action: a signed-in user (with the address they came from) or an app. */
export type SimInitiator = { user: SimUser; ipAddress: string } | { app: SimApp };

/** Graph's time zone spellings: the API writes `Z`; some exports write `+00:00`. */
export type ZoneStyle = 'Z' | '+00:00';

/**
 * Formats a time the way Graph does: 7 fractional digits. `Date` holds milliseconds only, so the
 * last four digits (`subMillisecond`, 0..9999, 100 ns ticks) are supplied by the caller.
 */
export function graphTimestamp(at: Date | number, subMillisecond: number, zone: ZoneStyle = 'Z'): string {
  const iso = new Date(at).toISOString(); // 2026-11-19T10:03:43.009Z
  const ticks = String(Math.max(0, Math.min(9999, Math.floor(subMillisecond)))).padStart(4, '0');
  return `${iso.slice(0, 23)}${ticks}${zone === 'Z' ? 'Z' : '+00:00'}`;
}

/** JSON-encodes a value the way audit records carry modified property values. */
export function encoded(value: string): string {
  return JSON.stringify(value);
}

/** `<prefix>_<correlationId>_<5 chars>_<digits>`, the id shape of Authentication Methods records. */
export function auditRecordId(prefix: string, correlationId: string, rng: Prng): string {
  return `${prefix}_${correlationId}_${rng.alphanumeric(5)}_${rng.digits(rng.int(8, 9))}`;
}

/** The `initiatedBy` object: exactly one of `user` and `app` is set, the other is null. */
export function initiatedBy(initiator: SimInitiator): DirectoryAuditRecord['initiatedBy'] {
  if ('app' in initiator) {
    const { app } = initiator;
    return {
      user: null,
      app: {
        appId: app.appId,
        displayName: app.displayName,
        servicePrincipalId: app.servicePrincipalId,
        servicePrincipalName: app.displayName,
      },
    };
  }
  const { user, ipAddress } = initiator;
  return {
    user: {
      id: user.id,
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      ipAddress,
    },
    app: null,
  };
}

/** A `targetResources` entry for a user. */
export function userTarget(user: SimUser, modifiedProperties: ModifiedProperty[] = []): TargetResource {
  return {
    id: user.id,
    displayName: user.displayName,
    type: 'User',
    userPrincipalName: user.userPrincipalName,
    groupType: null,
    modifiedProperties,
  };
}

/** Fields every builder accepts. Ids, correlation ids and sub-millisecond digits come from `rng`. */
export interface RecordBase {
  rng: Prng;
  /** When the activity happened. */
  at: Date | number;
  /** Defaults to a fresh GUID; pass one to log two records of one action. */
  correlationId?: string;
  zone?: ZoneStyle;
}

/** Assembles a record with Graph's property order. */
export function assemble(
  base: RecordBase,
  fields: Omit<DirectoryAuditRecord, 'id' | 'correlationId' | 'activityDateTime' | 'additionalDetails'> & {
    idPrefix: string;
    additionalDetails?: DirectoryAuditRecord['additionalDetails'];
  },
): DirectoryAuditRecord {
  const { rng } = base;
  const correlationId = base.correlationId ?? rng.uuid();
  return {
    id: auditRecordId(fields.idPrefix, correlationId, rng),
    category: fields.category,
    correlationId,
    result: fields.result,
    resultReason: fields.resultReason,
    activityDisplayName: fields.activityDisplayName,
    activityDateTime: graphTimestamp(base.at, rng.int(0, 9999), base.zone),
    loggedByService: fields.loggedByService,
    operationType: fields.operationType,
    initiatedBy: fields.initiatedBy,
    targetResources: fields.targetResources,
    additionalDetails: fields.additionalDetails ?? [],
  };
}

/** Documentation address ranges (RFC 5737): realistic-looking, never anyone's real address. */
export function documentationIp(rng: Prng): string {
  const prefix = rng.pick(['192.0.2', '198.51.100', '203.0.113']);
  return `${prefix}.${rng.int(1, 254)}`;
}
