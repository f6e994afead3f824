import {
  assemble,
  type DirectoryAuditRecord,
  encoded,
  initiatedBy,
  type RecordBase,
  type SimInitiator,
  type SimUser,
  type TargetResource,
  userTarget,
} from './audit-record';

/**
 * Background traffic that is not a TAP creation: other Authentication Methods activities and other
 * services' records. Detection must stay quiet on all of it, and benchmarks need its volume.
 */

/** Authentication Methods activities besides registrations and deletions (Entra audit activity list). */
export type AuthMethodsActivity = 'started' | 'canceled' | 'changedDefault' | 'reviewed' | 'allRequired';

const ACTIVITIES: Record<AuthMethodsActivity, { activity: string; reason: string; operation: string }> = {
  started: {
    activity: 'User started security info registration',
    reason: 'User started the registration for Authenticator App with Notification and Code',
    operation: 'Add',
  },
  canceled: {
    activity: 'User canceled security info registration',
    reason: 'User canceled the registration for Mobile Phone SMS',
    operation: 'Update',
  },
  changedDefault: {
    activity: 'User changed default security info',
    reason: 'User changed default security info to Authenticator App with Notification and Code',
    operation: 'Update',
  },
  reviewed: {
    activity: 'User reviewed security info',
    reason: 'User reviewed security info',
    operation: 'Update',
  },
  allRequired: {
    activity: 'User registered all required security info',
    reason: 'User registered all required security info',
    operation: 'Add',
  },
};

export interface SelfServiceOptions extends RecordBase {
  target: SimUser;
  ipAddress: string;
}

/** A user's own security-info activity other than registering or deleting a method. */
export function securityInfoEvent(
  options: SelfServiceOptions & { activity: AuthMethodsActivity },
): DirectoryAuditRecord {
  const spec = ACTIVITIES[options.activity];
  return assemble(options, {
    idPrefix: 'Authentication Methods',
    category: 'UserManagement',
    result: 'success',
    resultReason: spec.reason,
    activityDisplayName: spec.activity,
    loggedByService: 'Authentication Methods',
    operationType: spec.operation,
    initiatedBy: initiatedBy({ user: options.target, ipAddress: options.ipAddress }),
    targetResources: [userTarget(options.target)],
  });
}

/**
 * A password reset started in the Authentication Methods service, by an admin or by the user. The
 * user wording is logged in lower case ("user started password reset"), a casing trap for parsers.
 */
export function passwordReset(
  options: SelfServiceOptions & { admin?: { user: SimUser; ipAddress: string } },
): DirectoryAuditRecord {
  const admin = options.admin;
  return assemble(options, {
    idPrefix: 'Authentication Methods',
    category: 'UserManagement',
    result: 'success',
    resultReason: admin ? 'Admin started password reset for user' : 'User started password reset',
    activityDisplayName: admin ? 'Admin started password reset' : 'user started password reset',
    loggedByService: 'Authentication Methods',
    operationType: 'Update',
    initiatedBy: initiatedBy(admin ?? { user: options.target, ipAddress: options.ipAddress }),
    targetResources: [userTarget(options.target)],
  });
}

interface OtherSpec {
  service: string;
  idPrefix: string;
  category: string;
  activity: string;
  operation: string;
  /** Type of the primary target; `User` targets name the given user. */
  targetType: 'User' | 'Group' | 'Role' | 'Application' | 'Policy' | 'Device';
  targetName?: string;
  property?: [string, string];
}

