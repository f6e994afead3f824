import { StoreError, UnstorableFindingError } from '../errors';
import type { Finding } from '../rules/finding';
import { checkEntityLimits } from './entity-limits';
import { findingIndex } from './finding-columns';
import type { AlertStatus, ChannelDelivery, StoredFinding } from './store';

/**
 * Tables caps string properties at 32K characters; a longer finding JSON is split across
 * `finding_0..n` (with `findingParts` = n + 1). Entities are capped at 1 MiB, i.e. at most 16 parts of
 * 64 KiB, less room for the other columns.
 */
const PART_CHARS = 32_000;
const MAX_PARTS = 14;

/** Table properties of a findings row (without keys): full JSON, index columns and alert state. */
export type FindingProperties = Record<string, string | number>;

/**
 * Every column of a findings row for `stored`, ready for createEntity or a Replace update. Throws
 * `UnstorableFindingError` when the row would break a Table limit (a 100 KB UPN in an index column, a
 * finding JSON over what 14 parts hold), so nothing is sent that the service must refuse.
 */
export function findingProperties(stored: StoredFinding): FindingProperties {
  const properties: FindingProperties = { ...findingIndex(stored.finding), ...statusProperties(stored) };
  const parts = splitJson(asciiJson(stored.finding), stored.finding);
  if (parts.length === 1) {
    properties.finding = parts[0] ?? '';
    properties.findingParts = 0;
  } else {
    parts.forEach((part, i) => {
      properties[`finding_${i}`] = part;
    });
    properties.findingParts = parts.length;
  }
  checkEntityLimits(stored.finding, properties);
  return properties;
}

/** The alert-state columns; absent optional fields are written as '' (Merge cannot delete a property). */
export function statusProperties(
  stored: Pick<StoredFinding, 'alertStatus' | 'suppressedBy' | 'alertedAt' | 'deliveries'>,
): FindingProperties {
  return {
    alertStatus: stored.alertStatus,
    suppressedBy: stored.suppressedBy ?? '',
    alertedAt: stored.alertedAt ?? '',
    deliveries: asciiJson(stored.deliveries),
  };
}

/** Reads a findings row back; a row that does not parse is a StoreError naming the row, not its content. */
export function storedFromEntity(entity: Record<string, unknown>): StoredFinding {
  try {
    const partCount = Number(entity.findingParts ?? 0);
    const json =
      partCount > 0
        ? Array.from({ length: partCount }, (_, i) => String(entity[`finding_${i}`] ?? '')).join('')
        : String(entity.finding ?? '');
    const stored: StoredFinding = {
      finding: JSON.parse(json) as Finding,
      alertStatus: String(entity.alertStatus) as AlertStatus,
      deliveries: JSON.parse(String(entity.deliveries || '{}')) as Record<string, ChannelDelivery>,
    };
    if (typeof entity.suppressedBy === 'string' && entity.suppressedBy)
      stored.suppressedBy = entity.suppressedBy;
    if (typeof entity.alertedAt === 'string' && entity.alertedAt) stored.alertedAt = entity.alertedAt;
    return stored;
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new StoreError(
        `findings row ${String(entity.partitionKey)}/${String(entity.rowKey)} is not valid JSON`,
      );
    }
    throw error;
  }
}

/**
 * JSON with every non-ASCII character as a `\\uXXXX` escape: parses back to the same value, and the stored
 * text is plain ASCII, so no client or emulator can mangle a multi-byte character split across request
 * chunks (Azurite does), and splitting into parts can never cut a character in two.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function splitJson(json: string, finding: Pick<Finding, 'id' | 'audit'>): string[] {
  const parts: string[] = [];
  for (let start = 0; start < json.length || parts.length === 0; start += PART_CHARS) {
    parts.push(json.slice(start, start + PART_CHARS));
  }
  if (parts.length > MAX_PARTS) {
    throw new UnstorableFindingError(
      finding.id,
      finding.audit.ids,
      `finding JSON of ${json.length} characters exceeds the ${MAX_PARTS * PART_CHARS} a row holds`,
    );
  }
  return parts;
}
