import { randomUUID } from 'node:crypto';
import type { Timer } from '@azure/functions';
import { makeCleanupFindings } from '../../../functions/cleanupFindings';
import { loadConfig } from '../../../src/config';
import { createTableStore } from '../../../src/store/table-store';
import { useAzurite } from '../../support/azurite';
import { buildFinding } from '../../support/stored-finding-builder';
import { recordingContext } from './store-invocation';

const azurite = useAzurite();
const NOW = new Date('2026-03-10T03:30:00.000Z');
const DAY = 86_400_000;
const timer = (isPastDue: boolean): Timer => ({
  isPastDue,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '', next: '', lastUpdated: '' },
});

describe('cleanupFindings', () => {
  it('deletes findings older than RETENTION_DAYS and keeps the rest', async () => {
    // Prepare
    const tenantId = randomUUID();
    const store = await createTableStore({
      connectionString: azurite().connectionString,
      tablePrefix: 'cleanup',
    });
    const config = loadConfig({
      TENANT_ID: tenantId,
      RETENTION_DAYS: '30',
      STORAGE_CONNECTION_STRING: azurite().connectionString,
    });
    const expired = buildFinding({
      tenantId,
      activityDateTime: new Date(NOW.getTime() - 31 * DAY).toISOString(),
    });
    const kept = buildFinding({
      tenantId,
      activityDateTime: new Date(NOW.getTime() - 29 * DAY).toISOString(),
    });
    for (const f of [expired, kept]) await store.saveFinding(f, 'below-threshold');
    const { context, lines } = recordingContext('cleanupFindings');

    // Act
    await makeCleanupFindings(
      async () => ({ config, store }),
      () => NOW,
    )(timer(true), context);

    // Assess
    expect(await store.getFinding(tenantId, expired.id)).toBeUndefined();
    expect(await store.getFinding(tenantId, kept.id)).toBeDefined();
    expect(lines.join('\n')).toMatch(/deleted 1 findings in 1 day partitions/);
    expect(lines.join('\n')).toMatch(/cleanupFindings is running late/);
  });
});
