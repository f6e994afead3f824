import type { ChainEvent } from './chain-event';
import { tapEventsOf } from './normalize';
import { chainEventsOf } from './normalize-chain';
import { isSignInRecord, normalizeSignIn } from './normalize-signin';
import { viewRecord } from './record-view';
import { isTapCreation } from './tap-creation';
import type { TapEvent } from './tap-event';

/** Everything one record means to the rules: TAP creations and the chain records that follow them. */
export interface NormalizedRecord {
  taps: TapEvent[];
  chain: ChainEvent[];
}

/**
 * Normalizes one audit or sign-in record, in any of the three shapes of each (docs/architecture.md, §5b). Pure.
 * @throws MalformedRecordError as `normalize()` and `normalizeSignIn()` do; callers count and skip.
 */
export function normalizeRecord(record: unknown): NormalizedRecord {
  if (isSignInRecord(record)) return { taps: [], chain: normalizeSignIn(record) };
  const view = viewRecord(record);
  // One TAP-creation test per record, shared by both normalizers (it is most of their per-record work).
  const tapCreation = isTapCreation(view);
  return { taps: tapEventsOf(view, tapCreation), chain: chainEventsOf(view, tapCreation) };
}
