import { ConfigError } from './errors';

/**
 * A re-read tier (docs/architecture.md, "Windows and late records"): records Entra publishes up to `latenessMs` after their
 * `activityDateTime` are read by this tier exactly once, `latenessMs` after their activity time. The
 * tier runs once at least `everyMs` of new activity time has become due, so its windows are contiguous
 * and each record costs one download per tier, whatever the poll schedule.
 */
export interface RereadTier {
  /** The tier's name in the checkpoint and the cycle summary, as written in the setting (`2h`). */
  key: string;
  /** Latest publication this tier still catches, in milliseconds after the activity time. */
  latenessMs: number;
  /** Least activity time a run reads, in milliseconds: how often the tier runs. */
  everyMs: number;
}

const HOUR_MS = 3_600_000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: HOUR_MS, d: 24 * HOUR_MS };
const DURATION = /^(\d{1,5})([mhd])$/;
const MAX_TIERS = 4;
const MIN_LATENESS_MS = 10 * 60_000;
const MIN_EVERY_MS = 5 * 60_000;
const MAX_EVERY_MS = 86_400_000;

/**
 * Parses REREAD_TIERS: comma-separated `<lateness>/<every>` pairs such as `2h/1h,24h/1h` (units m, h,
 * d); `none` means no re-read tiers. Lateness grows from tier to tier. A tier may reach further back
 * than LOOKBACK_HOURS (the first cycle's window): it then also reads records older than that window,
 * which is harmless. A tier reaching past the tenant's audit retention is clamped at read time, with a
 * warning. Every problem is reported at once.
 */
export function parseRereadTiers(value: string): RereadTier[] {
  const text = value.trim();
  if (text.toLowerCase() === 'none') return [];
  const problems: string[] = [];
  const tiers: RereadTier[] = [];
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > MAX_TIERS) problems.push(`at most ${MAX_TIERS} tiers`);
  for (const part of parts) {
    const [late = '', every = '', ...rest] = part.split('/').map((p) => p.trim());
    const latenessMs = durationMs(late);
    const everyMs = durationMs(every);
    if (rest.length > 0 || latenessMs === undefined || everyMs === undefined) {
      problems.push(`${JSON.stringify(part.slice(0, 30))} is not <lateness>/<every> like 2h/1h`);
      continue;
    }
    const previous = tiers.at(-1);
    if (latenessMs < MIN_LATENESS_MS) problems.push(`${part}: lateness below 10m`);
    if (everyMs < MIN_EVERY_MS || everyMs > MAX_EVERY_MS) problems.push(`${part}: every must be 5m to 1d`);
    if (previous && latenessMs <= previous.latenessMs)
      problems.push(`${part}: lateness must grow from tier to tier`);
    tiers.push({ key: late, latenessMs, everyMs });
  }
  if (problems.length > 0) throw new ConfigError('REREAD_TIERS', problems.join('; '));
  return tiers;
}

function durationMs(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}
