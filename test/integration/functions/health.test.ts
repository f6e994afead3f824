import { randomUUID } from 'node:crypto';
import { HttpRequest } from '@azure/functions';
import { makeHealth } from '../../../functions/health';
import { loadConfig } from '../../../src/config';
import { startAzurite } from '../../../src/store/azurite';
import type { FindingStore } from '../../../src/store/store';
import { createTableStore } from '../../../src/store/table-store';
import { useAzurite } from '../../support/azurite';
import { buildFinding } from '../../support/stored-finding-builder';
import { recordingContext } from './store-invocation';

const azurite = useAzurite();
const NOW = new Date('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
let store: FindingStore;
const request = new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' });

beforeAll(async () => {
  store = await createTableStore({ connectionString: azurite().connectionString, tablePrefix: 'health' });
});

function healthFor(tenantId: string, env: Record<string, string> = {}) {
  const config = loadConfig({
    TENANT_ID: tenantId,
    STORAGE_CONNECTION_STRING: azurite().connectionString,
    ...env,
  });
  return makeHealth(
    async () => ({ config, store }),
    () => NOW,
  );
}

describe('health', () => {
  it('answers 503 never-run before any cycle succeeded', async () => {
    const response = await healthFor(randomUUID())(request, recordingContext('health').context);

    expect(response.status).toBe(503);
    expect(response.jsonBody).toMatchObject({ status: 'never-run', pendingAlerts: 0 });
  });

  it('answers 200 with the last cycle and the pending alert count when the last success is recent', async () => {
    // Prepare
    const tenantId = randomUUID();
    const lastSuccessAt = new Date(NOW.getTime() - 50 * MINUTE).toISOString();
    await store.putCheckpoint({ tenantId, lastSuccessAt, windowEnd: lastSuccessAt, status: 'partial' });
    for (const status of ['pending', 'pending', 'below-threshold'] as const) {
      await store.saveFinding(
        buildFinding({ tenantId, activityDateTime: new Date(NOW.getTime() - 3 * 60 * MINUTE).toISOString() }),
        status,
      );
    }

    // Act
    const response = await healthFor(tenantId)(request, recordingContext('health').context);

    // Assess
    expect(response).toEqual({
      status: 200,
      jsonBody: {
        status: 'ok',
        checkedAt: NOW.toISOString(),
        lastSuccessAt,
        ageMinutes: 50,
        cycleStatus: 'partial',
        windowEnd: lastSuccessAt,
        pendingAlerts: 2,
        channels: {},
        quarantine: { count: 0, auditIds: [] },
      },
    });
  });

  it('answers 503 stale when the last success is older than two poll intervals', async () => {
    const tenantId = randomUUID();
    const lastSuccessAt = new Date(NOW.getTime() - 121 * MINUTE).toISOString();
    await store.putCheckpoint({ tenantId, lastSuccessAt, windowEnd: lastSuccessAt, status: 'ok' });

    const response = await healthFor(tenantId)(request, recordingContext('health').context);

    expect(response.status).toBe(503);
    expect(response.jsonBody).toMatchObject({ status: 'stale', ageMinutes: 121 });
  });

  it('takes its staleness limit from HEALTH_MAX_AGE_MINUTES, for schedules other than hourly', async () => {
    const tenantId = randomUUID();
    const lastSuccessAt = new Date(NOW.getTime() - 300 * MINUTE).toISOString();
    await store.putCheckpoint({ tenantId, lastSuccessAt, windowEnd: lastSuccessAt, status: 'ok' });

    const sixHourly = await healthFor(tenantId, { HEALTH_MAX_AGE_MINUTES: '720' })(
      request,
      recordingContext('health').context,
    );
    const hourly = await healthFor(tenantId)(request, recordingContext('health').context);

    expect([sixHourly.status, hourly.status]).toEqual([200, 503]);
  });

  it('answers 503 unavailable when the store cannot be reached', async () => {
    const down = await startAzurite();
    const unreachable = await createTableStore({ connectionString: down.connectionString });
    await down.stop();
    const config = loadConfig({ TENANT_ID: randomUUID(), STORAGE_CONNECTION_STRING: down.connectionString });
    const { context, lines } = recordingContext('health');

    const response = await makeHealth(
      async () => ({ config, store: unreachable }),
      () => NOW,
    )(request, context);

    expect(response).toEqual({
      status: 503,
      jsonBody: { status: 'unavailable', checkedAt: NOW.toISOString() },
    });
    // The tenants table (read first to tell a multi-tenant deployment) or the checkpoint: same account, same outage.
    expect(lines.join('\n')).toMatch(
      /(checkpoint: getEntity|tenants: createTable) failed without a response/,
    );
  });
});
