/**
 * Role data as Microsoft Graph returns it (docs/architecture.md). The Graph loader and the snapshot-file
 * loader both produce this shape; `buildDirectory()` turns it into the model rules query.
 */
export interface RoleDefinition {
  id: string;
  templateId?: string | null;
  displayName: string;
  isBuiltIn?: boolean;
}

export interface RoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  /** `/` tenant-wide, `/administrativeUnits/{id}` for an AU; absent means tenant-wide. */
  directoryScopeId?: string | null;
}

export interface RoleEligibilityInstance extends RoleAssignment {
  startDateTime?: string | null;
  endDateTime?: string | null;
}

/**
 * A direct member of a group: a user or a service principal (`@odata.type`
 * `#microsoft.graph.servicePrincipal`, with `appId`). Without a permission to read the member's type,
 * Graph returns only `@odata.type` and `id`.
 */
export interface GroupMember {
  '@odata.type'?: string;
  id: string;
  userPrincipalName?: string | null;
  displayName?: string | null;
  /** Service principals only: the application (client) id audit records name apps by. */
  appId?: string | null;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  isAssignableToRole?: boolean | null;
  members?: GroupMember[];
}

export interface DirectoryUser {
  id: string;
  userPrincipalName?: string | null;
  displayName?: string | null;
}

export interface DirectorySnapshot {
  roleDefinitions: RoleDefinition[];
  roleAssignments: RoleAssignment[];
  roleEligibilityScheduleInstances: RoleEligibilityInstance[];
  groups: DirectoryGroup[];
  users: DirectoryUser[];
  /** False when eligibility could not be read (tenant without P2, or 403): only active roles are known. */
  eligibilityAvailable?: boolean;
  /** Why eligibility could not be read, in one line (e.g. the licence gap); set with `eligibilityAvailable: false`. */
  eligibilityUnavailableReason?: string;
}

/** Entra ID licence tier of a simulated tenant; decides what licence-dependent calls answer. */
export type TenantLicence = 'free' | 'p1' | 'p2';

/** A whole tenant: role data plus its audit log. What the simulator serves and `demo --tenant` reads. */
export interface TenantSnapshot extends DirectorySnapshot {
  tenantId?: string;
  /** The tenant's licence (default `p2`): the simulator answers licence-dependent calls accordingly. */
  licence?: TenantLicence;
  directoryAudits: unknown[];
  /**
   * Application permissions a simulated tenant grants the caller (what its token's `roles` claim lists);
   * absent means every permission. Requests that need a missing one get Graph's 403.
   */
  grantedPermissions?: string[];
  /** Sign-in records (beta `signIn` objects) a simulated tenant serves. */
  signIns?: unknown[];
}
