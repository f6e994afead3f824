import { odata } from '@azure/data-tables';
import { severityRank } from '../severity';
import { type FindingIndex, hasRule } from './finding-columns';
import type { FindingQuery } from './store';

/** The row-level conditions of a query (everything but the day partition and the paging). */
export type RowConditions = Pick<
  FindingQuery,
  'since' | 'until' | 'severity' | 'minSeverity' | 'rule' | 'target' | 'initiator'
>;

/**
 * Server-side filter for one day partition. Every value goes through the `odata` template, which quotes
 * and escapes it; the pieces are joined only with a literal ` and `. The rule condition is not here:
 * Tables has no `contains`, so `rowMatches` applies it to the rows the service returns.
 */
export function partitionFilter(partitionKey: string, conditions: RowConditions, after?: string): string {
  const parts = [
    odata`PartitionKey eq ${partitionKey}`,
    odata`activityDateTime ge ${conditions.since.toISOString()}`,
    odata`activityDateTime le ${conditions.until.toISOString()}`,
  ];
  if (after !== undefined) parts.push(odata`RowKey gt ${after}`);
  if (conditions.severity) parts.push(odata`severity eq ${conditions.severity}`);
  if (conditions.minSeverity) parts.push(odata`severityRank ge ${severityRank(conditions.minSeverity)}`);
  if (conditions.target) {
    const target = conditions.target.toLowerCase();
    parts.push(odata`(targetUpn eq ${target} or targetId eq ${target})`);
  }
  if (conditions.initiator) {
    const initiator = conditions.initiator.toLowerCase();
    parts.push(odata`(initiator eq ${initiator} or initiatorId eq ${initiator})`);
  }
  return parts.join(' and ');
}

/**
 * The same conditions evaluated in memory, for the in-memory twin (the Table store applies only the rule
 * condition itself, through `hasRule`). Contract tests hold both stores to identical results.
 */
export function rowMatches(index: FindingIndex, conditions: RowConditions): boolean {
  const since = conditions.since.toISOString();
  const until = conditions.until.toISOString();
  if (index.activityDateTime < since || index.activityDateTime > until) return false;
  if (conditions.severity && index.severity !== conditions.severity) return false;
  if (conditions.minSeverity && index.severityRank < severityRank(conditions.minSeverity)) return false;
  if (conditions.target) {
    const target = conditions.target.toLowerCase();
    if (index.targetUpn !== target && index.targetId !== target) return false;
  }
  if (conditions.initiator) {
    const initiator = conditions.initiator.toLowerCase();
    if (index.initiator !== initiator && index.initiatorId !== initiator) return false;
  }
  return !conditions.rule || hasRule(index, conditions.rule);
}
