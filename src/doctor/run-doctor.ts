import type { TokenCredential } from '@azure/identity';
import type { Config } from '../config';
import { createAzureCredential } from '../credential';
import { createGraphClient, graphTokenScope } from '../graph/graph-client';
import { createGraphHttp } from '../graph/graph-http';
import { GRAPH_PERMISSIONS as REQUIRED_GRAPH_PERMISSIONS } from '../graph/graph-permissions';
import { realSleep, type Sleep, ThrottleBudget } from '../graph/throttle-budget';
import { checkChannels } from './channel-checks';
import { type CheckResult, doctorExitCode, result } from './check';
import { askGraph, PERMISSION_PROBES, permissionCheck } from './graph-checks';
import { checkAppRoles, checkIdentity } from './identity-check';
import { licenceCheck } from './licence-check';
import { checkTables } from './table-check';

export interface DoctorOptions {
  /** Post a test alert to each channel; without it nothing is sent anywhere. */
  sendTestAlert: boolean;
  /** The credential to check; default the one the function uses (`createAzureCredential(config)`). */
  credential?: TokenCredential;
  /** Extra CA (PEM) for Graph: the local simulator's certificate. */
  graphCa?: string;
  now?: () => Date;
  sleep?: Sleep;
}

/** Every line, in order, and the exit code they add up to. */
export interface DoctorReport {
  tenantId: string;
  checks: CheckResult[];
  exitCode: 0 | 1;
}

/**
 * Checks a deployment's configuration against the real services, in the order a newcomer would fix
 * things: the identity and its token, each Graph permission the cycle needs (one request each), the
 * licence tier those answers reveal, Table storage, and each alert channel. Nothing here changes state
 * except a probe row (deleted again) and, with `sendTestAlert`, one labelled test alert per channel.
 */
export async function runDoctor(config: Config, options: DoctorOptions): Promise<DoctorReport> {
  const now = options.now ?? (() => new Date());
  const credential = options.credential ?? createAzureCredential(config);
  const checks: CheckResult[] = [];
  const required = REQUIRED_GRAPH_PERMISSIONS.map((p) => p.name);
  const identity = await checkIdentity(config, credential, graphTokenScope(config.graphBaseUrl));
  checks.push(identity.check);
  checks.push(
    identity.gotToken
      ? checkAppRoles(identity.identity, required)
      : result('app-roles', 'app roles', 'skipped', 'no token'),
  );
  checks.push(...(await graphChecks(config, options, credential, identity, now())));
  checks.push(await checkTables(config, () => credential));
  checks.push(...(await checkChannels(config, options.sendTestAlert, now())));
  return { tenantId: config.tenantId, checks, exitCode: doctorExitCode(checks) };
}

async function graphChecks(
  config: Config,
  options: DoctorOptions,
  credential: TokenCredential,
  identity: Awaited<ReturnType<typeof checkIdentity>>,
  now: Date,
): Promise<CheckResult[]> {
  const probes = PERMISSION_PROBES.filter((p) =>
    REQUIRED_GRAPH_PERMISSIONS.some((r) => r.name === p.permission),
  );
  if (!identity.gotToken) {
    return [
      ...probes.map((p) => result(`graph:${p.permission}`, p.permission, 'skipped', 'no token')),
      result('licence', 'licence', 'skipped', 'no token'),
    ];
  }
  const client = createGraphClient({
    baseUrl: config.graphBaseUrl,
    credential,
    ...(options.graphCa ? { ca: options.graphCa } : {}),
  });
  try {
    const http = createGraphHttp({
      client,
      budget: new ThrottleBudget(config.graphThrottleBudgetMs, options.sleep ?? realSleep),
    });
    const answers = await askGraph(http, probes, client.baseUrl, now);
    const lines = answers.probes.map(({ probe, answer }) =>
      permissionCheck(probe, answer, identity.identity),
    );
    const eligibility = answers.probes.find(
      ({ probe }) => probe.permission === 'RoleEligibilitySchedule.Read.Directory',
    )?.answer;
    lines.push(licenceCheck(eligibility, answers.signIns, config));
    return lines;
  } finally {
    await client.close();
  }
}
