import type { Config, Env } from '../config';
import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime';
import type { FindingStore } from '../store/store';
import { tenantConfig } from './tenant-config';
import { tenantCredential } from './tenant-credential';
import type { TenantRecord } from './tenant-record';

export interface TenantRuntimesOptions {
  /** The deployment's environment: the base every tenant's settings overlay. */
  env: Env;
  /** The deployment's own (home) configuration: its managed identity signs every tenant in. */
  config: Config;
  /** One store for every tenant: keys carry the tenant, so sharing it shares no data. */
  store: () => Promise<FindingStore>;
  /** Local runs: the simulator's credential and CA for a tenant instead of Entra. */
  runtimeOptions?: (tenant: TenantRecord) => RuntimeOptions;
  /** Most tenant runtimes kept per worker (each holds a Graph connection pool); default 64. */
  maxCached?: number;
}

/**
 * Per-tenant runtimes for one worker: each tenant's `Config` (the overlay), its own credential and Graph
 * client, and its own channels, over the shared store. A runtime is rebuilt when the tenant's record
 * changes, and the least recently used one is closed beyond `maxCached`.
 */
export class TenantRuntimes {
  private readonly cache = new Map<string, { version: string; runtime: Runtime }>();

  constructor(private readonly options: TenantRuntimesOptions) {}

  async forTenant(tenant: TenantRecord): Promise<Runtime> {
    const version = JSON.stringify(tenant);
    const hit = this.cache.get(tenant.tenantId);
    if (hit && hit.version === version) {
      this.cache.delete(tenant.tenantId);
      this.cache.set(tenant.tenantId, hit);
      return hit.runtime;
    }
    if (hit) {
      this.cache.delete(tenant.tenantId);
      await hit.runtime.close();
    }
    const config = tenantConfig(this.options.env, tenant);
    const store = await this.options.store();
    const extra: RuntimeOptions = this.options.runtimeOptions?.(tenant) ?? {
      credential: tenantCredential(tenant, this.options.config),
    };
    const runtime = createRuntime(config, { ...extra, store });
    this.cache.set(tenant.tenantId, { version, runtime });
    await this.evict();
    return runtime;
  }

  async close(): Promise<void> {
    const runtimes = [...this.cache.values()];
    this.cache.clear();
    for (const { runtime } of runtimes) await runtime.close();
  }

  private async evict(): Promise<void> {
    const max = this.options.maxCached ?? 64;
    while (this.cache.size > max) {
      const [oldest] = this.cache.keys();
      if (oldest === undefined) return;
      const entry = this.cache.get(oldest);
      this.cache.delete(oldest);
      await entry?.runtime.close();
    }
  }
}
