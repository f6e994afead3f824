import { boundText } from '../audit/bound-text';
import type { ChainEvent } from '../audit/chain-event';
import type { TapRef } from './chain-types';

/**
 * Sign-in logs and audit logs are written by different services whose clocks may disagree slightly; a
 * sign-in with the pass is accepted this long either side of its validity.
 */
export const SIGNIN_SKEW_MS = 2 * 60_000;

/** True when `time` lies within the TAP's validity, widened by `skewMs` on both sides. */
export function duringTap(time: string, tap: TapRef['tap'], skewMs = 0): boolean {
  const at = Date.parse(time);
  if (Number.isNaN(at)) return false;
  return at >= Date.parse(tap.start) - skewMs && at <= Date.parse(tap.end) + skewMs;
}

/** The subject's chain events of one kind that pass `accept`, oldest first, one per record. */
export function eventsOf<K extends ChainEvent['kind']>(
  events: readonly ChainEvent[],
  kind: K,
  accept: (event: Extract<ChainEvent, { kind: K }>) => boolean,
): Extract<ChainEvent, { kind: K }>[] {
  const seen = new Set<string>();
  const out: Extract<ChainEvent, { kind: K }>[] = [];
  for (const event of events) {
    if (event.kind !== kind) continue;
    const typed = event as Extract<ChainEvent, { kind: K }>;
    const key = typed.recordId.toLowerCase();
    if (seen.has(key) || !accept(typed)) continue;
    seen.add(key);
    out.push(typed);
  }
  return out.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/** `12 minutes after the TAP was issued` / `5 minutes before …`. */
export function relativeToStart(time: string, tap: TapRef['tap']): string {
  const minutes = Math.round((Date.parse(time) - Date.parse(tap.start)) / 60_000);
  if (minutes === 0) return 'when the TAP became valid';
  const n = Math.abs(minutes);
  return `${n} minute${n === 1 ? '' : 's'} ${minutes > 0 ? 'after' : 'before'} the TAP became valid`;
}

/**
 * Records a chain rule lists in its evidence. A reusable TAP may sign in a thousand times in one cycle,
 * and every listed record carries text bounded only field by field (`bound-text.ts`): the list is cut so
 * the finding stays storable (`store/finding-entity.ts`); the timeline keeps its own, longer list.
 */
export const MAX_EVIDENCE_RECORDS = 20;

/**
 * Longest text of one evidence item, in UTF-16 code units. Evidence lists ids, times and names for
 * machines; the names of real methods, apps and roles fit whole, and a cut one still matches its record
 * by id. A finding's row stores every non-ASCII character as a six-character escape, so list items are
 * kept shorter than event fields.
 */
export const MAX_EVIDENCE_TEXT_CHARS = 256;

/**
 * `{ [name]: items }` for the first MAX_EVIDENCE_RECORDS records, each string of an item cut to
 * MAX_EVIDENCE_TEXT_CHARS with the visible marker, plus `more`, how many records were left out, when
 * there were more (so the count stays whole).
 */
export function listedEvidence<T>(
  name: string,
  records: readonly T[],
  item: (record: T) => Record<string, unknown>,
): Record<string, unknown> {
  const listed = records.slice(0, MAX_EVIDENCE_RECORDS).map((record) => {
    const fields = item(record);
    for (const key of Object.keys(fields)) {
      const value = fields[key];
      if (typeof value === 'string') fields[key] = boundText(value, MAX_EVIDENCE_TEXT_CHARS);
    }
    return fields;
  });
  const evidence: Record<string, unknown> = { [name]: listed };
  if (records.length > MAX_EVIDENCE_RECORDS) evidence.more = records.length - MAX_EVIDENCE_RECORDS;
  return evidence;
}