const OTHER = {
  updateUser: {
    service: 'Core Directory',
    idPrefix: 'Directory',
    category: 'UserManagement',
    activity: 'Update user',
    operation: 'Update',
    targetType: 'User',
    property: ['Included Updated Properties', 'StrongAuthenticationMethod'],
  },
  addUser: {
    service: 'Core Directory',
    idPrefix: 'Directory',
    category: 'UserManagement',
    activity: 'Add user',
    operation: 'Add',
    targetType: 'User',
  },
  resetPassword: {
    service: 'Core Directory',
    idPrefix: 'Directory',
    category: 'UserManagement',
    activity: 'Reset user password',
    operation: 'Reset',
    targetType: 'User',
  },
  addGroupMember: {
    service: 'Core Directory',
    idPrefix: 'Directory',
    category: 'GroupManagement',
    activity: 'Add member to group',
    operation: 'Assign',
    targetType: 'Group',
    targetName: 'All Staff',
  },
  updateApplication: {
    service: 'Core Directory',
    idPrefix: 'Directory',
    category: 'ApplicationManagement',
    activity: 'Update application',
    operation: 'Update',
    targetType: 'Application',
    targetName: 'Contoso Expenses',
  },
  registerDevice: {
    service: 'Device Registration Service',
    idPrefix: 'Directory',
    category: 'Device',
    activity: 'Register device',
    operation: 'Add',
    targetType: 'Device',
    targetName: 'CONTOSO-LT-0142',
  },
  ssprReset: {
    service: 'Self-service Password Management',
    idPrefix: 'SSPR',
    category: 'UserManagement',
    activity: 'Reset password (self-service)',
    operation: 'Update',
    targetType: 'User',
  },
  ssprProgress: {
    service: 'Self-service Password Management',
    idPrefix: 'SSPR',
    category: 'UserManagement',
    activity: 'Self-service password reset flow activity progress',
    operation: 'Update',
    targetType: 'User',
  },
  updatePolicy: {
    service: 'Conditional Access',
    idPrefix: 'IPCGraph',
    category: 'Policy',
    activity: 'Update conditional access policy',
    operation: 'Update',
    targetType: 'Policy',
    targetName: 'Require MFA for admins',
  },
  pimActivation: {
    service: 'PIM',
    idPrefix: 'PIM',
    category: 'RoleManagement',
    activity: 'Add member to role completed (PIM activation)',
    operation: 'Add',
    targetType: 'Role',
    targetName: 'Security Administrator',
  },
  inviteGuest: {
    service: 'Invited Users',
    idPrefix: 'B2BInvite',
    category: 'UserManagement',
    activity: 'Invite external user',
    operation: 'Add',
    targetType: 'User',
  },
} satisfies Record<string, OtherSpec>;

/** Kinds of records from services other than Authentication Methods. */
export type OtherServiceKind = keyof typeof OTHER;
/** Every kind, for callers that draw one at random. */
export const OTHER_SERVICE_KINDS = Object.keys(OTHER) as OtherServiceKind[];

export interface OtherServiceOptions extends RecordBase {
  initiator: SimInitiator;
  /** The user concerned (the member added, the user updated); also named when the target is not a user. */
  target: SimUser;
  /** Defaults to one drawn from `rng`. */
  kind?: OtherServiceKind;
}

/** A record from Core Directory, SSPR, PIM, Conditional Access and the like: volume, never a finding. */
export function otherService(options: OtherServiceOptions): DirectoryAuditRecord {
  const kind = options.kind ?? options.rng.pick(OTHER_SERVICE_KINDS);
  const spec: OtherSpec = OTHER[kind];
  const props = spec.property
    ? [{ displayName: spec.property[0], oldValue: null, newValue: encoded(spec.property[1]) }]
    : [];
  const targets: TargetResource[] =
    spec.targetType === 'User'
      ? [userTarget(options.target, props)]
      : [
          {
            id: options.rng.uuid(),
            displayName: spec.targetName ?? null,
            type: spec.targetType,
            userPrincipalName: null,
            groupType: spec.targetType === 'Group' ? 'unifiedGroups' : null,
            modifiedProperties: props,
          },
          userTarget(options.target),
        ];
  return assemble(options, {
    idPrefix: spec.idPrefix,
    category: spec.category,
    result: 'success',
    resultReason: '',
    activityDisplayName: spec.activity,
    loggedByService: spec.service,
    operationType: spec.operation,
    initiatedBy: initiatedBy(options.initiator),
    targetResources: targets,
  });
}
