import { ODataError } from './odata-error';
import { type AuditFilter, auditMatches, parseAuditFilter } from './odata-filter';
import {
  checkOptions,
  decodeSkipToken,
  type Json,
  nextLink,
  parseSelect,
  parseTop,
  project,
} from './odata-query';

/** Properties of `microsoft.graph.directoryAudit` (v1.0); `$select` accepts only these. */
const AUDIT_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'category',
  'correlationId',
  'result',
  'resultReason',
  'activityDisplayName',
  'activityDateTime',
  'loggedByService',
  'operationType',
  'initiatedBy',
  'targetResources',
  'additionalDetails',
]);

interface Entry {
  /** activityDateTime in epoch ms; unreadable times sort last and match no time bound. */
  ms: number;
  service: unknown;
  activity: unknown;
  record: Json;
}

export interface AuditPageContext {
  baseUrl: string;
  maxPageSize: number;
  /** Oldest time the "tenant" still keeps; a filter reaching before it is a 400, as in Graph. */
  retentionFloor?: Date;
}

/**
 * The audit log sorted once, newest first (Graph's order). A query finds its time range by binary
 * search and pages by offset into the sorted list, so each page costs about its own size even for
 * tenants with hundreds of thousands of records.
 */
export class AuditIndex {
  private readonly entries: Entry[];

  constructor(audits: readonly unknown[]) {
    this.entries = audits
      .filter((a): a is Json => typeof a === 'object' && a !== null)
      .map((record) => {
        const ms = Date.parse(String(record.activityDateTime));
        return {
          ms: Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms,
          service: record.loggedByService,
          activity: record.activityDisplayName,
          record,
        };
      });
    // Array.prototype.sort is stable: records with equal times keep their file order.
    this.entries.sort((a, b) => b.ms - a.ms || 0);
  }

  /** Answers GET /auditLogs/directoryAudits; `path` includes the version, for the nextLink. */
  page(path: string, params: URLSearchParams, context: AuditPageContext): Json {
    checkOptions(params, ['$filter', '$select', '$top', '$skiptoken']);
    const text = params.get('$filter');
    const filter: AuditFilter = text === null ? { services: [] } : parseAuditFilter(text);
    const floor = context.retentionFloor;
    if (floor && filter.lower && filter.lower.ms < floor.getTime()) {
      const at = `${floor.toISOString().slice(0, 19)}Z`;
      throw new ODataError(`Invalid filter clause: Minimum allowed time for activityDateTime is ${at}.`);
    }
    const select = parseSelect(params.get('$select'), AUDIT_PROPERTIES, 'directoryAudit');
    const top = parseTop(params.get('$top'), context.maxPageSize, context.maxPageSize);
    const [start, end] = this.range(filter);
    const matches = (i: number): boolean => {
      const entry = this.entries[i] as Entry;
      return auditMatches(filter, entry);
    };
    const value: Json[] = [];
    let i = Math.max(start, decodeSkipToken(params.get('$skiptoken')));
    for (; i < end && value.length < top; i += 1) {
      if (matches(i)) value.push(project((this.entries[i] as Entry).record, select));
    }
    while (i < end && !matches(i)) i += 1;
    const body: Json = {
      '@odata.context': `${context.baseUrl}/v1.0/$metadata#auditLogs/directoryAudits`,
      value,
    };
    if (i < end) body['@odata.nextLink'] = nextLink(context.baseUrl, path, params, i);
    return body;
  }

  /** Index range [start, end) of entries inside the filter's time bounds. */
  private range(filter: AuditFilter): [number, number] {
    const { lower, upper } = filter;
    const end = lower
      ? this.firstIndex((ms) => (lower.inclusive ? ms < lower.ms : ms <= lower.ms))
      : this.entries.length;
    const start = upper ? this.firstIndex((ms) => (upper.inclusive ? ms <= upper.ms : ms < upper.ms)) : 0;
    return [start, Math.max(start, end)];
  }

  /** First index whose time satisfies `predicate`, which must be false then true along the list. */
  private firstIndex(predicate: (ms: number) => boolean): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (predicate((this.entries[mid] as Entry).ms)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
