import { ConfigError } from '../errors';
import { asciiJson } from '../store/finding-entity';
import {
  checkOverride,
  parseDisplayName,
  parseTenantId,
  type TenantAuth,
  type TenantRecord,
} from './tenant-record';
import type { TenantRunStatus } from './tenant-registry';

/** Partition of tenant records and of their run status in the `tenants` table. */
export const RECORD_PARTITION = 'tenant';
export const STATUS_PARTITION = 'status';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The table row of a record; overrides are one JSON property (ASCII-escaped, as findings are). */
export function recordEntity(
  record: TenantRecord,
): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
    partitionKey: RECORD_PARTITION,
    rowKey: record.tenantId,
    displayName: record.displayName,
    auth: record.auth,
    enabled: record.enabled,
    overrides: asciiJson(record.overrides),
    updatedAt: record.updatedAt,
  };
  if (record.appClientId) entity.appClientId = record.appClientId;
  if (record.apiTokenSha256) entity.apiTokenSha256 = record.apiTokenSha256;
  return entity;
}

/**
 * A record from its row, validated as on the way in: rows may have been edited by hand in the portal, and
 * a row that does not validate must never be run with half its settings.
 */
export function parseRecordEntity(entity: Record<string, unknown>): TenantRecord {
  const tenantId = parseTenantId(String(entity.rowKey ?? ''), 'RowKey');
  const auth = entity.auth;
  if (auth !== 'managed-identity' && auth !== 'federated-app') {
    throw new ConfigError('auth', 'expected managed-identity or federated-app');
  }
  let overrides: unknown;
  try {
    overrides = JSON.parse(String(entity.overrides ?? '{}'));
  } catch {
    throw new ConfigError('overrides', 'is not JSON');
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new ConfigError('overrides', 'expected a JSON object of setting names to text');
  }
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(overrides)) {
    if (typeof value !== 'string') throw new ConfigError(name, 'expected text');
    checkOverride(name, value);
    clean[name] = value;
  }
  const record: TenantRecord = {
    tenantId,
    displayName: parseDisplayName(String(entity.displayName ?? '')),
    auth: auth as TenantAuth,
    enabled: entity.enabled === true,
    overrides: clean,
    updatedAt: String(entity.updatedAt ?? ''),
  };
  if (typeof entity.appClientId === 'string' && entity.appClientId) {
    record.appClientId = parseTenantId(entity.appClientId, 'appClientId');
  }
  if (record.auth === 'federated-app' && !record.appClientId) {
    throw new ConfigError('appClientId', 'is required for federated-app authentication');
  }
  if (typeof entity.apiTokenSha256 === 'string' && SHA256_HEX.test(entity.apiTokenSha256)) {
    record.apiTokenSha256 = entity.apiTokenSha256;
  }
  return record;
}

export function statusEntity(
  status: TenantRunStatus,
): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return { partitionKey: STATUS_PARTITION, rowKey: status.tenantId, ...withoutTenant(status) };
}

function withoutTenant(status: TenantRunStatus): Record<string, unknown> {
  const { tenantId: _, ...rest } = status;
  return rest;
}

export function parseStatusEntity(entity: Record<string, unknown>): TenantRunStatus {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const known = ['ok', 'partial', 'failed', 'poisoned'] as const;
  const lastStatus = known.find((s) => s === entity.lastStatus) ?? 'failed';
  const status: TenantRunStatus = {
    tenantId: String(entity.rowKey ?? ''),
    lastAttemptAt: text(entity.lastAttemptAt) ?? '',
    lastStatus,
    attempt: count(entity.attempt),
    consecutiveFailures: count(entity.consecutiveFailures),
  };
  const lastError = text(entity.lastError);
  if (lastError) status.lastError = lastError;
  const lastSuccessAt = text(entity.lastSuccessAt);
  if (lastSuccessAt) status.lastSuccessAt = lastSuccessAt;
  const poisonedAt = text(entity.poisonedAt);
  if (poisonedAt) status.poisonedAt = poisonedAt;
  return status;
}
