import data from './graph-permissions.json';

/** One Graph request that needs a permission, with the Microsoft page whose permissions table says so. */
export interface GraphPermissionCall {
  /** Method and path, e.g. `GET /v1.0/auditLogs/directoryAudits`. */
  request: string;
  purpose: string;
  doc: string;
}

/** One Microsoft Graph application permission (app role) tapwatch's identity is granted. */
export interface GraphPermission {
  /** The app role value, e.g. `AuditLog.Read.All`. */
  name: string;
  /** The app role id on Microsoft Graph's service principal (the same in every tenant). */
  appRoleId: string;
  calls: readonly GraphPermissionCall[];
  note: string;
}

/** Microsoft Graph's application id, the resource the app roles belong to. */
export const GRAPH_RESOURCE_APP_ID: string = data.resourceAppId;

/**
 * Every Graph application permission tapwatch needs, least privilege, from `graph-permissions.json`: the
 * same list the Bicep grants and `scripts/grant-graph-permissions.sh` grants, so a check (tapwatch doctor)
 * can compare what an identity holds with what the deployment meant to give it.
 */
export const GRAPH_PERMISSIONS: readonly GraphPermission[] = data.permissions;
