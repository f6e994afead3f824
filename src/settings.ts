/** Describes one environment variable tapwatch reads. */
export interface SettingSpec {
  name: string;
  description: string;
  /** The value used when unset, as text; absent when the setting has no default. */
  default?: string;
  /** Required for the function app to run in Azure (the Bicep must set it). */
  requiredInAzure: boolean;
  /** Secret: never logged; a Key Vault reference in Azure. */
  secret: boolean;
}

/**
 * Every environment variable tapwatch reads, validated by `loadConfig`: the configuration table
 * (docs/configuration.md) and the Bicep app-settings check are derived from this list, never copied by hand.
 */
export const SETTINGS: readonly SettingSpec[] = [
  {
    name: 'TENANT_ID',
    description: 'Entra tenant id (GUID) that is watched.',
    requiredInAzure: true,
    secret: false,
  },
  {
    name: 'POLL_SCHEDULE',
    description:
      'NCRONTAB (6 fields, UTC) of the detection timer; every 5 minutes by default (see "Choosing a schedule").',
    default: '0 */5 * * * *',
    requiredInAzure: true,
    secret: false,
  },
  {
    name: 'CLEANUP_SCHEDULE',
    description: 'NCRONTAB of the daily retention cleanup.',
    default: '0 30 3 * * *',
    requiredInAzure: true,
    secret: false,
  },
  {
    name: 'LOOKBACK_HOURS',
    description:
      'Audit window of the first cycle, in hours (later cycles read from where the last one ended; see REREAD_TIERS for late records).',
    default: '24',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'WINDOW_OVERLAP_MINUTES',
    description:
      'Each cycle reads from the last successful window end minus this overlap to now (0 to 120; catches records a few minutes late at once).',
    default: '4',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'REREAD_TIERS',
    description:
      'Re-reads for late records, `<lateness>/<every>` pairs (m, h, d): each tier reads every record once, `lateness` after its activity time, in runs of at least `every` (`none`: no re-reads).',
    default: '2h/1h,24h/1h',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'AUDIT_RETENTION_DAYS',
    description: 'Audit log retention of the tenant (7 Free, 30 P1/P2); the window is clamped to it.',
    default: '30',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'GRAPH_BASE_URL',
    description: 'Microsoft Graph root, without `/v1.0` (national clouds, or the local simulator).',
    default: 'https://graph.microsoft.com',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'GRAPH_PAGE_SIZE',
    description: '`$top` for directoryAudits pages.',
    default: '999',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'GRAPH_THROTTLE_BUDGET_SECONDS',
    description: 'Total Retry-After wait a cycle may spend before failing cleanly.',
    default: '120',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'AZURE_CLIENT_ID',
    description: 'Client id of the user-assigned managed identity (Azure only).',
    requiredInAzure: true,
    secret: false,
  },
  {
    name: 'PRIVILEGED_ROLE_IDS',
    description: 'Extra role definition/template ids treated as privileged (comma-separated GUIDs).',
    default: '',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'SYNC_ACCOUNT_PATTERNS',
    description:
      'Extra sync-account name patterns (comma-separated, `*` wildcard, matched against UPN and display name).',
    default: '',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'ALLOWED_TAP_APP_IDS',
    description: 'App ids allowed to issue TAPs (e.g. Lifecycle Workflows, onboarding tools).',
    default: '',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'MAX_TAP_LIFETIME_MINUTES',
    description: 'Lifetime above which `tap-long-lifetime` fires.',
    default: '480',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'BULK_TAP_THRESHOLD',
    description:
      'Distinct targets one initiator must give TAPs to within the bulk window for `tap-bulk-issuance`.',
    default: '5',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'BULK_TAP_WINDOW_MINUTES',
    description: 'Window of `tap-bulk-issuance`, in minutes.',
    default: '60',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'ALERT_MIN_SEVERITY',
    description: 'Lowest severity that alerts (informational|low|medium|high|critical).',
    default: 'medium',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'DEDUP_WINDOW_HOURS',
    description:
      'A TAP to a target from an initiator with a rule set alerted within this window is stored but not alerted again.',
    default: '24',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'RETENTION_DAYS',
    description: 'Findings older than this are deleted by the daily cleanup.',
    default: '90',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'HEALTH_MAX_AGE_MINUTES',
    description:
      'The health endpoint answers 503 when the last successful cycle is older than this (about four poll intervals: 20 at 5 minutes, 60 at 15, 150 hourly).',
    default: '20',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'TEAMS_WORKFLOW_URL',
    description: 'Teams Workflows webhook URL (carries its own `sig=` credential).',
    requiredInAzure: false,
    secret: true,
  },
  {
    name: 'WEBHOOK_URLS',
    description: 'Webhook endpoints receiving the finding JSON (comma-separated).',
    default: '',
    requiredInAzure: false,
    secret: true,
  },
  {
    name: 'WEBHOOK_SECRET',
    description:
      'Standard Webhooks signing secret (`whsec_<base64>` of 24 to 64 random bytes) for every webhook URL without its own in WEBHOOK_SECRETS.',
    requiredInAzure: false,
    secret: true,
  },
  {
    name: 'WEBHOOK_SECRETS',
    description:
      'One signing secret per WEBHOOK_URLS entry, same order (comma-separated `whsec_<base64>`; an empty entry uses WEBHOOK_SECRET).',
    default: '',
    requiredInAzure: false,
    secret: true,
  },
  {
    name: 'ALERT_TIMEOUT_MS',
    description: 'Timeout of one alert request, in milliseconds (Standard Webhooks recommends 15 to 30 s).',
    default: '15000',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'ALERT_MAX_PER_CYCLE',
    description:
      'Most deliveries per channel per cycle, most severe first; each channel has its own queue, and critical findings are never held back by it.',
    default: '50',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'ALERT_MAX_ATTEMPTS',
    description: 'Attempts per channel per cycle before the delivery is left pending.',
    default: '4',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'TABLES_ENDPOINT',
    description: 'Table service URL, used with the managed identity in Azure.',
    requiredInAzure: true,
    secret: false,
  },
  {
    name: 'STORAGE_CONNECTION_STRING',
    description:
      'Connection string for local runs (`UseDevelopmentStorage=true` for Azurite); falls back to AzureWebJobsStorage.',
    requiredInAzure: false,
    secret: true,
  },
  {
    name: 'TABLE_PREFIX',
    description:
      'Prefix for table names (letters and digits, starting with a letter, at most 53), to share one account.',
    default: '',
    requiredInAzure: false,
    secret: false,
  },
  {
    name: 'LOG_LEVEL',
    description: 'pino log level.',
    default: 'info',
    requiredInAzure: false,
    secret: false,
  },
];
