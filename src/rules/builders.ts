import type { TapDetails, TapEvent, TapInitiator } from '../audit/tap-event';
import type {
  DirectoryGroup,
  DirectorySnapshot,
  DirectoryUser,
  RoleAssignment,
  RoleDefinition,
  RoleEligibilityInstance,
} from '../directory/snapshot';
import type { RulesConfig } from './types';

/**
 * Small builders for rule cases and tests: each returns a complete, realistic object from the
 * few fields a case cares about, so a case reads as the situation it describes.
 */

/** The clock cases are judged at. */
export const NOW = new Date('2026-11-20T12:00:00Z');

/** Fixed object ids, so cases can refer to the same people across event and directory. */
export const ID = {
  admin: 'a0000000-0000-4000-8000-000000000001',
  helpdesk: 'a0000000-0000-4000-8000-000000000002',
  user: 'b0000000-0000-4000-8000-000000000001',
  otherUser: 'b0000000-0000-4000-8000-000000000002',
  syncAccount: 'c0000000-0000-4000-8000-000000000001',
  tier0Group: 'd0000000-0000-4000-8000-000000000001',
  adminUnit: 'e0000000-0000-4000-8000-000000000001',
  lifecycleApp: 'f0000000-0000-4000-8000-000000000001',
  unknownApp: 'f0000000-0000-4000-8000-000000000002',
} as const;

/** Settings as `loadConfig` defaults them. */
export const DEFAULT_RULES_CONFIG: RulesConfig = {
  privilegedRoleIds: [],
  syncAccountPatterns: [],
  allowedTapAppIds: [],
  maxTapLifetimeMinutes: 480,
  bulkTapThreshold: 5,
  bulkTapWindowMinutes: 60,
};

export interface TapEventPatch extends Partial<Omit<TapEvent, 'target' | 'initiator' | 'tap'>> {
  target?: Partial<TapEvent['target']>;
  initiator?: TapInitiator;
  tap?: TapDetails;
}

/** An admin-issued, one-hour TAP for `user@contoso.com`, issued by `admin@contoso.com`. */
export function tapEvent(patch: TapEventPatch = {}): TapEvent {
  const { target, initiator, tap, ...rest } = patch;
  return {
    auditId: 'Authentication Methods_0d1c5c0e-4c2f-4a59-9c1e-7f0e2d3b4a11_1ZG16_116958925',
    correlationId: '0d1c5c0e-4c2f-4a59-9c1e-7f0e2d3b4a11',
    activityDateTime: '2026-11-20T10:03:43.009Z',
    source: 'graph',
    activity: 'Admin registered security info',
    resultReason: 'Admin registered temporary access pass method for user',
    ...rest,
    target: { id: ID.user, userPrincipalName: 'user@contoso.com', displayName: 'Plain User', ...target },
    initiator: initiator ?? userInitiator(ID.admin, 'admin@contoso.com'),
    tap: tap ?? {
      id: '3d38627e-f962-4166-8f96-ea05e09c6309',
      startDateTime: '2026-11-20T10:03:42Z',
      endDateTime: '2026-11-20T11:03:42Z',
      lifetimeMinutes: 60,
      usage: 'OneTime',
    },
  };
}

export function userInitiator(id: string, userPrincipalName: string): TapInitiator {
  return {
    type: 'user',
    id,
    userPrincipalName,
    displayName: userPrincipalName.split('@')[0] ?? '',
    ipAddress: '203.0.113.7',
  };
}

export function appInitiator(appId: string, displayName = 'Onboarding Automation'): TapInitiator {
  return { type: 'app', appId, displayName, servicePrincipalId: '5e000000-0000-4000-8000-000000000001' };
}

/** Role data with every list empty unless given. */
export function snapshot(patch: Partial<DirectorySnapshot> = {}): DirectorySnapshot {
  return {
    roleDefinitions: [],
    roleAssignments: [],
    roleEligibilityScheduleInstances: [],
    groups: [],
    users: [],
    ...patch,
  };
}

/** Record ids derived from their content: unique enough for cases, and no counter to keep. */
const recordId = (...parts: string[]) => parts.join('_');

/** An active assignment; `roleDefinitionId` is the template id for built-in roles. */
export function assignment(
  principalId: string,
  roleDefinitionId: string,
  directoryScopeId = '/',
): RoleAssignment {
  return {
    id: recordId('assignment', principalId, roleDefinitionId, directoryScopeId),
    principalId,
    roleDefinitionId,
    directoryScopeId,
  };
}

/** A PIM eligibility; open-ended unless a window is given. */
export function eligibility(
  principalId: string,
  roleDefinitionId: string,
  window: { startDateTime?: string; endDateTime?: string } = {},
  directoryScopeId = '/',
): RoleEligibilityInstance {
  return {
    id: recordId('eligibility', principalId, roleDefinitionId, directoryScopeId),
    principalId,
    roleDefinitionId,
    directoryScopeId,
    startDateTime: window.startDateTime ?? '2026-01-01T00:00:00Z',
    endDateTime: window.endDateTime ?? null,
  };
}

/** A role-assignable group with the given user members. */
export function roleGroup(id: string, displayName: string, members: DirectoryUser[]): DirectoryGroup {
  return {
    id,
    displayName,
    isAssignableToRole: true,
    members: members.map((m) => ({
      '@odata.type': '#microsoft.graph.user',
      id: m.id,
      userPrincipalName: m.userPrincipalName ?? null,
    })),
  };
}

export function user(id: string, userPrincipalName: string, displayName?: string): DirectoryUser {
  return { id, userPrincipalName, displayName: displayName ?? userPrincipalName.split('@')[0] ?? null };
}

/** A tenant-defined role; its assignments name the definition id. */
export function customRole(id: string, displayName: string): RoleDefinition {
  return { id, templateId: id, displayName, isBuiltIn: false };
}
