import type { TenantSnapshot } from '../directory/snapshot';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;
/** TAP validity properties, whatever the prefix (`TemporaryAccessPass.` or doubled) or end-name variant. */
const TAP_TIME_PROPERTY = /temporaryaccesspass.*\.(startdatetime|enddatetime|endtime)$/i;

/**
 * Moves a tenant's audit log to the present: every `activityDateTime` (and the TAP start/end times in
 * `modifiedProperties`) shifts by one offset so the newest record is `newestAgeMinutes` old. One
 * offset keeps ids, order, gaps and TAP lifetimes intact; sign-ins (`signIns`) move by the same offset. The offset is whole seconds so fractional
 * digits and time-zone suffixes are kept exactly as written. Returns a new snapshot.
 */
export function shiftAuditTimes(tenant: TenantSnapshot, now: Date, newestAgeMinutes = 5): TenantSnapshot {
  const copy = structuredClone(tenant);
  let newest = Number.NEGATIVE_INFINITY;
  for (const audit of copy.directoryAudits) {
    const ms = Date.parse(String((audit as { activityDateTime?: unknown } | null)?.activityDateTime));
    if (ms > newest) newest = ms;
  }
  if (!Number.isFinite(newest)) return copy;
  const offsetMs = Math.round((now.getTime() - newestAgeMinutes * 60_000 - newest) / 1000) * 1000;
  for (const audit of copy.directoryAudits) {
    if (typeof audit !== 'object' || audit === null) continue;
    const record = audit as { activityDateTime?: unknown; targetResources?: unknown };
    if (typeof record.activityDateTime === 'string') {
      record.activityDateTime = shiftTimestamp(record.activityDateTime, offsetMs);
    }
    if (!Array.isArray(record.targetResources)) continue;
    for (const target of record.targetResources as Array<{ modifiedProperties?: unknown }>) {
      if (!Array.isArray(target?.modifiedProperties)) continue;
      for (const property of target.modifiedProperties as Array<Record<string, unknown>>) {
        if (!TAP_TIME_PROPERTY.test(String(property?.displayName ?? ''))) continue;
        for (const key of ['oldValue', 'newValue']) property[key] = shiftEncoded(property[key], offsetMs);
      }
    }
  }
  // Sign-ins move with the audits (same offset), so a TAP sign-in stays inside its TAP's validity.
  for (const signIn of copy.signIns ?? []) {
    if (typeof signIn !== 'object' || signIn === null) continue;
    const record = signIn as { createdDateTime?: unknown; authenticationDetails?: unknown };
    if (typeof record.createdDateTime === 'string')
      record.createdDateTime = shiftTimestamp(record.createdDateTime, offsetMs);
    if (!Array.isArray(record.authenticationDetails)) continue;
    for (const step of record.authenticationDetails as Array<Record<string, unknown>>) {
      if (typeof step?.authenticationStepDateTime === 'string')
        step.authenticationStepDateTime = shiftTimestamp(step.authenticationStepDateTime, offsetMs);
    }
  }
  return copy;
}

/** Shifts a timestamp written as text, keeping its fraction digits and zone suffix; other text is kept. */
export function shiftTimestamp(text: string, offsetMs: number): string {
  const match = TIMESTAMP.exec(text);
  if (!match) return text;
  const [, base = '', fraction = '', zone = ''] = match;
  // Shifting the wall-clock time in the text's own zone shifts the instant by the same amount.
  const wall = Date.parse(`${base}Z`) + offsetMs;
  if (Number.isNaN(wall)) return text;
  return `${new Date(wall).toISOString().slice(0, 19)}${fraction}${zone}`;
}

/** Modified-property values are JSON-encoded strings (`"\"2022-06-27T10:03:42Z\""`); empty ones stay. */
function shiftEncoded(value: unknown, offsetMs: number): unknown {
  if (typeof value !== 'string' || value === '' || value === '""') return value;
  try {
    const decoded: unknown = JSON.parse(value);
    return typeof decoded === 'string' ? JSON.stringify(shiftTimestamp(decoded, offsetMs)) : value;
  } catch {
    return shiftTimestamp(value, offsetMs);
  }
}
