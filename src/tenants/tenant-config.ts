import { type Config, type Env, loadConfig } from '../config';
import { errorMessage, TapwatchError } from '../errors';
import {
  CHANNEL_SETTINGS,
  checkOverride,
  envReference,
  isSecretSetting,
  type TenantRecord,
} from './tenant-record';

/** A tenant's settings do not validate; the message names the tenant and the setting, never a secret. */
export class TenantConfigError extends TapwatchError {
  constructor(
    readonly tenantId: string,
    cause: unknown,
  ) {
    super(`tenant ${tenantId}: ${errorMessage(cause)}`, { cause });
  }
}

/**
 * The environment a tenant's cycle sees: the deployment's, with TENANT_ID set to the tenant and its
 * overrides applied. When the tenant names any alert channel, none of the deployment's channels is kept, so
 * its findings go to its own channels only; a tenant without channels of its own alerts the deployment's
 * (the operator's) channels. Secret overrides are `env:NAME` references resolved from `base`.
 */
export function tenantEnv(base: Env, tenant: Pick<TenantRecord, 'tenantId' | 'overrides'>): Env {
  const env: Record<string, string | undefined> = { ...base, TENANT_ID: tenant.tenantId };
  const names = Object.keys(tenant.overrides);
  if (names.some((name) => CHANNEL_SETTINGS.includes(name))) {
    for (const name of CHANNEL_SETTINGS) delete env[name];
  }
  for (const name of names) {
    const value = tenant.overrides[name] ?? '';
    checkOverride(name, value);
    if (!isSecretSetting(name)) {
      env[name] = value;
      continue;
    }
    const reference = envReference(value) ?? '';
    const secret = (base[reference] ?? '').trim();
    if (!secret) {
      throw new TapwatchError(`${name}: references app setting ${reference}, which is not set or empty`);
    }
    env[name] = secret;
  }
  return env;
}

/**
 * The `Config` of one tenant's cycle: the same type and the same validation (`loadConfig`) as a
 * single-tenant deployment, so the cycle, the store and the channels need no tenant awareness.
 */
export function tenantConfig(base: Env, tenant: Pick<TenantRecord, 'tenantId' | 'overrides'>): Config {
  try {
    return loadConfig(tenantEnv(base, tenant));
  } catch (error) {
    throw new TenantConfigError(tenant.tenantId, error);
  }
}

/**
 * Validates overrides where the referenced secrets are not available (a workstation running
 * `tapwatch tenants set`): every value goes through `loadConfig`; a secret reference is checked for its
 * shape only, and its target is checked when a cycle runs.
 */
export function checkTenantOverrides(base: Env, tenant: Pick<TenantRecord, 'tenantId' | 'overrides'>): void {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(tenant.overrides)) {
    checkOverride(name, value);
    if (!isSecretSetting(name)) plain[name] = value;
  }
  const env: Record<string, string | undefined> = { ...base };
  for (const name of CHANNEL_SETTINGS) delete env[name];
  try {
    loadConfig({ ...env, ...plain, TENANT_ID: tenant.tenantId });
  } catch (error) {
    throw new TenantConfigError(tenant.tenantId, error);
  }
}
