import type { Config } from '../config';
import { loadDirectoryFromGraph } from '../directory/graph-loader';
import { auditPages } from './audit-pages';
import type { GraphClient } from './graph-client';
import { createGraphHttp } from './graph-http';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { signInPage } from './signins-query';
import type { AuditWindow, DirectoryLoad, TenantSource } from './tenant-source';
import { realSleep, type Sleep, ThrottleBudget } from './throttle-budget';

export interface GraphTenantSourceOptions {
  client: GraphClient;
  config: Config;
  /** Cycle time: the retention clamp is computed from it. */
  now: Date;
  /** Injected by tests to record waits instead of spending them. */
  sleep?: Sleep;
  retry?: RetryPolicy;
}

/** The Graph source plus the degradations it met (window clamped or narrowed, eligibility missing). */
export interface GraphTenantSource extends TenantSource {
  warnings(): string[];
}

/**
 * Reads one cycle's data from Microsoft Graph. Create one per cycle: the throttle budget, the request
 * counts and the warnings all belong to that cycle.
 */
export function createGraphTenantSource(options: GraphTenantSourceOptions): GraphTenantSource {
  const { config, now } = options;
  const budget = new ThrottleBudget(config.graphThrottleBudgetMs, options.sleep ?? realSleep);
  const http = createGraphHttp({
    client: options.client,
    budget,
    retry: options.retry ?? DEFAULT_RETRY_POLICY,
  });
  const warnings: string[] = [];
  return {
    auditPages: (window: AuditWindow) =>
      auditPages(http, window, {
        pageSize: config.graphPageSize,
        now,
        retentionDays: config.auditRetentionDays,
        warn: (message) => warnings.push(message),
      }),
    async loadDirectory(): Promise<DirectoryLoad> {
      const load = await loadDirectoryFromGraph(http);
      warnings.push(...load.warnings);
      return load;
    },
    signIns: (userId, window) => signInPage(http, userId, window),
    stats: () => http.stats(),
    warnings: () => [...warnings],
  };
}
