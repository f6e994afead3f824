import { ConfigError } from '../errors';
import { isGuid } from '../guid';
import { SETTINGS } from '../settings';

/**
 * How tapwatch reaches a tenant's Graph: the deployment's managed identity (its home tenant), or the
 * multi-tenant app registration whose credential is a federated identity credential trusting that
 * managed identity (customer tenants; no secret anywhere).
 */
export type TenantAuth = 'managed-identity' | 'federated-app';

/** One monitored Entra tenant, as the `tenants` table holds it (docs/tenants.md). */
export interface TenantRecord {
  /** Entra tenant id, lower-case GUID; also the row key and the first part of every finding key. */
  tenantId: string;
  /** Operator-facing name (1 to 100 printable characters); never used in keys or URLs. */
  displayName: string;
  auth: TenantAuth;
  /** Client id of the multi-tenant app consented in this tenant; required for `federated-app`. */
  appClientId?: string;
  /** A disabled tenant gets no cycle; its findings stay readable until retention. */
  enabled: boolean;
  /**
   * Per-tenant settings, by the environment variable they replace (e.g. `ALERT_MIN_SEVERITY`), as text.
   * Secret settings hold only `env:NAME`: the name of an app setting (a Key Vault reference in Azure)
   * whose value is the secret, so the table never stores a secret.
   */
  overrides: Record<string, string>;
  /** SHA-256 (hex) of the tenant's read token for `/api/tenants/{id}/findings`; the token is never stored. */
  apiTokenSha256?: string;
  updatedAt: string;
}

/** Settings a tenant may override: detection, alerting, its Graph cloud and its audit retention. */
export const TENANT_SETTINGS = [
  'ALLOWED_TAP_APP_IDS',
  'PRIVILEGED_ROLE_IDS',
  'SYNC_ACCOUNT_PATTERNS',
  'MAX_TAP_LIFETIME_MINUTES',
  'ALERT_MIN_SEVERITY',
  'DEDUP_WINDOW_HOURS',
  'LOOKBACK_HOURS',
  'AUDIT_RETENTION_DAYS',
  'GRAPH_BASE_URL',
  'TEAMS_WORKFLOW_URL',
  'WEBHOOK_URLS',
  'WEBHOOK_SECRET',
  'WEBHOOK_SECRETS',
] as const;

/** The alert channel settings: a tenant that sets any of them replaces all of the deployment's. */
export const CHANNEL_SETTINGS: readonly string[] = [
  'TEAMS_WORKFLOW_URL',
  'WEBHOOK_URLS',
  'WEBHOOK_SECRET',
  'WEBHOOK_SECRETS',
];

const ENV_REFERENCE = /^env:([A-Za-z_][A-Za-z0-9_]{0,127})$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

/** A tenant id as keys use it, or a ConfigError naming `what`; the value is quoted only up to 60 characters. */
export function parseTenantId(value: string, what = 'tenant id'): string {
  const v = value.trim();
  if (!isGuid(v)) throw new ConfigError(what, `expected a GUID, got ${JSON.stringify(value.slice(0, 60))}`);
  return v.toLowerCase();
}

export function parseDisplayName(value: string): string {
  const v = value.trim();
  if (v.length < 1 || v.length > 100 || CONTROL.test(v)) {
    throw new ConfigError('--name', 'expected 1 to 100 printable characters');
  }
  return v;
}

/** Is `name` a setting a tenant may override. */
export function isTenantSetting(name: string): name is (typeof TENANT_SETTINGS)[number] {
  return (TENANT_SETTINGS as readonly string[]).includes(name);
}

/** Whether a setting is secret (SETTINGS marks it): its override must be an `env:NAME` reference. */
export function isSecretSetting(name: string): boolean {
  return SETTINGS.find((s) => s.name === name)?.secret === true;
}

/** The app-setting name an `env:NAME` reference points at, or undefined when `value` is not one. */
export function envReference(value: string): string | undefined {
  return ENV_REFERENCE.exec(value.trim())?.[1];
}

/**
 * Checks the shape of one override (name allowed; secrets only as `env:NAME`). The value itself is
 * validated by `loadConfig` through the tenant overlay, exactly like the environment variable.
 */
export function checkOverride(name: string, value: string): void {
  if (!isTenantSetting(name)) {
    throw new ConfigError(
      JSON.stringify(name.slice(0, 40)),
      `is not a per-tenant setting (allowed: ${TENANT_SETTINGS.join(', ')})`,
    );
  }
  if (isSecretSetting(name) && envReference(value) === undefined) {
    // The value is not echoed: it may be the secret itself, typed where a reference belongs.
    throw new ConfigError(
      name,
      'is a secret: give env:NAME, the app setting (a Key Vault reference in Azure) that holds it (value not shown)',
    );
  }
}
