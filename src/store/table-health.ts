import type { TableClient } from '@azure/data-tables';
import { asciiJson } from './finding-entity';
import { escapeKey } from './keys';
import type { TenantHealth } from './store';
import { readOrUndefined, tableCall } from './table-errors';

/** RowKey of the health row, beside the checkpoint's `poll` row in the checkpoint table. */
const ROW_KEY = 'health';

type Entity = Record<string, unknown> & { etag: string };

/**
 * The tenant's health row: per-channel delivery health and the last cycle's quarantined findings, as one
 * JSON property. Its own row, so the checkpoint row's ETag-guarded writes are untouched by it.
 */
export class HealthTable {
  constructor(
    private readonly client: TableClient,
    private readonly name: string,
  ) {}

  async get(tenantId: string): Promise<TenantHealth | undefined> {
    const entity = await readOrUndefined(this.name, 'getEntity', () =>
      this.client.getEntity<Entity>(escapeKey(tenantId), ROW_KEY),
    );
    if (!entity || typeof entity.health !== 'string') return undefined;
    return parseHealth(tenantId, entity.health);
  }

  async put(health: TenantHealth): Promise<void> {
    const entity = { partitionKey: escapeKey(health.tenantId), rowKey: ROW_KEY, health: asciiJson(health) };
    await tableCall(this.name, 'upsertEntity', () => this.client.upsertEntity(entity, 'Replace'));
  }
}

/** A row that does not parse reads as absent health, not as an error: health must still answer. */
export function parseHealth(tenantId: string, json: string): TenantHealth | undefined {
  try {
    const value = JSON.parse(json) as Partial<TenantHealth>;
    return {
      tenantId,
      updatedAt: String(value.updatedAt ?? ''),
      channels: value.channels ?? {},
      quarantine: value.quarantine ?? { count: 0, auditIds: [] },
    };
  } catch {
    return undefined;
  }
}
