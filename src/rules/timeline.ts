import { boundText, TEXT_LIMITS } from '../audit/bound-text';
import type { ChainEvent, ChainEventKind } from '../audit/chain-event';
import { initiatorName } from './describe';

/** What a timeline entry records: the TAP issuance, a chain record, or a burst of issuances. */
export type TimelineKind = 'tap-issued' | ChainEventKind | 'bulk-issuance';

/**
 * One record in a finding's timeline (docs/rules.md). `summary` quotes audit-log text (method, role and app
 * names, UPNs): escape it wherever it is shown.
 */
export interface TimelineEntry {
  /** ISO 8601, as logged. */
  time: string;
  kind: TimelineKind;
  summary: string;
  auditId?: string;
  signInId?: string;
}

/** Most entries a finding keeps: an account signing in all day with a reusable TAP must not grow a row without bound. */
export const MAX_TIMELINE_ENTRIES = 50;

/**
 * Longest summary kept, in UTF-16 code units. A summary joins several event fields, each bounded on its
 * own (`bound-text.ts`), so it is cut again as a whole, with the same marker: MAX_TIMELINE_ENTRIES of them
 * stay far inside the row a finding is stored in (`store/finding-entity.ts`).
 */
export const MAX_SUMMARY_CHARS = TEXT_LIMITS.text;

/**
 * Longest name or address a summary quotes. Names of real accounts, apps, methods and roles fit whole,
 * and a summary that quotes two poisoned names still says what happened to what.
 */
export const MAX_QUOTED_CHARS = 256;

/** `text` as a summary quotes it: cut to MAX_QUOTED_CHARS with the visible marker. */
export function quoted(text: string): string {
  return boundText(text, MAX_QUOTED_CHARS);
}

/**
 * `summary` cut to MAX_SUMMARY_CHARS, marked as cut when it was longer. `correlate` applies it to every
 * entry a chain rule returns, whatever the rule quoted in it.
 */
export function boundSummary(summary: string): string {
  return boundText(summary, MAX_SUMMARY_CHARS);
}

/** Identity of an entry across cycles: the same record read again is the same entry. */
export function entryKey(entry: Pick<TimelineEntry, 'kind' | 'auditId' | 'signInId'>): string {
  return `${entry.kind}|${(entry.auditId ?? entry.signInId ?? '').toLowerCase()}`;
}

/** The timeline entry of a chain record. */
export function entryOf(event: ChainEvent): TimelineEntry {
  const id = event.recordType === 'sign-in' ? { signInId: event.recordId } : { auditId: event.recordId };
  return { time: event.time, kind: event.kind, summary: summaryOf(event), ...id };
}

function summaryOf(event: ChainEvent): string {
  const by = quoted(initiatorName(event.initiator));
  switch (event.kind) {
    case 'tap-signin': {
      const app = event.appDisplayName ? ` to ${quoted(event.appDisplayName)}` : '';
      const from = event.ipAddress ? ` from ${quoted(event.ipAddress)}` : '';
      return `Signed in with the TAP${app}${from}${event.succeeded ? '' : ' (the sign-in as a whole failed)'}`;
    }
    case 'method-registered':
      return `${by} registered ${quoted(event.method)}`;
    case 'method-deleted':
      return `${by} deleted ${quoted(event.method)}`;
    case 'role-activated': {
      const role = quoted(event.role.name ?? event.role.templateId ?? 'a role');
      return `${role} activated through PIM (${event.stage})`;
    }
  }
}

/**
 * Both timelines as one: entries deduplicated by record, oldest first, capped at MAX_TIMELINE_ENTRIES
 * (the oldest kept: they are the beginning of the story). Order-independent, so merging is idempotent.
 */
export function mergeTimelines(
  a: readonly TimelineEntry[] | undefined,
  b: readonly TimelineEntry[] | undefined,
): TimelineEntry[] {
  const byKey = new Map<string, TimelineEntry>();
  for (const entry of [...(a ?? []), ...(b ?? [])])
    if (!byKey.has(entryKey(entry))) byKey.set(entryKey(entry), entry);
  return [...byKey.values()]
    .sort((x, y) => Date.parse(x.time) - Date.parse(y.time) || entryKey(x).localeCompare(entryKey(y)))
    .slice(0, MAX_TIMELINE_ENTRIES);
}
