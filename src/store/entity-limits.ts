import { UnstorableFindingError } from '../errors';
import type { Finding } from '../rules/finding';

/**
 * Limits of a Table entity, from "Understanding the Table service data model"
 * (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model):
 * a String property holds at most 64 KiB (32,768 UTF-16 code units) and all of an entity's properties
 * together at most 1 MiB. Azurite enforces the first (PropertyValueTooLarge above 32,768 characters) but
 * not the second, so both are checked here, before any request, in both stores.
 */
export const MAX_STRING_PROPERTY_CHARS = 32_768;
export const MAX_ENTITY_BYTES = 1_048_576;
/**
 * Entity group transactions hold at most 100 operations, all in one partition
 * (https://learn.microsoft.com/en-us/rest/api/storageservices/performing-entity-group-transactions).
 */
export const TRANSACTION_LIMIT = 100;
/** Room kept for PartitionKey and RowKey (up to 1 KiB each, UTF-16) and the system properties. */
const KEYS_ALLOWANCE_BYTES = 4_200;

/**
 * Service error codes that mean "this entity can never be written as it is" (Table service error codes,
 * https://learn.microsoft.com/rest/api/storageservices/table-service-error-codes; RequestBodyTooLarge is
 * the common storage code, answered with 413). Retrying cannot help: the finding is quarantined.
 */
const UNSTORABLE_CODES = new Set(['PropertyValueTooLarge', 'EntityTooLarge', 'RequestBodyTooLarge']);

export function isUnstorableCode(code: string | undefined): boolean {
  return code !== undefined && UNSTORABLE_CODES.has(code);
}

/**
 * Throws `UnstorableFindingError` naming the first property over the limit, or the entity size, using the
 * size rule Microsoft documents for entities (per property 8 bytes + 2 per name character + the value:
 * 4 + 2 per character for strings, 8 for numbers).
 */
export function checkEntityLimits(
  finding: Pick<Finding, 'id' | 'audit'>,
  properties: Record<string, string | number>,
): void {
  let bytes = KEYS_ALLOWANCE_BYTES;
  for (const [name, value] of Object.entries(properties)) {
    if (typeof value === 'string' && value.length > MAX_STRING_PROPERTY_CHARS) {
      throw new UnstorableFindingError(
        finding.id,
        finding.audit.ids,
        `column ${name} would hold ${value.length} characters, over the ${MAX_STRING_PROPERTY_CHARS} a Table string property holds`,
      );
    }
    bytes += 8 + name.length * 2 + (typeof value === 'string' ? 4 + value.length * 2 : 8);
  }
  if (bytes > MAX_ENTITY_BYTES) {
    throw new UnstorableFindingError(
      finding.id,
      finding.audit.ids,
      `the row would take about ${bytes} bytes, over the ${MAX_ENTITY_BYTES} a Table entity holds`,
    );
  }
}
