import { nextStatus } from '../../../src/tenants/tenant-registry';

const TENANT = '11111111-2222-4333-8444-555555555555';

describe('a tenant run status after a skipped cycle', () => {
  it('counts a cycle skipped behind another run of the tenant as neither a failure nor a success', () => {
    // Prepare: one failure, then a success at 10:00
    const failed = nextStatus(undefined, {
      tenantId: TENANT,
      lastAttemptAt: '2026-11-20T09:00:00.000Z',
      lastStatus: 'failed',
      attempt: 1,
    });

    // Act
    const skipped = nextStatus(failed, {
      tenantId: TENANT,
      lastAttemptAt: '2026-11-20T09:05:00.000Z',
      lastStatus: 'skipped',
      attempt: 1,
    });

    // Assess
    expect(skipped).toMatchObject({ lastStatus: 'skipped', consecutiveFailures: 1 });
    expect(skipped.lastSuccessAt).toBeUndefined();
  });
});
