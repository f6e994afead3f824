import { randomBytes, randomUUID } from 'node:crypto';
import { type Config, type Env, loadConfig } from '../config';
import type { TenantSnapshot } from '../directory/snapshot';
import { createLogger, type Logger } from '../logging';
import { startAzurite, startAzuriteQueues, withQueueEndpoint } from '../store/azurite';
import type { FindingStore } from '../store/store';
import { createTableStore } from '../store/table-store';
import { type CycleQueue, openCycleQueue } from '../tenants/cycle-queue';
import { enqueueRound, type RoundSummary } from '../tenants/fan-out';
import { type DrainSummary, drainQueue } from '../tenants/local-queue-host';
import { runTenantCycle, type TenantCycleOutcome } from '../tenants/run-tenant-cycle';
import { openTenantRegistry } from '../tenants/table-tenant-registry';
import type { TenantRecord } from '../tenants/tenant-record';
import type { TenantRegistry } from '../tenants/tenant-registry';
import { TenantRuntimes } from '../tenants/tenant-runtimes';
import { type AlertReceiver, startAlertReceiver } from './alert-receiver';
import { type GraphSimulator, startGraphSimulator } from './graph-simulator';
import { stopAll } from './local-stack';
import { staticCredential } from './static-credential';

/** One simulated customer tenant. */
export interface SimulatedTenant {
  tenant: TenantSnapshot;
  displayName: string;
  /** Its Graph answers every request 401 (consent never granted): every attempt fails. */
  failing?: boolean;
  /** Extra per-tenant settings (e.g. ALERT_MIN_SEVERITY). */
  overrides?: Record<string, string>;
  /** Give it alert channels of its own (default true); without, it alerts the deployment's channels. */
  ownChannels?: boolean;
}

export interface TenantEndpoints {
  tenantId: string;
  sim: GraphSimulator;
  /** Its own Teams and webhook receiver (undefined when it alerts the deployment's channels). */
  receiver?: AlertReceiver;
}

export interface MultiTenantStack {
  env: Env;
  config: Config;
  registry: TenantRegistry;
  queue: CycleQueue;
  store: FindingStore;
  runtimes: TenantRuntimes;
  tenants: TenantEndpoints[];
  /** The deployment's own channels (the operator's). */
  operatorReceiver: AlertReceiver;
  /** One timer tick and the queue drained by `concurrency` parallel invocations, as the host would. */
  runRound(
    now: Date,
    concurrency: number,
  ): Promise<{ round: RoundSummary; drain: DrainSummary; outcomes: TenantCycleOutcome[] }>;
  stop(): Promise<void>;
}

export interface MultiTenantStackOptions {
  tenants: SimulatedTenant[];
  env?: Record<string, string>;
  /** Attempts before the poison queue (host.json maxDequeueCount; default 5). */
  maxDequeueCount?: number;
  logger?: Logger;
}

/**
 * Several simulated tenants in one local deployment, each on its own Graph simulator (own port, own
 * token: a tenant is told apart by where its Graph lives, as national-cloud tenants are by GRAPH_BASE_URL),
 * with its own alert receiver; Azurite for tables and the cycle queue; the tenants table filled as
 * `tapwatch tenants add` would. The first tenant is the home tenant (managed identity); the others use the
 * federated app (their credential is the simulator token here). Nothing reaches Azure.
 */
