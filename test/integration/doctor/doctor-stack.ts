import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { makeDoctorCommand } from '../../../src/cli/doctor';
import { type GraphSimulator, startGraphSimulator } from '../../../src/sim/graph-simulator';
import { buildSampleTenant, SAMPLE_TENANT_ID } from '../../../src/sim/sample-tenant';
import { simulatedAccessToken } from '../../../src/sim/sim-access-token';
import { staticCredential } from '../../../src/sim/static-credential';
import { type AzuriteTables, devConnectionString, startAzurite } from '../../../src/store/azurite';
import { type CapturedIo, captureIo } from '../../support/capture-io';
import { type Receiver, startReceiver } from '../../support/receiver';

/** The four permissions a correct deployment grants (the shared permission list). */
export const GRANTED = [
  'AuditLog.Read.All',
  'Directory.Read.All',
  'RoleManagement.Read.Directory',
  'RoleEligibilitySchedule.Read.Directory',
];

/** Object id of the simulated managed identity's service principal (what the grant script takes). */
export const PRINCIPAL_ID = '5e1a7c1d-9f0e-4a8b-8a3e-2c6d1f0b9a77';
const CLIENT_ID = 'c0ffee00-1111-4222-8333-444455556666';

export interface DoctorSetup {
  /** Permissions the tenant grants and the token's roles claim lists. */
  granted?: string[];
  licence?: 'free' | 'p1' | 'p2';
}

/** Everything one doctor run talks to: the HTTPS Graph simulator, Azurite, a Teams and a webhook receiver. */
export interface DoctorStack {
  sim: GraphSimulator;
  azurite: AzuriteTables;
  teams: Receiver;
  hook: Receiver;
  /** Every secret the configuration holds, to assert none is ever printed. */
  secrets: string[];
  env(overrides?: Record<string, string>): Record<string, string>;
  /** Switches the simulated tenant's grants and licence, with a token whose roles match. */
  configure(setup: DoctorSetup): void;
  /** Runs `tapwatch doctor` in-process with the current token and the simulator's CA. */
  doctor(args: string[], env?: Record<string, string>): Promise<{ code: number; io: CapturedIo }>;
  stop(): Promise<void>;
}

export async function startDoctorStack(): Promise<DoctorStack> {
  const base = buildSampleTenant();
  let token = tokenFor(GRANTED);
  // No pinned token: the simulator then takes any bearer token, and each setup mints one whose roles
  // claim lists what the tenant grants, as Entra would.
  const sim = await startGraphSimulator({ tenant: { ...base, grantedPermissions: GRANTED } });
  const azurite = await startAzurite();
  const teams = await startReceiver({ fallback: 202 });
  const hook = await startReceiver({ fallback: 200 });
  const teamsSig = randomBytes(16).toString('hex');
  const hookPath = randomBytes(12).toString('hex');
  const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const teamsUrl = `${teams.url}/workflows/7f3b/triggers/manual/paths/invoke?api-version=1&sig=${teamsSig}`;
  const hookUrl = `${hook.url}/hooks/${hookPath}`;
  const env = (overrides: Record<string, string> = {}) => ({
    TENANT_ID: SAMPLE_TENANT_ID,
    GRAPH_BASE_URL: sim.baseUrl,
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    TABLE_PREFIX: 'doctor',
    TEAMS_WORKFLOW_URL: teamsUrl,
    WEBHOOK_URLS: hookUrl,
    WEBHOOK_SECRET: webhookSecret,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  return {
    sim,
    azurite,
    teams,
    hook,
    secrets: [
      teamsUrl,
      teamsSig,
      hookUrl,
      hookPath,
      webhookSecret,
      webhookSecret.slice(6),
      azurite.connectionString,
    ],
    env,
    configure(setup) {
      const granted = setup.granted ?? GRANTED;
      token = tokenFor(granted);
      sim.setTenant({
        ...base,
        grantedPermissions: granted,
        ...(setup.licence ? { licence: setup.licence } : {}),
      });
    },
    async doctor(args, envOverride) {
      const io = captureIo(envOverride ?? env());
      const command = makeDoctorCommand(() => ({ credential: staticCredential(token), graphCa: sim.ca }));
      const code = await command(args, io);
      return { code, io };
    },
    async stop() {
      await Promise.allSettled([sim.close(), azurite.stop(), teams.close(), hook.close()]);
    },
  };
}

/** An app-only token for the simulated managed identity whose roles claim lists `roles`. */
export function tokenFor(roles: string[]): string {
  return simulatedAccessToken({
    tid: SAMPLE_TENANT_ID,
    appid: CLIENT_ID,
    oid: PRINCIPAL_ID,
    idtyp: 'app',
    roles,
  });
}

/** A connection string for a port nothing listens on: storage that is down. */
export async function deadStorageConnectionString(): Promise<string> {
  return devConnectionString(await closedPort());
}

/** A local port that was free a moment ago and is closed now. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
