import { CHAIN_QUERY_ACTIVITIES } from '../audit/chain-activities';
import { withQuery } from './graph-paths';
import { odataDateTime, odataString } from './odata-literals';
import type { AuditWindow } from './tenant-source';

export const DIRECTORY_AUDITS_PATH = '/auditLogs/directoryAudits';

/** The service that logs TAP creations; the only one requested, so unrelated traffic never downloads. */
export const AUTHENTICATION_METHODS_SERVICE = 'Authentication Methods';

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

/** `loggedByService eq 'Authentication Methods' and activityDateTime ge … and activityDateTime le …`. */
export function auditFilter(window: AuditWindow): string {
  return [
    `loggedByService eq ${odataString(AUTHENTICATION_METHODS_SERVICE)}`,
    `activityDateTime ge ${odataDateTime(window.from, 'floor')}`,
    `activityDateTime le ${odataDateTime(window.to, 'ceil')}`,
  ].join(' and ');
}

/**
 * `activityDisplayName eq '<activity>' and activityDateTime ge … and …`: chain activities logged by other
 * services (PIM, Device Registration Service), selected by name as documented for directoryAudits
 * (https://learn.microsoft.com/en-us/graph/api/directoryaudit-list, `activityDisplayName` eq).
 */
export function activityFilter(activity: string, window: AuditWindow): string {
  return [
    `activityDisplayName eq ${odataString(activity)}`,
    `activityDateTime ge ${odataDateTime(window.from, 'floor')}`,
    `activityDateTime le ${odataDateTime(window.to, 'ceil')}`,
  ].join(' and ');
}

/**
 * What one cycle selects: the Authentication Methods service (TAPs, method registrations and deletions),
 * then each chain activity of another service by name (`CHAIN_QUERY_ACTIVITIES`). `undefined` is the
 * service query; each is paged on its own, so requests = pages + one per chain activity.
 */
export const AUDIT_SELECTIONS: readonly (string | undefined)[] = [undefined, ...CHAIN_QUERY_ACTIVITIES];

/** First-page request for the window (for one chain activity when given); later pages come from `@odata.nextLink`. */
export function auditQueryPath(window: AuditWindow, pageSize: number, activity?: string): string {
  return withQuery(DIRECTORY_AUDITS_PATH, {
    $filter: activity === undefined ? auditFilter(window) : activityFilter(activity, window),
    $select: AUDIT_SELECT.join(','),
    $top: pageSize,
  });
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
