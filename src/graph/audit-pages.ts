import { AUDIT_SELECTIONS, auditQueryPath, clampToRetention, retentionFloorFrom } from './audit-query';
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
}

/**
 * Authentication Methods and chain-activity audit records in the window, one page at a time: only the current page is
 * held, so memory does not grow with the window. A 400 naming the retention floor narrows the
 * window start to that floor and retries once.
 */
export async function* auditPages(
  http: GraphHttp,
  requested: AuditWindow,
  options: AuditPagesOptions,
): AsyncGenerator<unknown[]> {
  const { window, clamped } = clampToRetention(requested, options.now, options.retentionDays);
  if (clamped) {
    options.warn(
      `audit window start moved to ${odataDateTime(window.from, 'floor')} (${options.retentionDays}-day retention)`,
    );
  }
  if (window.from.getTime() > window.to.getTime()) return;
  let current = window;
  for (const activity of AUDIT_SELECTIONS) {
    const first = await firstPage(http, current, options, activity);
    if (!first) return;
    // A floor Graph named for one selection holds for the next ones: they start inside it.
    current = first.window;
    let page = first.page;
    for (;;) {
      http.countPage();
      // Most chain selections are empty most of the time: an empty page is counted, not handed on.
      if (page.value.length > 0) yield page.value;
      if (!page.nextLink) break;
      page = toPage(await http.get(page.nextLink), page.nextLink);
    }
  }
}

async function firstPage(
  http: GraphHttp,
  window: AuditWindow,
  options: AuditPagesOptions,
  activity: string | undefined,
): Promise<{ page: GraphPage; window: AuditWindow } | undefined> {
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
    if (from.getTime() > window.to.getTime()) return undefined;
    const narrowed = { from, to: window.to };
    const retry = auditQueryPath(narrowed, options.pageSize, activity);
    return { page: toPage(await http.get(retry), retry), window: narrowed };
  }
}
