import { SELECTED_AUDIT_ACTIVITIES } from '../audit/audit-activities';
import { DIRECTORY_PATHS, GROUP_MEMBERS_VERSION } from '../directory/graph-loader';
import { auditQueryPath } from './audit-query';
import { GraphServiceError } from './graph-errors';
import type { GraphHttp } from './graph-http';
import { graphPages } from './graph-pages';
import { withQuery } from './graph-paths';
import { type LicenceGap, licenceGapFrom } from './licence';

/**
 * One minimal Graph request per permission the cycle needs, each the same call the cycle makes (so a
 * pass here means the cycle's request passes too). Built for `tapwatch doctor`; the cycle itself
 * never probes. Permissions as Microsoft's permission tables list them for each call.
 */

/** What one probe found. */
export type ProbeOutcome =
  /** The call answered. */
  | { status: 'ok' }
  /** The call answered 401/403: the permission (or, for eligibility, possibly the licence) is missing. */
  | { status: 'denied'; httpStatus: number; code: string }
  /** The tenant's licence does not serve the call; tapwatch degrades without it. */
  | { status: 'unlicensed'; gap: LicenceGap }
  /** Nothing to probe (e.g. no group holds a role, so no members are read). */
  | { status: 'not-needed'; reason: string };

export interface PermissionProbe {
  /** Application permissions the call needs, as the permission table lists them. */
  permissions: readonly string[];
  /** The request, for people: `GET /auditLogs/directoryAudits`. */
  call: string;
  run(http: GraphHttp, now: Date): Promise<ProbeOutcome>;
}

/** A 401/403 is an answer about the permission; anything else (5xx, network, throttling) is rethrown. */
async function answered(request: () => Promise<unknown>): Promise<ProbeOutcome> {
  try {
    await request();
    return { status: 'ok' };
  } catch (error) {
    if (error instanceof GraphServiceError && (error.status === 401 || error.status === 403)) {
      return { status: 'denied', httpStatus: error.status, code: error.graphCode ?? 'Forbidden' };
    }
    throw error;
  }
}

const ONE = { $top: 1 } as const;

export const PERMISSION_PROBES: readonly PermissionProbe[] = [
  {
    // https://learn.microsoft.com/en-us/graph/api/directoryaudit-list (application: both permissions)
    permissions: ['AuditLog.Read.All', 'Directory.Read.All'],
    call: 'GET /auditLogs/directoryAudits',
    run: (http, now) =>
      answered(() =>
        http.get(
          auditQueryPath(
            { from: new Date(now.getTime() - 3_600_000), to: now },
            1,
            SELECTED_AUDIT_ACTIVITIES[0] ?? 'Admin registered security info',
          ),
        ),
      ),
  },
  {
    // https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments
    permissions: ['RoleManagement.Read.Directory'],
    call: 'GET /roleManagement/directory/roleAssignments',
    run: (http) =>
      answered(() =>
        http.get(withQuery('/roleManagement/directory/roleAssignments', { $select: 'id', ...ONE })),
      ),
  },
  {
    // https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleeligibilityscheduleinstances
    permissions: ['RoleEligibilitySchedule.Read.Directory'],
    call: 'GET /roleManagement/directory/roleEligibilityScheduleInstances',
    async run(http) {
      try {
        await http.get(
          withQuery('/roleManagement/directory/roleEligibilityScheduleInstances', { $select: 'id', ...ONE }),
        );
        return { status: 'ok' };
      } catch (error) {
        const gap = licenceGapFrom(error, 'eligibility');
        if (!gap) throw error;
        // A named licence code proves the licence; a bare 403 may be either cause.
        return gap.status === 403 && gap.code !== 'AadPremiumLicenseRequired'
          ? { status: 'denied', httpStatus: 403, code: gap.code }
          : { status: 'unlicensed', gap };
      }
    },
  },
  {
    // https://learn.microsoft.com/en-us/graph/api/group-list-members?view=graph-rest-beta
    // GroupMember.Read.All is the least for the call, but returns other object types without names;
    // Directory.Read.All (granted for the audit logs) returns users and service principals whole.
    permissions: ['Directory.Read.All'],
    call: 'GET /groups/{id}/members (beta)',
    async run(http) {
      const group = await firstRoleHoldingGroup(http);
      if (!group) return { status: 'not-needed', reason: 'no group holds a directory role' };
      const members = new URL(DIRECTORY_PATHS.members(group), 'https://graph.invalid');
      members.searchParams.set('$top', '1');
      return answered(() => http.get(`${members.pathname}${members.search}`, GROUP_MEMBERS_VERSION));
    },
  },
];

/** A group that holds a role, found the way the cycle finds them: an expanded assignment principal. */
async function firstRoleHoldingGroup(http: GraphHttp): Promise<string | undefined> {
  for await (const page of graphPages(http, DIRECTORY_PATHS.roleAssignments)) {
    for (const item of page) {
      const principal = (item as { principal?: { '@odata.type'?: unknown; id?: unknown } }).principal;
      if (principal?.['@odata.type'] === '#microsoft.graph.group' && typeof principal.id === 'string')
        return principal.id;
    }
  }
  return undefined;
}

/** Runs every probe in order; one outcome per probe. */
export async function probePermissions(
  http: GraphHttp,
  now: Date,
): Promise<Array<{ probe: PermissionProbe; outcome: ProbeOutcome }>> {
  const results: Array<{ probe: PermissionProbe; outcome: ProbeOutcome }> = [];
  for (const probe of PERMISSION_PROBES) results.push({ probe, outcome: await probe.run(http, now) });
  return results;
}
