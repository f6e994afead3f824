import { isGuid } from '../guid';
import type { FindingRole } from '../rules/finding';
import type { Severity } from '../severity';
import { literalText } from './inert-text';

/** Adaptive Card colour names (TextBlock `color`, Container `style`) a severity is shown in. */
export interface SeverityLook {
  color: 'attention' | 'warning' | 'accent' | 'default';
  style: 'attention' | 'warning' | 'accent' | 'default';
  word: string;
}

/** critical/high read as alarms, medium as a warning, low and informational stay calm. */
export function severityLook(severity: Severity): SeverityLook {
  const word = severity.toUpperCase();
  if (severity === 'critical' || severity === 'high') return { color: 'attention', style: 'attention', word };
  if (severity === 'medium') return { color: 'warning', style: 'warning', word };
  if (severity === 'low') return { color: 'accent', style: 'accent', word };
  return { color: 'default', style: 'default', word };
}

/** True for a bare object id; only such ids are ever put into a link. */
export function isLinkableId(value: string | undefined): value is string {
  return value !== undefined && isGuid(value);
}

/** Rule ids and ATT&CK ids come from our own code, but are still held to their shape before display. */
export function safeToken(value: string, pattern: RegExp): string | undefined {
  return pattern.test(value) ? value : undefined;
}

export const RULE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const ATTACK_ID = /^T\d{4}(?:\.\d{3})?$/;

/** A timestamp as `2026-11-20 08:00 UTC`; text that is not a date is shown as literal TextRun text. */
export function formatTime(value: string | undefined): string {
  if (!value) return '';
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return literalText(value, 40);
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `90 min (1.5 h)`: minutes are what MAX_TAP_LIFETIME_MINUTES is set in, hours are what people read. */
export function formatLifetime(minutes: number | undefined): string {
  if (minutes === undefined || !Number.isFinite(minutes)) return '';
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole} min`;
  const hours = Math.round((whole / 60) * 10) / 10;
  return `${whole} min (${hours} h)`;
}

/**
 * How a role is held, in words: `direct`, `via group Tier0 Admins`, `PIM-eligible`; plus its scope. Role,
 * group and scope names come from the directory, so the result is TextRun text only.
 */
export function formatRole(role: FindingRole, maxChars: number): string {
  const via =
    role.via === 'direct'
      ? 'direct'
      : role.via === 'eligible'
        ? 'PIM-eligible'
        : `via group ${literalText(role.via.slice('group:'.length), maxChars)}`;
  const scope =
    role.scope === '/'
      ? 'tenant-wide'
      : `scope ${literalText(role.scope.replace(/^\/administrativeUnits\//, 'AU '), maxChars)}`;
  return `${literalText(role.name, maxChars)} (${via}, ${scope})`;
}

/** Shows at most `max` items, then "and N more" so a shortened list never reads as complete. */
export function limitList(items: string[], max: number): string[] {
  if (items.length <= max) return items;
  const shown = items.slice(0, Math.max(0, max));
  return [...shown, `and ${items.length - shown.length} more`];
}
