import { SELECTED_AUDIT_ACTIVITIES } from '../audit/audit-activities';
import { auditQueryPath, clampToRetention, retentionFloorFrom } from './audit-query';
import { GraphServiceError } from './graph-errors';
import type { GraphHttp } from './graph-http';
import { type GraphPage, toPage } from './graph-pages';
import { odataDateTime } from './odata-literals';
import type { AuditWindow } from './tenant-source';

/** Kept above a floor Graph named, since that floor keeps moving while we retry. */
const NARROWING_MARGIN_MS = 60_000;

export interface AuditPagesOptions {
  /** `$top`; Graph's practical maximum is 1000. */
  pageSize: number;
  now: Date;
  /** Tenant audit retention in days (7 Free, 30 P1/P2). */
  retentionDays: number;
  /** Receives degradations worth a line in the cycle summary. */
  warn: (message: string) => void;
  /** Activities to select, one filtered request each; default `SELECTED_AUDIT_ACTIVITIES`. */
  activities?: readonly string[];
}

/**
 * Audit records of the selected activities in the window, one page at a time: only the current page is
 * held, so memory does not grow with the window. Each activity is one filtered query followed through
 * its nextLinks, so requests = pages + (activities − 1) at most: a constant above the page count. A 400
 * naming the retention floor narrows the window start to that floor, for this and every later activity.
 */
export async function* auditPages(
  http: GraphHttp,
  requested: AuditWindow,
  options: AuditPagesOptions,
): AsyncGenerator<unknown[]> {
  const { window: clampedWindow, clamped } = clampToRetention(requested, options.now, options.retentionDays);
  if (clamped) {
    options.warn(
      `audit window start moved to ${odataDateTime(clampedWindow.from, 'floor')} (${options.retentionDays}-day retention)`,
    );
  }
  let window = clampedWindow;
  for (const activity of options.activities ?? SELECTED_AUDIT_ACTIVITIES) {
    if (window.from.getTime() > window.to.getTime()) return;
    const first = await firstPage(http, window, activity, options);
    window = first.window;
    let page = first.page;
    if (!page) continue;
    for (;;) {
      http.countPage();
      yield page.value;
      if (!page.nextLink) break;
      page = toPage(await http.get(page.nextLink), page.nextLink);
    }
  }
}

async function firstPage(
  http: GraphHttp,
  window: AuditWindow,
  activity: string,
  options: AuditPagesOptions,
): Promise<{ page: GraphPage | undefined; window: AuditWindow }> {
  const first = auditQueryPath(window, options.pageSize, activity);
  try {
    return { page: toPage(await http.get(first), first), window };
  } catch (error) {
    const floor =
      error instanceof GraphServiceError && error.status === 400
        ? retentionFloorFrom(error.graphMessage)
        : undefined;
    if (!floor) throw error;
    const from = new Date(floor.getTime() + NARROWING_MARGIN_MS);
    options.warn(
      `Graph refused audit records before ${floor.toISOString()}: window start narrowed to ${odataDateTime(from, 'floor')}`,
    );
    const narrowed = { from, to: window.to };
    if (from.getTime() > window.to.getTime()) return { page: undefined, window: narrowed };
    const retry = auditQueryPath(narrowed, options.pageSize, activity);
    return { page: toPage(await http.get(retry), retry), window: narrowed };
  }
}
