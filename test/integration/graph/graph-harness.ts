import type { AccessToken, TokenCredential } from '@azure/identity';
import { type Config, loadConfig } from '../../../src/config';
import type { TenantSnapshot } from '../../../src/directory/snapshot';
import { createGraphClient, type GraphClient } from '../../../src/graph/graph-client';
import { createGraphTenantSource, type GraphTenantSource } from '../../../src/graph/graph-tenant-source';
import { type GraphSimulator, startGraphSimulator } from '../../../src/sim/graph-simulator';

export const TEST_TOKEN = 'test-token';

/** Entra cannot be reached here, so tests authenticate with a fixed token the simulator requires. */
export const staticCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({
    token: TEST_TOKEN,
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

/** Records requested waits without spending them. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

export function testConfig(baseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({ TENANT_ID: '11111111-2222-3333-4444-555555555555', GRAPH_BASE_URL: baseUrl, ...env });
}

/** A simulator for one tenant, a real Graph SDK client trusting its certificate, and source factory. */
export interface Harness {
  sim: GraphSimulator;
  client: GraphClient;
  source(options?: { env?: Record<string, string>; now?: Date }): {
    source: GraphTenantSource;
    waits: number[];
  };
  close(): Promise<void>;
}

export async function startHarness(tenant: TenantSnapshot, maxPageSize?: number): Promise<Harness> {
  const sim = await startGraphSimulator({
    tenant,
    token: TEST_TOKEN,
    ...(maxPageSize !== undefined ? { maxPageSize } : {}),
  });
  const client = createGraphClient({ baseUrl: sim.baseUrl, credential: staticCredential, ca: sim.ca });
  return {
    sim,
    client,
    source: (options = {}) => {
      const { sleep, waits } = recordingSleep();
      const source = createGraphTenantSource({
        client,
        config: testConfig(sim.baseUrl, options.env),
        now: options.now ?? new Date(),
        sleep,
      });
      return { source, waits };
    },
    close: async () => {
      await client.close();
      await sim.close();
    },
  };
}

/** Drains an audit page iterator, keeping the page sizes. */
export async function readPages(pages: AsyncIterable<unknown[]>): Promise<unknown[][]> {
  const all: unknown[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}
