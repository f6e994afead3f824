import { endpointSecrets, parseWebhookSecret } from './alerts/webhook-secret';
import { endpointUrl, secretUrl, urlIdentity } from './config-urls';
import { ConfigError, type ConfigProblem } from './errors';
import { isGuid } from './guid';
import { ncrontabProblem } from './ncrontab';
import { parseRereadTiers, type RereadTier } from './reread-tiers';
import { SETTINGS } from './settings';
import { isSeverity, type Severity } from './severity';
import { tablePrefixProblem } from './store/table-names';

export { SETTINGS, type SettingSpec } from './settings';

/** Every setting tapwatch reads, validated once by `loadConfig(env)`. */
export interface Config {
  tenantId: string;
  pollSchedule: string;
  cleanupSchedule: string;
  lookbackHours: number;
  /** Each cycle starts reading this long before the last successful window end (records a little late). */
  windowOverlapMinutes: number;
  /** Re-reads for records published later than the overlap catches (REREAD_TIERS). */
  rereadTiers: RereadTier[];
  auditRetentionDays: number;
  graphBaseUrl: string;
  graphPageSize: number;
  /** Total time a cycle may spend waiting on Graph throttling before it fails cleanly. */
  graphThrottleBudgetMs: number;
  managedIdentityClientId?: string;
  privilegedRoleIds: string[];
  syncAccountPatterns: string[];
  allowedTapAppIds: string[];
  maxTapLifetimeMinutes: number;
  /** Distinct targets of one initiator within `bulkTapWindowMinutes` that make a burst (`tap-bulk-issuance`). */
  bulkTapThreshold: number;
  bulkTapWindowMinutes: number;
  alertMinSeverity: Severity;
  dedupWindowHours: number;
  retentionDays: number;
  /** Age of the last successful cycle above which the health endpoint reports stale. */
  healthMaxAgeMinutes: number;
  teamsWorkflowUrl?: string;
  webhookUrls: string[];
  webhookSecret?: string;
  /** The signing secret of each `webhookUrls` entry, same order: its own from WEBHOOK_SECRETS, else WEBHOOK_SECRET. */
  webhookSecrets: string[];
  alertTimeoutMs: number;
  alertMaxPerCycle: number;
  alertMaxAttempts: number;
  tablesEndpoint?: string;
  storageConnectionString?: string;
  tablePrefix: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Azure Identity's own variables that make AZURE_CLIENT_ID a service principal rather than a managed identity. */
const SERVICE_PRINCIPAL_VARIABLES = [
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
];
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/**
 * Reads and validates every setting once. Every bad setting is reported together in one `ConfigError`
 * (one line per variable, naming it and the expected form, never a secret's value), so a deployment is
 * fixed in one pass rather than one error per restart.
 */
export function loadConfig(env: Env): Config {
  const problems: ConfigProblem[] = [];
  const collect = (error: unknown): void => {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  };
  /** The value of `run()`, or `fallback` with its problem recorded. */
  const check = <T>(run: () => T, fallback: T): T => {
    try {
      return run();
    } catch (error) {
      collect(error);
      return fallback;
    }
  };
  let config: Config | undefined;
  try {
    config = readConfig(env, check);
  } catch (error) {
    collect(error);
  }
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  return config;
}

type Check = <T>(run: () => T, fallback: T) => T;

function readConfig(env: Env, check: Check): Config {
  const read = (name: string): string => {
    const spec = SETTINGS.find((s) => s.name === name);
    return (env[name] ?? '').trim() || spec?.default || '';
  };
  const config: Config = {
    tenantId: check(
      () => required(read('TENANT_ID'), 'TENANT_ID', 'the Entra tenant id (a GUID)', guidOr),
      '',
    ),
    pollSchedule: check(() => ncrontab(read('POLL_SCHEDULE'), 'POLL_SCHEDULE'), ''),
    cleanupSchedule: check(() => ncrontab(read('CLEANUP_SCHEDULE'), 'CLEANUP_SCHEDULE'), ''),
    lookbackHours: check(() => int(read('LOOKBACK_HOURS'), 'LOOKBACK_HOURS', 1, 24 * 30), 24),
    windowOverlapMinutes: check(
      () => int(read('WINDOW_OVERLAP_MINUTES'), 'WINDOW_OVERLAP_MINUTES', 0, 120),
      4,
    ),
    rereadTiers: [],
    auditRetentionDays: check(() => int(read('AUDIT_RETENTION_DAYS'), 'AUDIT_RETENTION_DAYS', 1, 30), 30),
    graphBaseUrl: check(
      () =>
        endpointUrl(read('GRAPH_BASE_URL'), 'GRAPH_BASE_URL', {
          httpsOnly: true,
          rootOnly:
            'expected the Graph root, like https://graph.microsoft.com, with no path (not /v1.0 or /beta: the version is added per request)',
        }),
      '',
    ),
    graphPageSize: check(() => int(read('GRAPH_PAGE_SIZE'), 'GRAPH_PAGE_SIZE', 1, 1000), 999),
    graphThrottleBudgetMs: check(
      () => int(read('GRAPH_THROTTLE_BUDGET_SECONDS'), 'GRAPH_THROTTLE_BUDGET_SECONDS', 0, 3600) * 1000,
      0,
    ),
    privilegedRoleIds: check(() => guidList(read('PRIVILEGED_ROLE_IDS'), 'PRIVILEGED_ROLE_IDS'), []),
    syncAccountPatterns: list(read('SYNC_ACCOUNT_PATTERNS')),
    allowedTapAppIds: check(() => guidList(read('ALLOWED_TAP_APP_IDS'), 'ALLOWED_TAP_APP_IDS'), []),
    maxTapLifetimeMinutes: check(
      () => int(read('MAX_TAP_LIFETIME_MINUTES'), 'MAX_TAP_LIFETIME_MINUTES', 1, 60 * 24 * 30),
      480,
    ),
    bulkTapThreshold: check(() => int(read('BULK_TAP_THRESHOLD'), 'BULK_TAP_THRESHOLD', 2, 10_000), 5),
    bulkTapWindowMinutes: check(
      () => int(read('BULK_TAP_WINDOW_MINUTES'), 'BULK_TAP_WINDOW_MINUTES', 1, 60 * 24 * 30),
      60,
    ),
    alertMinSeverity: check(() => severity(read('ALERT_MIN_SEVERITY'), 'ALERT_MIN_SEVERITY'), 'medium'),
    dedupWindowHours: check(() => int(read('DEDUP_WINDOW_HOURS'), 'DEDUP_WINDOW_HOURS', 0, 24 * 30), 0),
    retentionDays: check(() => int(read('RETENTION_DAYS'), 'RETENTION_DAYS', 1, 3650), 3650),
    healthMaxAgeMinutes: check(
      () => int(read('HEALTH_MAX_AGE_MINUTES'), 'HEALTH_MAX_AGE_MINUTES', 5, 60 * 24 * 30),
      20,
    ),
    webhookUrls: check(() => webhookUrls(read('WEBHOOK_URLS'), check), []),
    webhookSecrets: [],
    alertTimeoutMs: check(() => int(read('ALERT_TIMEOUT_MS'), 'ALERT_TIMEOUT_MS', 100, 120_000), 10_000),
    alertMaxPerCycle: check(() => int(read('ALERT_MAX_PER_CYCLE'), 'ALERT_MAX_PER_CYCLE', 1, 10_000), 50),
    alertMaxAttempts: check(() => int(read('ALERT_MAX_ATTEMPTS'), 'ALERT_MAX_ATTEMPTS', 1, 10), 4),
    tablePrefix: check(() => tablePrefix(read('TABLE_PREFIX')), ''),
    logLevel: check(() => logLevel(read('LOG_LEVEL')), 'info'),
  };
  config.rereadTiers = check(() => parseRereadTiers(read('REREAD_TIERS')), []);
  const clientId = read('AZURE_CLIENT_ID');
  // With a secret, certificate or federated token beside it, AZURE_CLIENT_ID names a service principal that
  // DefaultAzureCredential signs in as (a workstation or CI), not the managed identity.
  const servicePrincipal = SERVICE_PRINCIPAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
  if (clientId) {
    const id = check(() => guidOr(clientId, 'AZURE_CLIENT_ID'), '');
    if (!servicePrincipal) config.managedIdentityClientId = id;
  }
  const teams = read('TEAMS_WORKFLOW_URL');
  if (teams) config.teamsWorkflowUrl = check(() => secretUrl(teams, 'TEAMS_WORKFLOW_URL'), '');
  const secret = read('WEBHOOK_SECRET');
  if (secret) config.webhookSecret = check(() => parseWebhookSecret(secret, 'WEBHOOK_SECRET'), '');
  // An invalid WEBHOOK_SECRET is reported above; it still counts as given, so it is not also called missing.
  const fallback = secret ? config.webhookSecret || secret : undefined;
  config.webhookSecrets = check(
    () => endpointSecrets(config.webhookUrls, read('WEBHOOK_SECRETS'), fallback),
    [],
  );
  if (config.dedupWindowHours > config.retentionDays * 24) {
    // Retention deletes alert claims too: a longer dedup window would be cut short without saying so.
    check(() => {
      throw new ConfigError(
        'DEDUP_WINDOW_HOURS',
        `must not exceed RETENTION_DAYS × 24 (${config.retentionDays * 24})`,
      );
    }, undefined);
  }
  const endpoint = read('TABLES_ENDPOINT');
  if (endpoint) {
    config.tablesEndpoint = check(() => endpointUrl(endpoint, 'TABLES_ENDPOINT', { httpsOnly: false }), '');
  }
  const connection = read('STORAGE_CONNECTION_STRING') || (env.AzureWebJobsStorage ?? '').trim();
  if (connection) config.storageConnectionString = connection;
  return config;
}

/** A required setting: "is required" when empty, else `parse`'s verdict. */
function required<T>(value: string, name: string, what: string, parse: (v: string, n: string) => T): T {
  if (value === '') throw new ConfigError(name, `is required: ${what}`);
  return parse(value, name);
}

/** Comma-separated webhook URLs: each a secret URL, and no endpoint listed twice. */
function webhookUrls(value: string, check: Check): string[] {
  const urls = list(value);
  const seen = new Map<string, number>();
  urls.forEach((url, i) => {
    const name = `WEBHOOK_URLS[${i}]`;
    if (!check(() => secretUrl(url, name), '')) return;
    const key = urlIdentity(url);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else {
      check(() => {
        throw new ConfigError(
          name,
          `is the same endpoint as WEBHOOK_URLS[${first}] (compared without trailing slash, host case or default port; value not shown: it is a secret)`,
        );
      }, undefined);
    }
  });
  return urls;
}

function guidOr(value: string, name: string): string {
  if (!isGuid(value))
    throw new ConfigError(name, `expected a GUID, got ${JSON.stringify(value.slice(0, 60))}`);
  return value.toLowerCase();
}

function int(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new ConfigError(
      name,
      `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return n;
}

function list(value: string): string[] {
  return value
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function guidList(value: string, name: string): string[] {
  return list(value).map((v, i) => guidOr(v, `${name}[${i}]`));
}

function severity(value: string, name: string): Severity {
  const v = value.toLowerCase();
  if (!isSeverity(v))
    throw new ConfigError(
      name,
      `expected informational|low|medium|high|critical, got ${JSON.stringify(value.slice(0, 40))}`,
    );
  return v;
}

/** Six-field NCRONTAB (second minute hour day month weekday), as Azure Functions timers use; see `ncrontab.ts`. */
function ncrontab(value: string, name: string): string {
  const problem = ncrontabProblem(value);
  if (problem) {
    throw new ConfigError(
      name,
      `expected a 6-field NCRONTAB expression like "0 0 * * * *" (second 0-59, minute 0-59, hour 0-23, day 1-31, month 1-12 or Jan-Dec, day-of-week 0-6 or Sun-Sat): ${problem}`,
    );
  }
  return value;
}

function tablePrefix(value: string): string {
  const problem = tablePrefixProblem(value);
  if (problem) throw new ConfigError('TABLE_PREFIX', problem);
  return value;
}

function logLevel(value: string): Config['logLevel'] {
  const v = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(v))
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join('|')}`);
  return v as Config['logLevel'];
}
