import pino from 'pino';
import type { AlertChannel } from '../../../src/alerts/channel';
import { loadConfig } from '../../../src/config';
import type { CycleDeps } from '../../../src/cycle';
import type { TenantSnapshot } from '../../../src/directory/snapshot';
import { DeliveryError } from '../../../src/errors';
import { createSnapshotTenantSource } from '../../../src/graph/snapshot-tenant-source';
import type { Finding } from '../../../src/rules/finding';
import {
  buildSampleTenant,
  SAMPLE_TAP_IDS,
  SAMPLE_TENANT_ID,
  SAMPLE_TENANT_SETTINGS,
} from '../../../src/sim/sample-tenant';
import { shiftAuditTimes } from '../../../src/sim/shift-audits';
import { createMemoryStore } from '../../../src/store/memory-store';
import { createMemoryTables, type MemoryTables } from '../../../src/store/memory-tables';

/** An in-memory channel that records what it took and can be told to fail (503, or another status). */
export interface FakeChannel extends AlertChannel {
  taken: Finding[];
  failing: boolean;
  /** Status of the failure while `failing` (default 503, retryable; 4xx are not retried). */
  failStatus: number;
  /** Awaited before each send when set: lets a test hold a delivery in flight. */
  gate?: () => Promise<void>;
}

export function fakeChannel(id: string, kind: AlertChannel['kind'] = 'webhook'): FakeChannel {
  const channel: FakeChannel = {
    id,
    kind,
    taken: [],
    failing: false,
    failStatus: 503,
    async send(finding) {
      if (channel.gate) await channel.gate();
      if (channel.failing) {
        const status = channel.failStatus;
        throw new DeliveryError(`${id} answered ${status}`, status >= 500 || status === 429, status);
      }
      channel.taken.push(finding);
    },
  };
  return channel;
}

export const NOW = new Date('2026-11-20T06:00:00Z');

/** The bundled sample tenant with its newest audit five minutes before `now`. */
export function sampleTenant(now = NOW): TenantSnapshot {
  return shiftAuditTimes(buildSampleTenant(), now, 5);
}

export function cycleConfig(env: Record<string, string> = {}) {
  return loadConfig({
    TENANT_ID: SAMPLE_TENANT_ID,
    ...SAMPLE_TENANT_SETTINGS,
    ALERT_MAX_ATTEMPTS: '1',
    ...env,
  });
}

/** The findings of the sample tenant's chain TAP among those a channel took. */
export const chainFinding = (taken: Finding[]) => taken.filter((f) => f.tap.id === SAMPLE_TAP_IDS.chainTier0);

/** Deps over in-memory twins; `tables` shared between calls makes several "runs" share one store. */
export function memoryDeps(
  tenant: TenantSnapshot,
  channels: AlertChannel[],
  tables: MemoryTables = createMemoryTables(),
  env: Record<string, string> = {},
): CycleDeps & { tables: MemoryTables } {
  return {
    config: cycleConfig(env),
    source: createSnapshotTenantSource(tenant),
    store: createMemoryStore(tables),
    channels,
    logger: pino({ level: 'silent' }),
    sleep: async () => {},
    tables,
  };
}
