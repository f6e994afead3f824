import { field, type JsonObject, text } from './fields';
import { modifiedProperties } from './tap-creation';
import type { TapDetails } from './tap-event';

/** `TemporaryAccessPass.` repeated: the 2022 export uses one, later logs two. */
const TAP_PREFIX = /^\s*(temporaryaccesspass\.?)+/i;

/**
 * Reads the pass from a target's modified properties by the last name segment (`Id`,
 * `StartDateTime`, `EndDateTime` or `EndTime`, `AccessPassUsage`), JSON-decoding each new value.
 * Properties not named `TemporaryAccessPass*` are ignored; the pass code is never logged.
 */
export function readTapDetails(target: JsonObject): TapDetails {
  const tap: TapDetails = {};
  for (const property of modifiedProperties(target)) {
    const name = text(property, 'displayName', 'name') ?? '';
    if (!TAP_PREFIX.test(name)) continue;
    const segment = (name.replace(TAP_PREFIX, '').split('.').pop() ?? '').trim().toLowerCase();
    const value = decodeValue(field(property, 'newValue'));
    if (value === undefined) continue;
    if (segment === 'id') tap.id = value;
    else if (segment === 'startdatetime' || segment === 'starttime') tap.startDateTime = value;
    else if (segment === 'enddatetime' || segment === 'endtime') tap.endDateTime = value;
    else if (segment === 'accesspassusage' || segment === 'usage') tap.usage = value;
  }
  const lifetime = lifetimeMinutes(tap.startDateTime, tap.endDateTime);
  if (lifetime !== undefined) tap.lifetimeMinutes = lifetime;
  return tap;
}

/**
 * New values are JSON text (`"\"Multiple\""`); some exports hold plain text or a one-element array.
 * Returns undefined for empty values.
 */
export function decodeValue(raw: unknown): string | undefined {
  let value: unknown = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      // Plain text: keep it as logged.
    }
  }
  if (Array.isArray(value) && value.length === 1) value = value[0];
  if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** end − start in whole minutes (rounded: logs carry sub-millisecond noise); undefined if unknown or negative. */
export function lifetimeMinutes(start: string | undefined, end: string | undefined): number | undefined {
  if (start === undefined || end === undefined) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.round(ms / 60_000);
}
