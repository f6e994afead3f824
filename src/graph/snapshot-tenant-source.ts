import { SELECTED_AUDIT_ACTIVITIES } from '../audit/audit-activities';
import type { DirectorySnapshot, TenantSnapshot } from '../directory/snapshot';
import { type LatencyModel, publishDelayMs, withoutAnnotations } from '../sim/publishing';
import { SignInsUnavailableError } from './signins-query';
import type { AuditWindow, DirectoryLoad, GraphStats, TenantSource } from './tenant-source';

const AUDITS = '/auditLogs/directoryAudits';
const DIRECTORY = '/roleManagement/directory';

/**
 * The in-memory twin of the Graph source: serves a tenant snapshot with the same server-side filter
 * (one query per selected activity, activity time in the window) and paging, and counts "requests" the
 * same way.
 * For fast unit tests of the cycle; the real client is tested against the HTTPS simulator.
 */
export function createSnapshotTenantSource(
  tenant: TenantSnapshot,
  options: {
    pageSize?: number;
    eligibilityAvailable?: boolean;
    /** Hides records not yet published at this time, as the simulator does (src/sim/publishing.ts). */
    clock?: () => Date;
    latency?: LatencyModel;
  } = {},
): TenantSource {
  const pageSize = options.pageSize ?? 1000;
  const stats: GraphStats = {
    requests: 0,
    requestsByPath: {},
    throttleWaits: 0,
    throttleWaitMs: 0,
    pages: 0,
  };
  const count = (path: string) => {
    stats.requests += 1;
    stats.requestsByPath[path] = (stats.requestsByPath[path] ?? 0) + 1;
  };
  return {
    async *auditPages(window: AuditWindow) {
      const now = options.clock?.().getTime() ?? Number.POSITIVE_INFINITY;
      for (const activity of SELECTED_AUDIT_ACTIVITIES) {
        const matching = tenant.directoryAudits
          .filter((record) => selected(record, activity, window) && published(record, now, options.latency))
          .map(withoutAnnotations);
        for (let offset = 0; offset === 0 || offset < matching.length; offset += pageSize) {
          count(AUDITS);
          stats.pages += 1;
          yield matching.slice(offset, offset + pageSize);
        }
      }
    },
    async loadDirectory(): Promise<DirectoryLoad> {
      for (const path of ['roleDefinitions', 'roleAssignments', 'roleEligibilityScheduleInstances']) {
        count(`${DIRECTORY}/${path}`);
      }
      const eligible = options.eligibilityAvailable ?? true;
      const snapshot: DirectorySnapshot = {
        roleDefinitions: tenant.roleDefinitions,
        roleAssignments: tenant.roleAssignments,
        roleEligibilityScheduleInstances: eligible ? tenant.roleEligibilityScheduleInstances : [],
        groups: tenant.groups,
        users: tenant.users,
        eligibilityAvailable: eligible,
      };
      return { snapshot, warnings: eligible ? [] : ['eligibility unavailable: active roles only'] };
    },
    async signIns(userId, window) {
      count('/auditLogs/signIns');
      if (tenant.licence === 'free') {
        throw new SignInsUnavailableError(
          'GET /auditLogs/signIns failed with 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant',
          403,
          'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
          "Neither tenant is B2C or tenant doesn't have premium license",
        );
      }
      const matching = (tenant.signIns ?? []).filter((record) => {
        const r = (typeof record === 'object' && record !== null ? record : {}) as {
          userId?: unknown;
          createdDateTime?: unknown;
        };
        const at = Date.parse(String(r.createdDateTime));
        return (
          String(r.userId).toLowerCase() === userId.toLowerCase() &&
          at >= Math.floor(window.from.getTime() / 1000) * 1000 &&
          at <= Math.ceil(window.to.getTime() / 1000) * 1000
        );
      });
      stats.pages += 1;
      return { records: matching.slice(0, 1000), truncated: matching.length > 1000 };
    },
    stats: () => structuredClone(stats),
  };
}

function selected(record: unknown, activity: string, window: AuditWindow): boolean {
  if (typeof record !== 'object' || record === null) return activity === SELECTED_AUDIT_ACTIVITIES[0];
  const r = record as { activityDisplayName?: unknown; activityDateTime?: unknown };
  if (r.activityDisplayName !== activity) return false;
  const at = typeof r.activityDateTime === 'string' ? Date.parse(r.activityDateTime) : Number.NaN;
  return at >= window.from.getTime() && at <= window.to.getTime();
}

function published(record: unknown, now: number, latency: LatencyModel | undefined): boolean {
  if (now === Number.POSITIVE_INFINITY) return true;
  const at = Date.parse(String((record as { activityDateTime?: unknown } | null)?.activityDateTime));
  return Number.isNaN(at) || at + publishDelayMs(record, latency) <= now;
}
