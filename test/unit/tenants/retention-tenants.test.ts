import { MemoryTenantRegistry } from '../../../src/tenants/memory-tenant-registry';
import { tenantsToExpire } from '../../../src/tenants/retention-tenants';

const HOME = '0b0e5e7a-6d1c-4f39-9a57-7d3c2f1b9e10';
const KEPT = '9d2c1b0a-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const REMOVED = 'aaaaaaaa-0000-4000-8000-00000000000a';
const APP = '3f2a9c1e-5b7d-4e8f-9a6b-1c2d3e4f5a6b';

describe('tenants the daily cleanup expires', () => {
  it('covers the home tenant, registered tenants and a removed tenant that once ran', async () => {
    // Prepare
    const registry = new MemoryTenantRegistry();
    for (const tenantId of [KEPT, REMOVED]) {
      await registry.add({
        tenantId,
        displayName: 'x',
        auth: 'federated-app',
        appClientId: APP,
        enabled: true,
        overrides: {},
        updatedAt: '',
      });
    }
    await registry.putStatus({
      tenantId: REMOVED,
      lastAttemptAt: '2026-11-20T08:00:00.000Z',
      lastStatus: 'ok',
      attempt: 1,
      consecutiveFailures: 0,
    });
    await registry.remove(REMOVED);

    // Act
    const ids = await tenantsToExpire(HOME, registry);

    // Assess
    expect(ids).toEqual([HOME, KEPT, REMOVED].sort());
    expect((await registry.list()).tenants.map((t) => t.tenantId)).toEqual([KEPT]);
  });
});
