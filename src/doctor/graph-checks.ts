import { SELECTED_AUDIT_ACTIVITIES } from '../audit/audit-activities';
import { DIRECTORY_PATHS } from '../directory/graph-loader';
import { auditQueryPath } from '../graph/audit-query';
import type { GraphHttp } from '../graph/graph-http';
import { SIGN_INS_PATH, SIGN_INS_VERSION } from '../graph/signins-query';
import { type CheckResult, result } from './check';
import { grantFix } from './grant-fix';
import { answerText, hasCode, LICENCE_CODES, type ProbeAnswer, probe } from './graph-probe';
import type { TokenIdentity } from './token-claims';

/** The request that proves one permission: the cycle's own request where it has one, first page only. */
export interface PermissionProbe {
  permission: string;
  /** Shown in the line. */
  label: string;
  path(now: Date): string;
  /**
   * Permissions Microsoft's table requires together for this request (directoryAudits lists
   * AuditLog.Read.All *and* Directory.Read.All); a 403 names whichever of them the token lacks.
   */
  together?: readonly string[];
}

/**
 * One probe per permission. Directory.Read.All is probed with `GET /users`: among tapwatch's permissions only
 * it allows that call, and it is what lets group members come back with their names (with only
 * GroupMember.Read.All, which older deployments hold instead, they come back as bare ids).
 */
export const PERMISSION_PROBES: readonly PermissionProbe[] = [
  {
    permission: 'AuditLog.Read.All',
    label: "GET /auditLogs/directoryAudits (the cycle's filter, last hour, $top=1)",
    path: (now) =>
      auditQueryPath(
        { from: new Date(now.getTime() - 3_600_000), to: now },
        1,
        SELECTED_AUDIT_ACTIVITIES[0] ?? 'Admin registered security info',
      ),
    together: ['AuditLog.Read.All', 'Directory.Read.All'],
  },
  {
    permission: 'Directory.Read.All',
    label: 'GET /users ($top=1, names as group members need them)',
    path: () => '/users?$top=1&$select=id,userPrincipalName,displayName',
  },
  {
    permission: 'RoleManagement.Read.Directory',
    label: "GET /roleManagement/directory/roleAssignments (the cycle's request, first page)",
    path: () => DIRECTORY_PATHS.roleAssignments,
  },
  {
    permission: 'RoleEligibilitySchedule.Read.Directory',
    label: "GET /roleManagement/directory/roleEligibilityScheduleInstances (the cycle's request, first page)",
    path: () => DIRECTORY_PATHS.roleEligibility,
  },
];

/** Beta sign-ins, asked only for what the answer says about the licence (P1). */
export function signInsProbeUrl(graphBaseUrl: string): string {
  return `${graphBaseUrl}/${SIGN_INS_VERSION}${SIGN_INS_PATH}?$top=1`;
}

/** Answers of the permission probes (in probe order), plus the sign-in probe. */
export interface GraphAnswers {
  probes: Array<{ probe: PermissionProbe; answer: ProbeAnswer }>;
  signIns: ProbeAnswer;
}

/** Runs each probe once, one after the other (the reporting APIs allow 5 requests per 10 s per app). */
export async function askGraph(
  http: GraphHttp,
  probes: readonly PermissionProbe[],
  graphBaseUrl: string,
  now: Date,
): Promise<GraphAnswers> {
  const answered: GraphAnswers['probes'] = [];
  for (const p of probes) answered.push({ probe: p, answer: await probe(http, p.path(now)) });
  return { probes: answered, signIns: await probe(http, signInsProbeUrl(graphBaseUrl)) };
}

/** The line of one permission from its probe's answer. */
export function permissionCheck(
  p: PermissionProbe,
  answer: ProbeAnswer,
  identity: TokenIdentity | undefined,
): CheckResult {
  const id = `graph:${p.permission}`;
  const head = `${p.label}: ${answerText(answer)}`;
  if (answer.ok) return result(id, p.permission, 'pass', head);
  if (hasCode(answer, LICENCE_CODES.noP2) || hasCode(answer, LICENCE_CODES.noP1)) {
    return result(
      id,
      p.permission,
      'pass',
      `${head}, a licence answer rather than a permission refusal (see licence)`,
    );
  }
  if (answer.status === 403) {
    const refused = answer.code?.toLowerCase() === 'authorization_requestdenied';
    if (!refused && p.permission === 'RoleEligibilitySchedule.Read.Directory') {
      // Older reports have tenants without P2 answer a bare 403 here: it proves neither reading.
      return result(
        id,
        p.permission,
        'degraded',
        `${head}: either the tenant has no Entra ID P2 (older answer) or the permission is missing; the app roles line tells which`,
        grantFix([p.permission], identity),
      );
    }
    const lacking = missingAmong(p.together ?? [p.permission], identity);
    return result(
      id,
      p.permission,
      'fail',
      `${head}: the identity lacks ${lacking.join(' and ')}`,
      grantFix(lacking, identity),
    );
  }
  if (answer.status === 401) {
    return result(
      id,
      p.permission,
      'fail',
      `${head}: Graph refused the token`,
      'the token does not fit this endpoint: check GRAPH_BASE_URL (national clouds have their own) and TENANT_ID',
    );
  }
  if (answer.status === 0 || answer.status === 429 || answer.status >= 500) {
    return result(
      id,
      p.permission,
      'fail',
      `could not be checked: ${answer.message}`,
      'Graph did not answer in time: check outbound HTTPS to the GRAPH_BASE_URL host, then run doctor again',
    );
  }
  return result(
    id,
    p.permission,
    'fail',
    `${head}: ${answer.message}`,
    'Graph refused a request tapwatch makes every cycle: report this line to the tapwatch maintainers',
  );
}

/** Which of `names` the token lacks; all of them when its roles are unknown. */
function missingAmong(names: readonly string[], identity: TokenIdentity | undefined): string[] {
  if (identity?.kind !== 'app' || !identity.roles) return [...names];
  const missing = names.filter((name) => !identity.roles?.includes(name));
  return missing.length > 0 ? missing : [...names];
}
