import { StoreError } from '../../../src/errors';
import type { DeliveryUpdate, FindingStore } from '../../../src/store/store';

/**
 * Wraps a store so that, once armed, the Nth operation and every one after it fail: the state left in
 * storage is exactly what a process killed at that point would leave. Records which deliveries were
 * sent but could not be recorded: the only way an at-least-once channel can see a finding twice.
 */
export interface KillableStore extends FindingStore {
  /** Fail from the `afterOperations`-th operation on (0 = the first); `undefined` disarms. */
  arm(afterOperations: number | undefined): void;
  killed(): boolean;
  /** `findingId channel` pairs whose successful delivery was lost with a killed recordDeliveries. */
  unrecorded(): string[];
}

export function killable(inner: FindingStore): KillableStore {
  let remaining: number | undefined;
  let dead = false;
  const lost: string[] = [];
  const guard = <T>(operation: string, call: () => Promise<T>, onKill?: () => void): Promise<T> => {
    if (remaining !== undefined) {
      if (remaining <= 0 || dead) {
        dead = true;
        onKill?.();
        return Promise.reject(new StoreError(`killed before ${operation}`));
      }
      remaining -= 1;
    }
    return call();
  };
  const lostDeliveries = (update: DeliveryUpdate) => () => {
    for (const [channel, delivery] of Object.entries(update.deliveries)) {
      if (delivery.status === 'delivered') lost.push(`${update.findingId} ${channel}`);
    }
  };
  return {
    arm(afterOperations) {
      remaining = afterOperations;
      dead = false;
    },
    killed: () => dead,
    unrecorded: () => [...lost],
    saveFinding: (f, s) => guard('saveFinding', () => inner.saveFinding(f, s)),
    getFinding: (t, id) => guard('getFinding', () => inner.getFinding(t, id)),
    claimAlert: (r) => guard('claimAlert', () => inner.claimAlert(r)),
    releaseAlert: (k, o, n) => guard('releaseAlert', () => inner.releaseAlert(k, o, n)),
    recordDeliveries: (u) => guard('recordDeliveries', () => inner.recordDeliveries(u), lostDeliveries(u)),
    listPending: (t, s) => guard('listPending', () => inner.listPending(t, s)),
    queryFindings: (q) => guard('queryFindings', () => inner.queryFindings(q)),
    getCheckpoint: (t) => guard('getCheckpoint', () => inner.getCheckpoint(t)),
    putCheckpoint: (c) => guard('putCheckpoint', () => inner.putCheckpoint(c)),
    deleteFindingsBefore: (t, c) => guard('deleteFindingsBefore', () => inner.deleteFindingsBefore(t, c)),
    listOpenTaps: (t, n) => guard('listOpenTaps', () => inner.listOpenTaps(t, n)),
    putOpenTap: (t, s) => guard('putOpenTap', () => inner.putOpenTap(t, s)),
    deleteExpiredOpenTaps: (t, n) => guard('deleteExpiredOpenTaps', () => inner.deleteExpiredOpenTaps(t, n)),
    operationCount: () => inner.operationCount(),
  };
}