export async function startMultiTenantStack(options: MultiTenantStackOptions): Promise<MultiTenantStack> {
  const stops: Array<() => Promise<void>> = [];
  try {
    const azurite = await startAzurite();
    stops.push(() => azurite.stop());
    const queues = await startAzuriteQueues();
    stops.push(() => queues.stop());
    const connectionString = withQueueEndpoint(azurite.connectionString, queues);
    const operatorSecret = `whsec_${randomBytes(32).toString('base64')}`;
    const operatorReceiver = await startAlertReceiver({ webhookSecret: operatorSecret });
    stops.push(() => operatorReceiver.close());
    const env: Record<string, string> = {
      TENANT_ID: options.tenants[0]?.tenant.tenantId ?? randomUUID(),
      STORAGE_CONNECTION_STRING: connectionString,
      TEAMS_WORKFLOW_URL: `${operatorReceiver.url}/teams/operator?sig=${randomBytes(16).toString('hex')}`,
      WEBHOOK_URLS: `${operatorReceiver.url}/webhook/operator`,
      WEBHOOK_SECRET: operatorSecret,
      LOG_LEVEL: 'silent',
      ...options.env,
    };
    const tenants: TenantEndpoints[] = [];
    const tokens = new Map<string, { token: string; ca: string }>();
    const records: TenantRecord[] = [];
    for (const [i, simulated] of options.tenants.entries()) {
      const tenantId = simulated.tenant.tenantId ?? randomUUID();
      const token = randomBytes(18).toString('base64url');
      const sim = await startGraphSimulator({ tenant: simulated.tenant, token });
      stops.push(() => sim.close());
      tokens.set(tenantId, { token: simulated.failing ? `${token}-not-consented` : token, ca: sim.ca });
      const overrides: Record<string, string> = { GRAPH_BASE_URL: sim.baseUrl, ...simulated.overrides };
      const endpoints: TenantEndpoints = { tenantId, sim };
      if (simulated.ownChannels !== false) {
        const secret = `whsec_${randomBytes(32).toString('base64')}`;
        const receiver = await startAlertReceiver({ webhookSecret: secret });
        stops.push(() => receiver.close());
        env[`TENANT${i}_TEAMS_URL`] = `${receiver.url}/teams/t${i}?sig=${randomBytes(16).toString('hex')}`;
        env[`TENANT${i}_WEBHOOK_URLS`] = `${receiver.url}/webhook/t${i}`;
        env[`TENANT${i}_WEBHOOK_SECRET`] = secret;
        overrides.TEAMS_WORKFLOW_URL = `env:TENANT${i}_TEAMS_URL`;
        overrides.WEBHOOK_URLS = `env:TENANT${i}_WEBHOOK_URLS`;
        overrides.WEBHOOK_SECRET = `env:TENANT${i}_WEBHOOK_SECRET`;
        endpoints.receiver = receiver;
      }
      tenants.push(endpoints);
      records.push({
        tenantId,
        displayName: simulated.displayName,
        auth: i === 0 ? 'managed-identity' : 'federated-app',
        ...(i === 0 ? {} : { appClientId: '3f2a9c1e-5b7d-4e8f-9a6b-1c2d3e4f5a6b' }),
        enabled: true,
        overrides,
        updatedAt: new Date().toISOString(),
      });
    }
    const config = loadConfig(env);
    const registry = await openTenantRegistry({ connectionString });
    for (const record of records) await registry.add(record);
    const store = await createTableStore({ connectionString });
    const queue = await openCycleQueue({ connectionString });
    const runtimes = new TenantRuntimes({
      env,
      config,
      store: async () => store,
      runtimeOptions: (tenant) => {
        const access = tokens.get(tenant.tenantId);
        return access ? { credential: staticCredential(access.token), graphCa: access.ca } : {};
      },
      maxCached: Math.max(64, options.tenants.length),
    });
    stops.push(() => runtimes.close());
    const logger = options.logger ?? createLogger({ level: 'silent' });
    return {
      env,
      config,
      registry,
      queue,
      store,
      runtimes,
      tenants,
      operatorReceiver,
      async runRound(now, concurrency) {
        const round = await enqueueRound(await registry.list(), queue, now, logger);
        const outcomes: TenantCycleOutcome[] = [];
        const drain = await drainQueue({
          queue,
          concurrency,
          ...(options.maxDequeueCount ? { maxDequeueCount: options.maxDequeueCount } : {}),
          handler: async (message, dequeueCount) => {
            outcomes.push(
              await runTenantCycle(
                {
                  registry,
                  runtimes,
                  loggerFor: () => logger,
                  ...(options.maxDequeueCount ? { maxDequeueCount: options.maxDequeueCount } : {}),
                },
                message,
                dequeueCount,
                now,
              ),
            );
          },
        });
        return { round, drain, outcomes };
      },
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}
