import { StoreError } from '../../../src/errors';
import { channelTook, type DeliveryUpdate, type FindingStore } from '../../../src/store/store';

/**
 * Wraps a store so that, once armed, the Nth operation and every one after it fail: the state left in
 * storage is exactly what a process killed at that point would leave. Records which deliveries were
 * sent but could not be recorded: the only way an at-least-once channel can see a finding twice.
 */
export interface KillableStore extends FindingStore {
  /** Fail from the `afterOperations`-th operation on (0 = the first); `undefined` disarms. */
  arm(afterOperations: number | undefined): void;
  /**
   * Fail from the `nth` (1-based) recordDeliveries call on: the process dies right after a channel took
   * an alert and before that was written down.
   */
  armAtRecord(nth: number): void;
  killed(): boolean;
  /** `findingId channel` pairs whose successful delivery was lost with a killed recordDeliveries. */
  unrecorded(): string[];
}

export function killable(inner: FindingStore): KillableStore {
  let remaining: number | undefined;
  let recordsLeft: number | undefined;
  let dead = false;
  const lost: string[] = [];
  const guard = <T>(operation: string, call: () => Promise<T>, onKill?: () => void): Promise<T> => {
    if (dead || (remaining !== undefined && remaining <= 0)) {
      dead = true;
      onKill?.();
      return Promise.reject(new StoreError(`killed before ${operation}`));
    }
    if (remaining !== undefined) remaining -= 1;
    return call();
  };
  const lostDeliveries = (update: DeliveryUpdate) => () => {
    for (const [channel, delivery] of Object.entries(update.deliveries)) {
      if (channelTook(delivery)) lost.push(`${update.findingId} ${channel}`);
    }
  };
  return {
    arm(afterOperations) {
      remaining = afterOperations;
      recordsLeft = undefined;
      dead = false;
    },
    armAtRecord(nth) {
      remaining = undefined;
      recordsLeft = nth;
      dead = false;
    },
    killed: () => dead,
    unrecorded: () => [...lost],
    saveFinding: (f, s, m) => guard('saveFinding', () => inner.saveFinding(f, s, m)),
    getFinding: (t, id) => guard('getFinding', () => inner.getFinding(t, id)),
    claimAlert: (r) => guard('claimAlert', () => inner.claimAlert(r)),
    releaseAlert: (k, o, n) => guard('releaseAlert', () => inner.releaseAlert(k, o, n)),
    recordDeliveries: (u) => {
      if (recordsLeft !== undefined) {
        recordsLeft -= 1;
        if (recordsLeft <= 0) dead = true;
      }
      return guard('recordDeliveries', () => inner.recordDeliveries(u), lostDeliveries(u));
    },
    listPending: (t, s) => guard('listPending', () => inner.listPending(t, s)),
    queryFindings: (q) => guard('queryFindings', () => inner.queryFindings(q)),
    getCheckpoint: (t) => guard('getCheckpoint', () => inner.getCheckpoint(t)),
    putCheckpoint: (c) => guard('putCheckpoint', () => inner.putCheckpoint(c)),
    acquireTenantLease: (r) => guard('acquireTenantLease', () => inner.acquireTenantLease(r)),
    releaseTenantLease: (t, o, n) => guard('releaseTenantLease', () => inner.releaseTenantLease(t, o, n)),
    getTenantLease: (t) => guard('getTenantLease', () => inner.getTenantLease(t)),
    getHealth: (t) => guard('getHealth', () => inner.getHealth(t)),
    putHealth: (h) => guard('putHealth', () => inner.putHealth(h)),
    deleteFindingsBefore: (t, c) => guard('deleteFindingsBefore', () => inner.deleteFindingsBefore(t, c)),
    listOpenTaps: (t, n) => guard('listOpenTaps', () => inner.listOpenTaps(t, n)),
    putOpenTap: (t, s, m) => guard('putOpenTap', () => inner.putOpenTap(t, s, m)),
    setDeletionsPending: (t, r, p) => guard('setDeletionsPending', () => inner.setDeletionsPending(t, r, p)),
    deleteExpiredOpenTaps: (t, n) => guard('deleteExpiredOpenTaps', () => inner.deleteExpiredOpenTaps(t, n)),
    putMethodDeletions: (t, r) => guard('putMethodDeletions', () => inner.putMethodDeletions(t, r)),
    listMethodDeletions: (t, u, n) => guard('listMethodDeletions', () => inner.listMethodDeletions(t, u, n)),
    deleteExpiredMethodDeletions: (t, n) =>
      guard('deleteExpiredMethodDeletions', () => inner.deleteExpiredMethodDeletions(t, n)),
    operationCount: () => inner.operationCount(),
  };
}
