import type { TableClient } from '@azure/data-tables';
import { hasRule } from './finding-columns';
import { storedFromEntity } from './finding-entity';
import { findingPartition } from './keys';
import { encodeCursor } from './query-cursor';
import { partitionFilter } from './query-filter';
import { MAX_PAGE_LIMIT, planQuery } from './query-plan';
import type { FindingPage, FindingQuery, StoredFinding } from './store';
import { tableCall } from './table-errors';

/**
 * Table requests one query call may make before it returns what it has with a continuation token: a
 * 90-day range is 91 day partitions, and a sparse rule filter may scan many rows, yet one API call must
 * stay bounded. A page may therefore hold fewer than `limit` items while a token is present.
 */
const REQUEST_BUDGET = 100;

type Entity = Record<string, unknown> & { rowKey?: string };

/**
 * Walks the query's day partitions newest first with one server-side filter each (time, severity, target,
 * initiator; all through `odata`), then applies the rule condition to the returned rows. Without a rule
 * filter each request asks for exactly the items still missing; with one, full pages.
 */
export async function queryTable(
  client: TableClient,
  table: string,
  query: FindingQuery,
): Promise<FindingPage> {
  const plan = planQuery(query);
  const items: StoredFinding[] = [];
  let requests = 0;
  return tableCall(table, 'queryFindings', async () => {
    for (const [dayIndex, day] of plan.days.entries()) {
      if (requests >= REQUEST_BUDGET) return { items, continuationToken: encodeCursor({ day }) };
      const after = dayIndex === 0 ? plan.after : undefined;
      const filter = partitionFilter(findingPartition(query.tenantId, day), query, after);
      const maxPageSize = query.rule ? MAX_PAGE_LIMIT : plan.limit - items.length;
      let lastKey: string | undefined;
      for await (const page of client
        .listEntities<Entity>({ queryOptions: { filter } })
        .byPage({ maxPageSize })) {
        requests += 1;
        for (const [i, entity] of page.entries()) {
          lastKey = entity.rowKey;
          if (query.rule && !hasRule({ ruleIds: String(entity.ruleIds ?? '') }, query.rule)) continue;
          items.push(storedFromEntity(entity));
          if (items.length === plan.limit) {
            const more =
              i < page.length - 1 || page.continuationToken !== undefined || dayIndex < plan.days.length - 1;
            return more
              ? { items, continuationToken: encodeCursor({ day, after: String(entity.rowKey) }) }
              : { items };
          }
        }
        if (requests >= REQUEST_BUDGET && page.continuationToken !== undefined && lastKey !== undefined) {
          return { items, continuationToken: encodeCursor({ day, after: lastKey }) };
        }
      }
    }
    return { items };
  });
}
