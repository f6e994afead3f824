import { type Config, type Env, loadConfig } from '../config';
import { newApiToken } from '../tenants/api-token';
import { openRegistryFromConfig } from '../tenants/registry-from-config';
import { checkTenantOverrides } from '../tenants/tenant-config';
import { parseDisplayName, parseTenantId, type TenantRecord } from '../tenants/tenant-record';
import type { TenantRegistry } from '../tenants/tenant-registry';
import { choiceArg, parseCommandArgs } from './args';
import { formatTenantsTable } from './format-tenants';
import { inertJson } from './format-terminal-text';
import { type Command, EXIT, UsageError } from './io';

export const TENANTS_HELP = `Usage: tapwatch tenants list [--format table|json]
       tapwatch tenants add TENANT_ID --name NAME [--app-id GUID] [--disabled] [--set SETTING=VALUE]...
       tapwatch tenants set TENANT_ID [--name NAME] [--app-id GUID | --managed-identity] [--enable | --disable]
                            [--set SETTING=VALUE]... [--unset SETTING]... [--new-api-token]
       tapwatch tenants remove TENANT_ID

Manages the tenants one deployment watches (the tenants table beside the findings). With no tenant
registered the deployment watches TENANT_ID alone, as before; once one is registered, the timer queues one
cycle per enabled tenant. The home tenant (TENANT_ID) is reached with the managed identity; any other
needs --app-id, the multi-tenant app (MULTI_TENANT_APP_CLIENT_ID output of the deployment) consented there.
  --set SETTING=VALUE  a per-tenant setting, validated like the environment variable of that name:
                       ALLOWED_TAP_APP_IDS, PRIVILEGED_ROLE_IDS, SYNC_ACCOUNT_PATTERNS, MAX_TAP_LIFETIME_MINUTES,
                       ALERT_MIN_SEVERITY, DEDUP_WINDOW_HOURS, LOOKBACK_HOURS, AUDIT_RETENTION_DAYS,
                       GRAPH_BASE_URL; channels TEAMS_WORKFLOW_URL, WEBHOOK_URLS, WEBHOOK_SECRET,
                       WEBHOOK_SECRETS only as env:NAME (the app setting, a Key Vault reference, holding it).
                       A tenant with any channel of its own alerts only its own channels.
  --new-api-token      prints a new read token for GET /api/tenants/{id}/findings (shown once; only its
                       hash is stored)
Exit 0 on success, 2 on bad usage, an invalid setting or an unknown tenant.`;

type Values = Record<string, string | boolean | string[] | undefined>;

