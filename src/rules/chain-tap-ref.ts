import type { TapIssuance, TapRef } from './chain-types';
import { initiatorName, principalName } from './describe';
import type { Finding } from './finding';
import { entryKey } from './timeline';

/** The longest TAP lifetime Entra allows (43,200 minutes): the bound when a record gives no end. */
export const MAX_TAP_LIFETIME_MS = 43_200 * 60_000;

/**
 * The TAP's validity: its logged start (else the creation time) to its logged end (else start + the
 * logged lifetime, else start + the longest lifetime Entra allows, with `endKnown` false).
 */
export function tapWindow(finding: Pick<Finding, 'tap' | 'activityDateTime'>): TapRef['tap'] {
  const startMs = parse(finding.tap.startDateTime) ?? parse(finding.activityDateTime) ?? 0;
  const endMs =
    parse(finding.tap.endDateTime) ??
    (finding.tap.lifetimeMinutes !== undefined ? startMs + finding.tap.lifetimeMinutes * 60_000 : undefined);
  return {
    start: new Date(startMs).toISOString(),
    end: new Date(endMs ?? startMs + MAX_TAP_LIFETIME_MS).toISOString(),
    endKnown: endMs !== undefined,
  };
}

/** `user:<id>`, `app:<app id>` or `unknown:`, lower-cased: how bulk issuance tells initiators apart. */
export function initiatorKey(initiator: Finding['initiator']): string {
  if (initiator.type === 'user')
    return `user:${(initiator.id ?? initiator.userPrincipalName ?? '').toLowerCase()}`;
  if (initiator.type === 'app')
    return `app:${(initiator.appId ?? initiator.servicePrincipalId ?? '').toLowerCase()}`;
  return 'unknown:';
}

/** What chain rules need of a finding (and what the open-TAP index stores). */
export function tapRefOf(finding: Finding): TapRef {
  const ref: TapRef = {
    findingId: finding.id,
    activityDateTime: finding.activityDateTime,
    severity: finding.severity,
    target: { id: finding.target.id, name: principalName(finding.target) },
    initiatorKey: initiatorKey(finding.initiator),
    initiatorType: finding.initiator.type,
    initiatorName: initiatorName(finding.initiator),
    tap: tapWindow(finding),
    rules: finding.rules.map((r) => ({ id: r.id, severity: r.severity })),
    timelineKeys: (finding.timeline ?? []).map(entryKey),
  };
  if (finding.initiator.type === 'app' && finding.initiator.appId)
    ref.initiatorAppId = finding.initiator.appId;
  return ref;
}

/** The TAP as one issuance among the others, for bulk issuance. */
export function issuanceOf(tap: TapRef): TapIssuance {
  return {
    findingId: tap.findingId,
    targetId: tap.target.id,
    initiatorKey: tap.initiatorKey,
    time: tap.activityDateTime,
    timeMs: Date.parse(tap.activityDateTime),
  };
}

function parse(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
