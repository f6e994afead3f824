import type { ClaimRequest } from '../../src/store/store';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** The contract's fixed clock: stores take time from their callers, never from the machine. */
export const NOW = new Date('2026-03-10T12:00:00.000Z');
export const at = (offsetMs: number): string => new Date(NOW.getTime() + offsetMs).toISOString();

/** A claim request with the contract's defaults: one initiator, 24 h dedup window, 10-minute lease, owner `run-a`. */
export function claim(
  over: Partial<ClaimRequest> & Pick<ClaimRequest, 'tenantId' | 'targetId' | 'findingId'>,
): ClaimRequest {
  return {
    initiatorKey: 'user:0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
    ruleSetKey: 'tap-issued+tap-privileged-target',
    owner: 'run-a',
    now: NOW,
    dedupWindowHours: 24,
    leaseMs: 10 * 60_000,
    ...over,
  };
}
