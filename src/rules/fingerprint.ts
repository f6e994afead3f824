import { createHash } from 'node:crypto';

/**
 * Finding id: sha256 of tenant + TAP id (else correlation id) + target id, as 32 hex characters
 * (128 bits: collisions are negligible at any audit volume). Hex keeps it a valid Table RowKey
 * (no `/ \ # ?`). Ids are lower-cased because Graph and Log Analytics do not agree on GUID case,
 * and the same TAP must give the same id whichever source reported it.
 */
export function fingerprint(tenantId: string, tapOrCorrelationId: string, targetId: string): string {
  return createHash('sha256')
    .update([tenantId, tapOrCorrelationId, targetId].map((part) => part.trim().toLowerCase()).join('\n'))
    .digest('hex')
    .slice(0, 32);
}
