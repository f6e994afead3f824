import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Config, loadConfig } from '../config';
import { createAzureCredential } from '../credential';
import { createGraphClient, type GraphClient } from '../graph/graph-client';
import { createGraphTenantSource } from '../graph/graph-tenant-source';
import type { DirectoryLoad } from '../graph/tenant-source';
import { parseCommandArgs } from './args';
import { terminalText } from './format-terminal-text';
import { type Command, EXIT, UsageError } from './io';

export const SNAPSHOT_HELP = `Usage: tapwatch snapshot --out FILE [--force]

Exports the tenant's role data from Microsoft Graph for offline scans ("tapwatch scan --directory FILE"):
role definitions, active role assignments, PIM-eligible assignments (Entra ID P2; without it the file says
eligibilityAvailable: false), the role-assignable groups that hold roles with their members, and the users
among those principals. It makes the same read-only requests as a detection cycle, with the same
application permissions (RoleManagement.Read.Directory, RoleEligibilitySchedule.Read.Directory and
Directory.Read.All, as "tapwatch doctor" checks; signed in with az login, a directory role that may read
them, e.g. Global Reader) and the same settings: TENANT_ID, GRAPH_BASE_URL, AZURE_CLIENT_ID; it signs in with
DefaultAzureCredential (az login) unless AZURE_CLIENT_ID names a managed identity.

Options:
  --out FILE    where to write the JSON (- for stdout); the file is written whole or not at all
  --force       replace FILE when it exists
  -h, --help    show this help

The file names privileged accounts: it is written readable by its owner only.
Exit 0 written, 2 on bad usage, configuration or a Graph error (one line, no secrets).`;

/** What the file holds besides role data: where and when it came from. */
export interface SnapshotFileHeader {
  tenantId: string;
  exportedAt: string;
  /** Graph endpoint the data came from (no credentials in it). */
  graphBaseUrl: string;
}

/**
 * `tapwatch snapshot` over a Graph client factory (tests point one at the simulator). Reads role data
 * through the cycle's own source (`createGraphTenantSource().loadDirectory()`), so the export and a cycle
 * can never disagree on what "role data" is.
 */
export function makeSnapshotCommand(
  clientFor: (config: Config) => GraphClient = (config) =>
    createGraphClient({ baseUrl: config.graphBaseUrl, credential: createAzureCredential(config) }),
): Command {
  return async (args, io) => {
    const { values, positionals } = parseCommandArgs('snapshot', args, {
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
    if (positionals.length > 0)
      throw new UsageError(
        `snapshot takes no arguments, got ${JSON.stringify(positionals[0]?.slice(0, 40))}`,
      );
    if (!values.out) throw new UsageError('snapshot needs --out FILE (or --out - for stdout)');
    const target = values.out === '-' ? undefined : resolve(io.cwd, values.out);
    if (target && !values.force && (await exists(target))) {
      throw new UsageError(`${values.out} exists: pass --force to replace it`);
    }
    const config = loadConfig(io.env);
    const now = new Date();
    const client = clientFor(config);
    let load: DirectoryLoad;
    let requests: number;
    try {
      const source = createGraphTenantSource({ client, config, now });
      load = await source.loadDirectory();
      requests = source.stats().requests;
    } finally {
      await client.close();
    }
    const header: SnapshotFileHeader = {
      tenantId: config.tenantId,
      exportedAt: now.toISOString(),
      graphBaseUrl: client.baseUrl,
    };
    const text = `${JSON.stringify({ ...header, ...load.snapshot }, null, 2)}\n`;
    if (target) await writeWhole(target, text);
    else io.stdout.write(text);
    for (const warning of load.warnings)
      io.stderr.write(`tapwatch: warning: ${terminalText(warning, 300)}\n`);
    io.stderr.write(`${summaryLine(values.out, load, requests)}\n`);
    return EXIT.ok;
  };
}

/** `tapwatch snapshot --out FILE`: role data from Graph for `scan --directory`. */
export const snapshotCommand: Command = makeSnapshotCommand();

function summaryLine(out: string, load: DirectoryLoad, requests: number): string {
  const s = load.snapshot;
  const members = s.groups.reduce((n, g) => n + (g.members?.length ?? 0), 0);
  const eligible =
    s.eligibilityAvailable === false
      ? 'eligibility unavailable'
      : `${s.roleEligibilityScheduleInstances.length} eligible`;
  return (
    `tapwatch: wrote ${out === '-' ? 'stdout' : terminalText(out, 200)}: ${s.roleDefinitions.length} role definitions, ` +
    `${s.roleAssignments.length} active assignments, ${eligible}, ${s.groups.length} role-holding groups ` +
    `(${members} members), ${s.users.length} users; ${requests} Graph requests`
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes beside the target, then renames over it: a failed export never leaves half a file. */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? 'write error'}`);
  }
}
