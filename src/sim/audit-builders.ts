import {
  assemble,
  type DirectoryAuditRecord,
  encoded,
  graphTimestamp,
  initiatedBy,
  type ModifiedProperty,
  type RecordBase,
  type SimInitiator,
  type SimUser,
  type TargetResource,
  userTarget,
} from './audit-record';

/**
 * Builders of Authentication Methods `directoryAudit` records with the wording real tenants log
 * (docs/graph-behaviour.md). They produce raw Graph JSON so tests exercise the normalizer, not a shortcut.
 */
export {
  type AuthMethodsActivity,
  OTHER_SERVICE_KINDS,
  type OtherServiceKind,
  otherService,
  passwordReset,
  securityInfoEvent,
} from './audit-noise-builders';
export type { DirectoryAuditRecord, SimApp, SimInitiator, SimUser } from './audit-record';

const SERVICE = 'Authentication Methods';
const ID_PREFIX = 'Authentication Methods';

/** What the log says about a pass. The code itself is never logged. */
export interface TapSpec {
  id: string;
  /** When the pass becomes valid; defaults to about half a second before the record. */
  start?: Date | number;
  /** Minutes from start to end; the log carries start and end, not this number. */
  lifetimeMinutes: number;
  /** `Multiple` for reusable passes (default); the one-time spelling is undocumented. */
  usage?: string;
}

/**
 * `2022`: `TemporaryAccessPass.Id|StartDateTime|EndDateTime|AccessPassUsage` (older exports).
 * `current`: `TemporaryAccessPass.TemporaryAccessPass.Id|StartDateTime|EndTime|AccessPassUsage`.
 */
export type TapPropertyNames = '2022' | 'current';

export interface TapCreatedOptions extends RecordBase {
  initiator: SimInitiator;
  target: SimUser;
  tap: TapSpec;
  /** `admin` ("Admin registered …") or `user` ("User registered …", what Graph-driven apps produce). Defaults by initiator kind. */
  wording?: 'admin' | 'user';
  propertyNames?: TapPropertyNames;
  /** A non-user target placed first, so the user is not `targetResources[0]`. */
  leadingTarget?: { id: string; displayName: string; type: string };
  /** A failed creation still names the pass in its wording; it must not become a finding. */
  result?: 'success' | 'failure';
  /**
   * `loggedByService`; default `Authentication Methods`. Microsoft's Get-EntraAuditDirectoryLog example
   * shows `Authentication Methods ServiceApi` beside an API-created TAP (docs/graph-behaviour.md).
   */
  service?: string;
}

/** One TAP creation record. Log the same action twice by passing the same `correlationId` and `tap`. */
export function tapCreated(options: TapCreatedOptions): DirectoryAuditRecord {
  const wording = options.wording ?? ('app' in options.initiator ? 'user' : 'admin');
  const targets: TargetResource[] = [];
  if (options.leadingTarget) {
    const t = options.leadingTarget;
    targets.push({
      id: t.id,
      displayName: t.displayName,
      type: t.type,
      userPrincipalName: null,
      groupType: null,
      modifiedProperties: [],
    });
  }
  targets.push(userTarget(options.target, tapProperties(options)));
  return assemble(options, {
    idPrefix: ID_PREFIX,
    category: 'UserManagement',
    result: options.result ?? 'success',
    resultReason:
      wording === 'admin'
        ? 'Admin registered temporary access pass method for user'
        : 'User registered temporary access pass method',
    activityDisplayName:
      wording === 'admin' ? 'Admin registered security info' : 'User registered security info',
    loggedByService: options.service ?? SERVICE,
    operationType: 'Add',
    initiatedBy: initiatedBy(options.initiator),
    targetResources: targets,
  });
}

function tapProperties(options: TapCreatedOptions): ModifiedProperty[] {
  const { tap, rng } = options;
  const start = tap.start ?? new Date(options.at).getTime() - rng.int(300, 900);
  const end = new Date(start).getTime() + tap.lifetimeMinutes * 60_000;
  const ticks = rng.int(0, 9999);
  const generation2022 = options.propertyNames === '2022';
  const prefix = generation2022 ? 'TemporaryAccessPass.' : 'TemporaryAccessPass.TemporaryAccessPass.';
  // The 2022 export wrote empty old values as "\"\""; later logs leave them null.
  const old = generation2022 ? encoded('') : null;
  const prop = (name: string, value: string): ModifiedProperty => ({
    displayName: prefix + name,
    oldValue: old,
    newValue: encoded(value),
  });
  return [
    prop('Id', tap.id),
    prop('StartDateTime', graphTimestamp(start, ticks)),
    prop(generation2022 ? 'EndDateTime' : 'EndTime', graphTimestamp(end, ticks)),
    prop('AccessPassUsage', tap.usage ?? 'Multiple'),
  ];
}

