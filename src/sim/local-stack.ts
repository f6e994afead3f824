import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '../config';
import type { TenantSnapshot } from '../directory/snapshot';
import { createRuntime, type Runtime } from '../runtime';
import { type AzuriteTables, startAzurite } from '../store/azurite';
import { type AlertReceiver, startAlertReceiver } from './alert-receiver';
import { type GraphSimulator, startGraphSimulator } from './graph-simulator';
import { staticCredential } from './static-credential';

/** Everything a local end-to-end run needs, on 127.0.0.1 and free ports: nothing here reaches Azure. */
export interface LocalStack {
  config: Config;
  runtime: Runtime;
  sim: GraphSimulator;
  azurite: AzuriteTables;
  receiver: AlertReceiver;
  /** The bearer token the simulator accepts (for runtimes built from `config` by other callers). */
  graphToken: string;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  tenant: TenantSnapshot;
  /** Extra or overriding settings (e.g. ALLOWED_TAP_APP_IDS, ALERT_MAX_ATTEMPTS). */
  env?: Record<string, string>;
  /** Replaces real waits (Graph Retry-After, alert backoff) so fault runs stay fast. */
  sleep?: (ms: number) => Promise<void>;
  /** Persist Azurite's tables in this folder so they survive `azurite.restart()` (default: memory only). */
  azuriteLocation?: string;
  /** Makes the simulator enforce the tenant licence's audit retention against this clock. */
  retentionClock?: () => Date;
}

const FALLBACK_TENANT_ID = '00000000-0000-4000-8000-000000000001';

/**
 * Starts the HTTPS Graph simulator serving `tenant`, an in-memory Azurite, and an alert receiver standing in
 * for a Teams workflow and a webhook consumer; wires a runtime to them through the real Graph client, Table
 * store and alert channels. `stop()` shuts everything down and leaves nothing running.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const token = randomBytes(18).toString('base64url');
  const webhookSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const stops: Array<() => Promise<void>> = [];
  try {
    const sim = await startGraphSimulator({
      tenant: options.tenant,
      token,
      ...(options.retentionClock ? { retentionClock: options.retentionClock } : {}),
    });
    stops.push(() => sim.close());
    const azurite = await startAzurite(options.azuriteLocation ? { location: options.azuriteLocation } : {});
    stops.push(() => azurite.stop());
    const receiver = await startAlertReceiver({ webhookSecret });
    stops.push(() => receiver.close());
    const config = loadConfig({
      TENANT_ID: options.tenant.tenantId ?? FALLBACK_TENANT_ID,
      GRAPH_BASE_URL: sim.baseUrl,
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      TEAMS_WORKFLOW_URL: `${receiver.url}/teams/workflows/tapwatch?sig=${randomBytes(16).toString('hex')}`,
      WEBHOOK_URLS: `${receiver.url}/webhook/siem`,
      WEBHOOK_SECRET: webhookSecret,
      LOG_LEVEL: 'silent',
      ...options.env,
    });
    const runtime = createRuntime(config, {
      credential: staticCredential(token),
      graphCa: sim.ca,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    stops.push(() => runtime.close());
    return { config, runtime, sim, azurite, receiver, graphToken: token, stop: () => stopAll(stops) };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

/** Stops in reverse start order; safe to call twice (the list is emptied). Shared by the local stacks. */
export async function stopAll(stops: Array<() => Promise<void>>): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
}
