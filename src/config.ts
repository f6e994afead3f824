import { endpointSecrets, parseWebhookSecret } from './alerts/webhook-secret';
import { ConfigError } from './errors';
import { SETTINGS } from './settings';
import { isSeverity, type Severity } from './severity';

export { SETTINGS, type SettingSpec } from './settings';

/** Every setting tapwatch reads, validated once by `loadConfig(env)`. */
export interface Config {
  tenantId: string;
  pollSchedule: string;
  cleanupSchedule: string;
  lookbackHours: number;
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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Azure Identity's own variables that make AZURE_CLIENT_ID a service principal rather than a managed identity. */
const SERVICE_PRINCIPAL_VARIABLES = [
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
];
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** Reads and validates every setting once; throws `ConfigError` naming the variable. */
export function loadConfig(env: Env): Config {
  const read = (name: string): string => {
    const spec = SETTINGS.find((s) => s.name === name);
    return (env[name] ?? '').trim() || spec?.default || '';
  };
  const config: Config = {
    tenantId: guidOr(read('TENANT_ID'), 'TENANT_ID'),
    pollSchedule: ncrontab(read('POLL_SCHEDULE'), 'POLL_SCHEDULE'),
    cleanupSchedule: ncrontab(read('CLEANUP_SCHEDULE'), 'CLEANUP_SCHEDULE'),
    lookbackHours: int(read('LOOKBACK_HOURS'), 'LOOKBACK_HOURS', 1, 24 * 30),
    auditRetentionDays: int(read('AUDIT_RETENTION_DAYS'), 'AUDIT_RETENTION_DAYS', 1, 30),
    graphBaseUrl: httpsUrl(read('GRAPH_BASE_URL'), 'GRAPH_BASE_URL'),
    graphPageSize: int(read('GRAPH_PAGE_SIZE'), 'GRAPH_PAGE_SIZE', 1, 1000),
    graphThrottleBudgetMs:
      int(read('GRAPH_THROTTLE_BUDGET_SECONDS'), 'GRAPH_THROTTLE_BUDGET_SECONDS', 0, 3600) * 1000,
    privilegedRoleIds: guidList(read('PRIVILEGED_ROLE_IDS'), 'PRIVILEGED_ROLE_IDS'),
    syncAccountPatterns: list(read('SYNC_ACCOUNT_PATTERNS')),
    allowedTapAppIds: guidList(read('ALLOWED_TAP_APP_IDS'), 'ALLOWED_TAP_APP_IDS'),
    maxTapLifetimeMinutes: int(read('MAX_TAP_LIFETIME_MINUTES'), 'MAX_TAP_LIFETIME_MINUTES', 1, 60 * 24 * 30),
    bulkTapThreshold: int(read('BULK_TAP_THRESHOLD'), 'BULK_TAP_THRESHOLD', 2, 10_000),
    bulkTapWindowMinutes: int(read('BULK_TAP_WINDOW_MINUTES'), 'BULK_TAP_WINDOW_MINUTES', 1, 60 * 24 * 30),
    alertMinSeverity: severity(read('ALERT_MIN_SEVERITY'), 'ALERT_MIN_SEVERITY'),
    dedupWindowHours: int(read('DEDUP_WINDOW_HOURS'), 'DEDUP_WINDOW_HOURS', 0, 24 * 30),
    retentionDays: int(read('RETENTION_DAYS'), 'RETENTION_DAYS', 1, 3650),
    healthMaxAgeMinutes: int(read('HEALTH_MAX_AGE_MINUTES'), 'HEALTH_MAX_AGE_MINUTES', 5, 60 * 24 * 30),
    webhookUrls: list(read('WEBHOOK_URLS')).map((u, i) => secretUrl(u, `WEBHOOK_URLS[${i}]`)),
    webhookSecrets: [],
    alertTimeoutMs: int(read('ALERT_TIMEOUT_MS'), 'ALERT_TIMEOUT_MS', 100, 120_000),
    alertMaxPerCycle: int(read('ALERT_MAX_PER_CYCLE'), 'ALERT_MAX_PER_CYCLE', 1, 10_000),
    alertMaxAttempts: int(read('ALERT_MAX_ATTEMPTS'), 'ALERT_MAX_ATTEMPTS', 1, 10),
    tablePrefix: tablePrefix(read('TABLE_PREFIX')),
    logLevel: logLevel(read('LOG_LEVEL')),
  };
  const clientId = read('AZURE_CLIENT_ID');
  // With a secret, certificate or federated token beside it, AZURE_CLIENT_ID names a service principal that
  // DefaultAzureCredential signs in as (a workstation or CI), not the managed identity.
  const servicePrincipal = SERVICE_PRINCIPAL_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
  if (clientId) {
    const id = guidOr(clientId, 'AZURE_CLIENT_ID');
    if (!servicePrincipal) config.managedIdentityClientId = id;
  }
  const teams = read('TEAMS_WORKFLOW_URL');
  if (teams) config.teamsWorkflowUrl = secretUrl(teams, 'TEAMS_WORKFLOW_URL');
  const secret = read('WEBHOOK_SECRET');
  if (secret) config.webhookSecret = parseWebhookSecret(secret, 'WEBHOOK_SECRET');
  config.webhookSecrets = endpointSecrets(config.webhookUrls, read('WEBHOOK_SECRETS'), config.webhookSecret);
  if (config.dedupWindowHours > config.retentionDays * 24) {
    // Retention deletes alert claims too: a longer dedup window would be cut short without saying so.
    throw new ConfigError(
      'DEDUP_WINDOW_HOURS',
      `must not exceed RETENTION_DAYS × 24 (${config.retentionDays * 24})`,
    );
  }
  const endpoint = read('TABLES_ENDPOINT');
  if (endpoint) config.tablesEndpoint = httpUrl(endpoint, 'TABLES_ENDPOINT');
  const connection = read('STORAGE_CONNECTION_STRING') || (env.AzureWebJobsStorage ?? '').trim();
  if (connection) config.storageConnectionString = connection;
  return config;
}

function guidOr(value: string, name: string): string {
  if (!GUID.test(value))
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

/** Six-field NCRONTAB (second minute hour day month weekday), as Azure Functions timers use. */
function ncrontab(value: string, name: string): string {
  const fields = value.split(/\s+/);
  if (fields.length !== 6 || !fields.every((f) => /^[0-9*/,\-A-Za-z]+$/.test(f))) {
    throw new ConfigError(
      name,
      `expected a 6-field NCRONTAB expression like "0 0 * * * *", got ${JSON.stringify(value.slice(0, 60))}`,
    );
  }
  return value;
}

function parseUrl(value: string, name: string, describe: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new ConfigError(name, `expected ${describe}`);
  }
}

function httpsUrl(value: string, name: string): string {
  const url = parseUrl(value, name, `an https:// URL, got ${JSON.stringify(value.slice(0, 80))}`);
  if (url.protocol !== 'https:') throw new ConfigError(name, `expected an https:// URL, got ${url.protocol}`);
  return value.replace(/\/+$/, '');
}

function httpUrl(value: string, name: string): string {
  const url = parseUrl(value, name, `an http(s):// URL, got ${JSON.stringify(value.slice(0, 80))}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(name, `expected an http(s):// URL, got ${url.protocol}`);
  return value.replace(/\/+$/, '');
}

/** Secret URLs are validated without echoing them: the error names only the variable. */
function secretUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'is not a valid URL (value not shown: it is a secret)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(name, 'must be an http(s) URL (value not shown: it is a secret)');
  }
  return value;
}

function tablePrefix(value: string): string {
  if (!/^[A-Za-z0-9]{0,20}$/.test(value))
    throw new ConfigError('TABLE_PREFIX', 'expected up to 20 letters and digits');
  return value;
}

function logLevel(value: string): Config['logLevel'] {
  const v = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(v))
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join('|')}`);
  return v as Config['logLevel'];
}
