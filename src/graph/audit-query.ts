import { SELECTED_AUDIT_ACTIVITIES } from '../audit/audit-activities';
import { withQuery } from './graph-paths';
import { odataDateTime, odataString } from './odata-literals';
import type { AuditWindow } from './tenant-source';

export const DIRECTORY_AUDITS_PATH = '/auditLogs/directoryAudits';

/** Fields the normalizer reads; everything else stays on the server. */
export const AUDIT_SELECT = [
  'id',
  'category',
  'correlationId',
  'result',
  'resultReason',
  'activityDisplayName',
  'activityDateTime',
  'loggedByService',
  'initiatedBy',
  'targetResources',
  'additionalDetails',
] as const;

/** Kept between the retention floor and the window start, so a floor that moves mid-cycle is not hit. */
export const RETENTION_MARGIN_MS = 5 * 60_000;

/**
 * `activityDisplayName eq '…' and activityDateTime ge … and activityDateTime le …`: the operators the
 * directoryAudit reference documents (activityDisplayName: eq, startswith; activityDateTime: eq, ge,
 * le — https://learn.microsoft.com/en-us/graph/api/resources/directoryaudit). `or` and `in` are not
 * documented for this API, so each activity gets its own request.
 */
export function auditFilter(window: AuditWindow, activity: string): string {
  return [
    `activityDisplayName eq ${odataString(activity)}`,
    `activityDateTime ge ${odataDateTime(window.from, 'floor')}`,
    `activityDateTime le ${odataDateTime(window.to, 'ceil')}`,
  ].join(' and ');
}

/** First-page request for one activity in the window; later pages come from `@odata.nextLink`. */
export function auditQueryPath(window: AuditWindow, pageSize: number, activity: string): string {
  return withQuery(DIRECTORY_AUDITS_PATH, {
    $filter: auditFilter(window, activity),
    $select: AUDIT_SELECT.join(','),
    $top: pageSize,
  });
}

/** One first-page request per selected activity: the constant part of a cycle's audit requests. */
export function auditQueryPaths(
  window: AuditWindow,
  pageSize: number,
  activities: readonly string[] = SELECTED_AUDIT_ACTIVITIES,
): string[] {
  return activities.map((activity) => auditQueryPath(window, pageSize, activity));
}

/**
 * Moves the window start inside the tenant's audit retention (asking for older data is a 400).
 * `clamped` says whether it moved.
 */
export function clampToRetention(
  window: AuditWindow,
  now: Date,
  retentionDays: number,
): { window: AuditWindow; clamped: boolean } {
  const floor = now.getTime() - retentionDays * 86_400_000 + RETENTION_MARGIN_MS;
  if (window.from.getTime() >= floor) return { window, clamped: false };
  return { window: { from: new Date(floor), to: window.to }, clamped: true };
}

/**
 * The time in Graph's "Minimum allowed time for activityDateTime is <t>" answer. The wording of the
 * time is not documented, so anything `Date.parse` reads is accepted; undefined when absent.
 */
export function retentionFloorFrom(message: string | undefined): Date | undefined {
  const match = /minimum allowed time for activityDateTime is\s+([^\s'"]+(?:\s+[0-9:]+(?:\s*[AP]M)?)?)/i.exec(
    message ?? '',
  );
  const text = match?.[1]?.replace(/[.,;]+$/, '');
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