/** `tapwatch tenants …` over a registry factory (tests pass one on Azurite). */
export function makeTenantsCommand(
  registryFor: (config: Config) => Promise<TenantRegistry> = openRegistryFromConfig,
  now: () => Date = () => new Date(),
): Command {
  return async (args, io) => {
    const [action, ...rest] = args;
    const { values, positionals } = parseCommandArgs(`tenants ${action ?? ''}`.trim(), rest, {
      name: { type: 'string' },
      'app-id': { type: 'string' },
      'managed-identity': { type: 'boolean' },
      disabled: { type: 'boolean' },
      enable: { type: 'boolean' },
      disable: { type: 'boolean' },
      set: { type: 'string', multiple: true },
      unset: { type: 'string', multiple: true },
      'new-api-token': { type: 'boolean' },
      format: { type: 'string' },
    });
    if (action !== 'list' && action !== 'add' && action !== 'set' && action !== 'remove') {
      throw new UsageError('tenants needs list, add, set or remove (try tapwatch tenants --help)');
    }
    const config = loadConfig(io.env);
    if (action === 'list') {
      if (positionals.length > 0) throw new UsageError('tenants list takes no arguments');
      const format = choiceArg(values.format, '--format', ['table', 'json'], 'table');
      const registry = await registryFor(config);
      const listing = await registry.list();
      const statuses = await registry.statuses();
      if (format === 'json') {
        const byId = new Map(statuses.map((s) => [s.tenantId, s]));
        const tenants = listing.tenants.map((t) => ({
          ...publicRecord(t),
          status: byId.get(t.tenantId) ?? null,
        }));
        io.stdout.write(
          `${inertJson({ homeTenantId: config.tenantId, tenants, invalid: listing.invalid }, 2)}\n`,
        );
      } else {
        io.stdout.write(formatTenantsTable(listing, statuses, config.tenantId));
      }
      return EXIT.ok;
    }
    const tenantId = parseTenantId(oneTenant(action, positionals), 'TENANT_ID');
    const registry = await registryFor(config);
    if (action === 'remove') {
      const removed = await registry.remove(tenantId);
      if (!removed) throw new UsageError(`tenant ${tenantId} is not registered`);
      io.stdout.write(
        `Removed tenant ${tenantId}; its findings expire after RETENTION_DAYS like the others.\n`,
      );
      return EXIT.ok;
    }
    if (action === 'add') {
      if (
        values.enable ||
        values.disable ||
        values.unset ||
        values['new-api-token'] ||
        values['managed-identity']
      ) {
        throw new UsageError(
          'tenants add takes --name, --app-id, --disabled and --set (the rest is for tenants set)',
        );
      }
      if (values.name === undefined) throw new UsageError('tenants add needs --name');
      const record = applyChanges(
        {
          tenantId,
          displayName: '',
          auth: 'managed-identity',
          enabled: values.disabled !== true,
          overrides: {},
          updatedAt: '',
        },
        values,
        { homeTenantId: config.tenantId, env: io.env },
        now(),
      );
      await registry.add(record);
      io.stdout.write(`Added tenant ${tenantId} (${record.auth}${record.enabled ? '' : ', disabled'}).\n`);
      return EXIT.ok;
    }
    if (values.disabled) throw new UsageError('tenants set takes --disable, not --disabled');
    if (values.enable && values.disable) throw new UsageError('--enable and --disable exclude each other');
    const token = values['new-api-token'] ? newApiToken() : undefined;
    const updated = await registry.update(tenantId, (current) => {
      const next = applyChanges(current, values, { homeTenantId: config.tenantId, env: io.env }, now());
      if (values.enable) next.enabled = true;
      if (values.disable) next.enabled = false;
      if (token) next.apiTokenSha256 = token.sha256;
      return next;
    });
    io.stdout.write(`Updated tenant ${tenantId} (${updated.auth}${updated.enabled ? '' : ', disabled'}).\n`);
    if (token) io.stdout.write(`API token (shown once, give it to this tenant only): ${token.token}\n`);
    return EXIT.ok;
  };
}

/** `tapwatch tenants`: the tenants table of the environment's deployment. */
export const tenantsCommand: Command = makeTenantsCommand();

function oneTenant(action: string, positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError(`tenants ${action} takes one TENANT_ID`);
  return positionals[0] ?? '';
}

/** Applies name, credential and setting flags, then validates the whole record as a cycle would. */
function applyChanges(
  current: TenantRecord,
  values: Values,
  deployment: { homeTenantId: string; env: Env },
  now: Date,
): TenantRecord {
  const next: TenantRecord = {
    ...current,
    overrides: { ...current.overrides },
    updatedAt: now.toISOString(),
  };
  if (typeof values.name === 'string') next.displayName = parseDisplayName(values.name);
  if (typeof values['app-id'] === 'string') {
    if (values['managed-identity'])
      throw new UsageError('--app-id and --managed-identity exclude each other');
    next.auth = 'federated-app';
    next.appClientId = parseTenantId(values['app-id'], '--app-id');
  } else if (values['managed-identity']) {
    next.auth = 'managed-identity';
    delete next.appClientId;
  }
  for (const name of (values.unset as string[] | undefined) ?? []) delete next.overrides[name];
  for (const pair of (values.set as string[] | undefined) ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw new UsageError(
        `--set expects SETTING=VALUE, got ${JSON.stringify(pair.slice(0, 40).split('=')[0])}`,
      );
    next.overrides[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  if (next.auth === 'managed-identity' && next.tenantId !== deployment.homeTenantId) {
    // The managed identity lives in the home tenant only: elsewhere it has no service principal to sign in as.
    throw new UsageError(
      `tenant ${next.tenantId} is not the home tenant (TENANT_ID): give --app-id, the multi-tenant app consented there`,
    );
  }
  checkTenantOverrides(deployment.env, next);
  return next;
}

/** A record as output shows it: everything but the token hash. */
function publicRecord(record: TenantRecord): Omit<TenantRecord, 'apiTokenSha256'> & { apiToken: boolean } {
  const { apiTokenSha256, ...rest } = record;
  return { ...rest, apiToken: apiTokenSha256 !== undefined };
}
