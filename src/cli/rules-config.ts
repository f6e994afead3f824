import { type Env, loadConfig } from '../config';
import type { RulesConfig } from '../rules/types';

/** Placeholder so `loadConfig` validates the rule settings without requiring a real tenant. */
const NO_TENANT = '00000000-0000-0000-0000-000000000000';
const RULE_SETTINGS = [
  'PRIVILEGED_ROLE_IDS',
  'SYNC_ACCOUNT_PATTERNS',
  'ALLOWED_TAP_APP_IDS',
  'MAX_TAP_LIFETIME_MINUTES',
  'BULK_TAP_THRESHOLD',
  'BULK_TAP_WINDOW_MINUTES',
] as const;

/**
 * The rule settings of an offline scan: defaults (none extra, 480 minutes) unless the same
 * environment variables as the function app set them, validated by `loadConfig` itself so both
 * accept and reject exactly the same values. Other settings (TENANT_ID, alert URLs) are not read.
 * @throws ConfigError naming the variable.
 */
export function rulesConfigFromEnv(env: Env): RulesConfig {
  const subset: Record<string, string | undefined> = { TENANT_ID: NO_TENANT };
  for (const name of RULE_SETTINGS) subset[name] = env[name];
  const config = loadConfig(subset);
  return {
    privilegedRoleIds: config.privilegedRoleIds,
    syncAccountPatterns: config.syncAccountPatterns,
    allowedTapAppIds: config.allowedTapAppIds,
    maxTapLifetimeMinutes: config.maxTapLifetimeMinutes,
    bulkTapThreshold: config.bulkTapThreshold,
    bulkTapWindowMinutes: config.bulkTapWindowMinutes,
  };
}
