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
import { type LatencyModel, publishDelayMs, withoutAnnotations } from './publishing';

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
  /** When the record becomes queryable (epoch ms): activity time plus its publish delay. */
  publishedMs: number;
  service: unknown;
  activity: unknown;
  record: Json;
}

export interface AuditPageContext {
  baseUrl: string;
  maxPageSize: number;
  /** Oldest time the "tenant" still keeps; a filter reaching before it is a 400, as in Graph. */
  retentionFloor?: Date;
  /** The simulator's clock (epoch ms): records published after it are not served yet. Absent: all are. */
  nowMs?: number;
}

/** Which records a run of cycles read, for checking that none was missed. */
export interface AuditCoverage {
  /** Records with activity in the span, published by `byMs`, at most `maxLatenessMs` late. */
  published: number;
  /** Of those, records served at least once. */
  served: number;
  /** Audit ids of those never served (at most 20). */
  missedIds: string[];
  missed: number;
}

/**
 * The audit log sorted once, newest first (Graph's order). A query finds its time range by binary
 * search and pages by offset into the sorted list, so each page costs about its own size even for
 * tenants with hundreds of thousands of records.
 */
export class AuditIndex {
  private readonly entries: Entry[];
  /** 1 where the entry at that index was returned in some page. */
  private readonly served: Uint8Array;
  /** Records returned in pages since this index was built (a record served twice counts twice). */
  downloaded = 0;

  /** `latency` delays records without their own `@sim.publishDelayMinutes` (none by default). */
  constructor(audits: readonly unknown[], latency?: LatencyModel) {
    this.entries = audits
      .filter((a): a is Json => typeof a === 'object' && a !== null)
      .map((record) => {
        const parsed = Date.parse(String(record.activityDateTime));
        const ms = Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
        return {
          ms,
          publishedMs: ms + publishDelayMs(record, latency),
          service: record.loggedByService,
          activity: record.activityDisplayName,
          record,
        };
      });
    // Array.prototype.sort is stable: records with equal times keep their file order.
    this.entries.sort((a, b) => b.ms - a.ms || 0);
    this.served = new Uint8Array(this.entries.length);
  }

  /**
   * How many records of an activity span were served (see AuditCoverage); for benchmarks and tests.
   * `activities` limits the count to records a client asks for (by `activityDisplayName`); all by default.
   */
  coverage(
    fromMs: number,
    toMs: number,
    maxLatenessMs: number,
    byMs: number,
    activities?: readonly string[],
  ): AuditCoverage {
    const out: AuditCoverage = { published: 0, served: 0, missed: 0, missedIds: [] };
    this.entries.forEach((entry, i) => {
      if (entry.ms < fromMs || entry.ms > toMs || !asked(entry, activities)) return;
      if (entry.publishedMs > byMs || entry.publishedMs - entry.ms > maxLatenessMs) return;
      out.published += 1;
      if (this.served[i] === 1) out.served += 1;
      else {
        out.missed += 1;
        if (out.missedIds.length < 20) out.missedIds.push(String(entry.record.id));
      }
    });
    return out;
  }

  /** Records published in [fromMs, toMs) (by publish time, whatever their activity time), of `activities`. */
  publishedBetween(fromMs: number, toMs: number, activities?: readonly string[]): number {
    let count = 0;
    for (const entry of this.entries) {
      if (entry.publishedMs >= fromMs && entry.publishedMs < toMs && asked(entry, activities)) count += 1;
    }
    return count;
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
    const clock = context.nowMs ?? Number.POSITIVE_INFINITY;
    const matches = (i: number): boolean => {
      const entry = this.entries[i] as Entry;
      return entry.publishedMs <= clock && auditMatches(filter, entry);
    };
    const value: Json[] = [];
    let i = Math.max(start, decodeSkipToken(params.get('$skiptoken')));
    for (; i < end && value.length < top; i += 1) {
      if (!matches(i)) continue;
      value.push(project(withoutAnnotations((this.entries[i] as Entry).record), select));
      this.served[i] = 1;
    }
    this.downloaded += value.length;
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

function asked(entry: Entry, activities: readonly string[] | undefined): boolean {
  return activities === undefined || activities.includes(String(entry.activity));
}
