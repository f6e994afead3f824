/**
 * Role data as Microsoft Graph returns it (DESIGN §4). The Graph loader and the snapshot-file
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

export interface GroupMember {
  '@odata.type'?: string;
  id: string;
  userPrincipalName?: string | null;
  displayName?: string | null;
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
}

/** A whole tenant: role data plus its audit log. What the simulator serves and `demo --tenant` reads. */
export interface TenantSnapshot extends DirectorySnapshot {
  tenantId?: string;
  directoryAudits: unknown[];
  /** Beta `signIn` objects, served at `/beta/auditLogs/signIns` (DESIGN §5b); optional. */
  signIns?: unknown[];
  /**
   * The tenant's Entra ID licence as the simulator models it; sign-in logs need P1 (default p2). Read as
   * `free` only when spelled so: any other value keeps sign-ins available.
   */
  licence?: 'free' | 'p1' | 'p2';
}
