import type { MethodDeletedEvent } from '../../../src/audit/chain-event';
import { loadConfig } from '../../../src/config';
import { deletionKeepMs, storedDeletionOf } from '../../../src/store/method-deletions';

const HOUR = 3_600_000;

const event: MethodDeletedEvent = {
  kind: 'method-deleted',
  recordId: 'Authentication Methods_1',
  recordType: 'audit',
  time: '2026-11-20T10:00:00Z',
  source: 'graph',
  target: { id: 'AB12', userPrincipalName: 'victim@contoso.test', displayName: 'x'.repeat(5000) },
  initiator: { type: 'user', id: 'c0', displayName: 'y'.repeat(5000) },
  activity: 'Admin deleted security info',
  resultReason: 'z'.repeat(2000),
  method: 'Authenticator App',
  isTap: false,
};

describe('kept method deletions', () => {
  it('keeps a deletion for the hour a TAP may follow it plus the longest a TAP record may be read late', () => {
    const config = (env: Record<string, string>) =>
      loadConfig({ TENANT_ID: '6f3c1e2a-8b4d-4f7e-9a1c-2d5b8e0f4a37', ...env });

    expect(deletionKeepMs(config({}))).toBe(25 * HOUR);
    expect(deletionKeepMs(config({ REREAD_TIERS: '2h/1h,48h/1h' }))).toBe(49 * HOUR);
    expect(deletionKeepMs(config({ REREAD_TIERS: 'none', LOOKBACK_HOURS: '6' }))).toBe(7 * HOUR);
  });

  it('keeps only what the rule needs, bounded, under the lower-cased target id, until time + keep', () => {
    const row = storedDeletionOf(event, HOUR);

    expect(row?.userId).toBe('ab12');
    expect(row?.until).toBe('2026-11-20T11:00:00.000Z');
    expect(row?.event.target).toEqual({ id: 'AB12' });
    expect(row?.event.resultReason).toBe('');
    expect(row?.event.initiator.displayName?.length).toBeLessThanOrEqual(256);
    expect(JSON.stringify(row).length).toBeLessThan(2000);
  });

  it('keeps no deletion of a TAP itself, and none without a time', () => {
    expect(storedDeletionOf({ ...event, isTap: true }, HOUR)).toBeUndefined();
    expect(storedDeletionOf({ ...event, time: 'soon' }, HOUR)).toBeUndefined();
  });
});