export interface TapDeletedOptions extends RecordBase {
  initiator: SimInitiator;
  target: SimUser;
  /** The deleted pass; its id appears as the old value. */
  tapId: string;
}

/** An admin deleting a user's pass: carries `TemporaryAccessPass*` names but is no creation. */
export function tapDeleted(options: TapDeletedOptions): DirectoryAuditRecord {
  const prop: ModifiedProperty = {
    displayName: 'TemporaryAccessPass.TemporaryAccessPass.Id',
    oldValue: encoded(options.tapId),
    newValue: encoded(''),
  };
  return assemble(options, {
    idPrefix: ID_PREFIX,
    category: 'UserManagement',
    result: 'success',
    resultReason: 'Admin deleted temporary access pass method for user',
    activityDisplayName: 'Admin deleted security info',
    loggedByService: SERVICE,
    operationType: 'Delete',
    initiatedBy: initiatedBy(options.initiator),
    targetResources: [userTarget(options.target, [prop])],
  });
}

/** Authentication methods other than TAP, as the security-info pages and admins register them. */
export type MethodKind = 'phone' | 'fido2' | 'authenticator' | 'email' | 'windowsHello';

/** Method names in the user wording ("User registered …"). */
const USER_WORDS: Record<MethodKind, string> = {
  phone: 'Mobile Phone SMS',
  fido2: 'Fido2 security key',
  authenticator: 'Authenticator App with Notification and Code',
  email: 'Email',
  windowsHello: 'Windows Hello for Business',
};
/** Method nouns in the admin wording ("Admin registered phone method for user"). */
const ADMIN_WORDS: Record<MethodKind, string> = {
  phone: 'phone',
  fido2: 'fido2',
  authenticator: 'microsoft authenticator',
  email: 'email',
  windowsHello: 'windows hello for business',
};

/** Non-secret descriptive properties some registrations carry; never `TemporaryAccessPass*`. */
function methodProperties(kind: MethodKind, rng: RecordBase['rng']): ModifiedProperty[] {
  if (kind === 'authenticator') {
    const device = rng.pick(['iPhone 15', 'Pixel 8', 'Galaxy S24', 'iPhone 13 mini']);
    return [
      {
        displayName: 'MicrosoftAuthenticatorAuthenticationMethod.DisplayName',
        oldValue: null,
        newValue: encoded(device),
      },
    ];
  }
  if (kind === 'fido2') {
    const model = rng.pick(['YubiKey 5 NFC', 'YubiKey 5C', 'Feitian ePass FIDO2']);
    return [{ displayName: 'Fido2AuthenticationMethod.Model', oldValue: null, newValue: encoded(model) }];
  }
  return [];
}

export interface MethodOptions extends RecordBase {
  kind: MethodKind;
  /** The user whose methods change. */
  target: SimUser;
  /** Set for an admin acting on the user; absent when the user acts on their own security info. */
  admin?: { user: SimUser; ipAddress: string };
  /** The user's address for self-service actions. */
  ipAddress?: string;
}

function actor(options: MethodOptions): SimInitiator {
  return options.admin ?? { user: options.target, ipAddress: options.ipAddress ?? '192.0.2.10' };
}

/** A successful registration of a non-TAP method: benign noise that must yield no finding. */
export function methodRegistered(options: MethodOptions): DirectoryAuditRecord {
  return methodRecord(options, 'registered', 'success');
}

/** A deletion of a non-TAP method. */
export function methodDeleted(options: MethodOptions): DirectoryAuditRecord {
  return methodRecord(options, 'deleted', 'success');
}

/** A failed registration (wrong code, abandoned prompt): logged with the registration wording and `failure`. */
export function registrationFailed(options: MethodOptions): DirectoryAuditRecord {
  return methodRecord(options, 'registered', 'failure');
}

function methodRecord(
  options: MethodOptions,
  verb: 'registered' | 'deleted',
  result: 'success' | 'failure',
): DirectoryAuditRecord {
  const byAdmin = options.admin !== undefined;
  const who = byAdmin ? 'Admin' : 'User';
  const reason = byAdmin
    ? `Admin ${verb} ${ADMIN_WORDS[options.kind]} method for user`
    : `User ${verb} ${USER_WORDS[options.kind]}`;
  const props =
    verb === 'registered' && result === 'success' ? methodProperties(options.kind, options.rng) : [];
  return assemble(options, {
    idPrefix: ID_PREFIX,
    category: 'UserManagement',
    result,
    resultReason: reason,
    activityDisplayName: `${who} ${verb} security info`,
    loggedByService: SERVICE,
    operationType: verb === 'registered' ? 'Add' : 'Delete',
    initiatedBy: initiatedBy(actor(options)),
    targetResources: [userTarget(options.target, props)],
  });
}
