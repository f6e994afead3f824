import { type Config, type Env, loadConfig } from '../config';
import { type DoctorOptions, runDoctor } from '../doctor/run-doctor';
import { isGuid } from '../guid';
import { configSecrets } from '../logging';
import { redactSecrets } from '../logging/redact';
import { openRegistryFromConfig } from '../tenants/registry-from-config';
import { tenantConfig } from '../tenants/tenant-config';
import { tenantCredential } from '../tenants/tenant-credential';
import { choiceArg, parseCommandArgs } from './args';
import { formatDoctorText } from './format-doctor';
import { inertJson } from './format-terminal-text';
import { type Command, UsageError } from './io';

export const DOCTOR_HELP = `Usage: tapwatch doctor [--send-test-alert] [--tenant ID] [--format text|json]

Checks a deployment with this environment's configuration (the function app's settings: TENANT_ID,
AZURE_CLIENT_ID, GRAPH_BASE_URL, TABLES_ENDPOINT or STORAGE_CONNECTION_STRING, alert channels, ...) and
the same credential (the managed identity with AZURE_CLIENT_ID, else DefaultAzureCredential, e.g. az login).
One line per check, with the fix:
  identity     which identity got a Graph token (app id, object id, tenant; the token is never shown)
  app roles    the token's roles claim against the Graph permissions tapwatch needs
  <permission> one request per permission, the cycle's own where it has one
  licence      Entra ID Free, P1 or P2 as Graph's answers reveal it, and what that turns off
  tables       write, read back and delete a probe row in each table
  <channel>    each alert channel by id (teams, webhook:<hash>), never by URL
  --send-test-alert  also post a labelled test alert to each channel (signed like real alerts);
                     without it nothing is sent anywhere
  --tenant ID        check a tenant registered with "tapwatch tenants add" as its cycle sees it: its
                     settings overlaid on this environment, its own channels, and its credential (the
                     managed identity for the home tenant, the federated multi-tenant app otherwise);
                     without it, or for an unregistered TENANT_ID, the environment's own tenant
  --format           text (default) or json ({ tenantId, exitCode, checks: [{ id, title, status, detail, fix }] })
Marks: ✓ passed; ! works with less (a licence tier, a delegated token, no channel); ✗ failed; - skipped.
Exit 0 when nothing failed (degraded lines included), 1 when any check failed, 2 on bad usage or configuration.`;

/** `tapwatch doctor` over an options factory (tests point it at the simulator's credential and CA). */
export function makeDoctorCommand(
  optionsFor: (config: Config) => Omit<DoctorOptions, 'sendTestAlert'> = () => ({}),
): Command {
  return async (args, io) => {
    const { values, positionals } = parseCommandArgs('doctor', args, {
      'send-test-alert': { type: 'boolean', default: false },
      tenant: { type: 'string' },
      format: { type: 'string' },
    });
    if (positionals.length > 0) {
      throw new UsageError(`doctor takes no arguments, got ${JSON.stringify(positionals[0]?.slice(0, 40))}`);
    }
    const format = choiceArg(values.format, '--format', ['text', 'json'], 'text');
    if (values.tenant !== undefined && !isGuid(values.tenant)) {
      throw new UsageError(
        `--tenant must be a tenant id (GUID), got ${JSON.stringify(values.tenant.slice(0, 40))}`,
      );
    }
    // Flags are checked above, before the environment.
    const home = loadConfig(io.env);
    const target =
      values.tenant === undefined ? { config: home } : await tenantTarget(io.env, home, values.tenant);
    const report = await runDoctor(target.config, {
      ...(target.credential ? { credential: target.credential } : {}),
      ...optionsFor(target.config),
      sendTestAlert: values['send-test-alert'],
    });
    const config = target.config;
    const text =
      format === 'json' ? `${inertJson(report, 2)}\n` : formatDoctorText(report, config.graphBaseUrl);
    // The checks never quote a secret; this is the second lock on that door.
    io.stdout.write(redactSecrets(text, configSecrets(config)));
    return report.exitCode;
  };
}

/** `tapwatch doctor`: the deployment's configuration checked against the real services. */
export const doctorCommand: Command = makeDoctorCommand();

/**
 * What `--tenant ID` checks: a registered tenant's own configuration (its overrides over `env`, the
 * same overlay its queue-triggered cycle uses) and credential; the environment's own tenant when it is
 * TENANT_ID and not registered. Any other id is a usage error that says how to register it.
 */
async function tenantTarget(
  env: Env,
  home: Config,
  tenantId: string,
): Promise<{ config: Config; credential?: ReturnType<typeof tenantCredential> }> {
  const id = tenantId.toLowerCase();
  const registry = await openRegistryFromConfig(home);
  const record = await registry.get(id);
  if (record) return { config: tenantConfig(env, record), credential: tenantCredential(record, home) };
  if (id === home.tenantId) return { config: home };
  throw new UsageError(
    `--tenant ${id} is neither TENANT_ID (${home.tenantId}) nor a registered tenant: add it with "tapwatch tenants add ${id} --name NAME --app-id APP_ID"`,
  );
}
