import { withQueueEndpoint } from '../../../src/store/azurite';
import { openCycleQueue } from '../../../src/tenants/cycle-queue';
import { drainQueue } from '../../../src/tenants/local-queue-host';
import { useAzurite } from '../../support/azurite';
import { useAzuriteQueues } from '../../support/azurite-queues';

const TENANT_A = '11111111-1111-4111-8111-111111111111';
const TENANT_B = '22222222-2222-4222-8222-222222222222';

describe('cycle queue on Azurite', () => {
  const azurite = useAzurite();
  const queues = useAzuriteQueues();
  const open = (queueName: string) =>
    openCycleQueue({ connectionString: withQueueEndpoint(azurite().connectionString, queues()), queueName });

  it('hands each message over as parsed JSON with its dequeue count and deletes it on success', async () => {
    // Prepare
    const queue = await open('delivered');
    await queue.send({ tenantId: TENANT_A, queuedAt: '2026-11-20T08:00:00.000Z' });
    await queue.send({ tenantId: TENANT_B, queuedAt: '2026-11-20T08:00:00.000Z' });
    const seen: Array<[unknown, number]> = [];

    // Act
    const summary = await drainQueue({
      queue,
      concurrency: 4,
      handler: async (message, count) => {
        seen.push([message, count]);
      },
    });

    // Assess
    expect(summary).toMatchObject({ invocations: 2, succeeded: 2, retried: 0, poisoned: 0 });
    expect(seen.map(([m]) => (m as { tenantId: string }).tenantId).sort()).toEqual([TENANT_A, TENANT_B]);
    expect(seen.every(([, count]) => count === 1)).toBe(true);
    expect(await queue.depth()).toEqual({ queued: 0, poison: 0 });
  });

  it('retries a failing message up to maxDequeueCount attempts, then moves it to the poison queue', async () => {
    // Prepare
    const queue = await open('failing');
    await queue.send({ tenantId: TENANT_A, queuedAt: '2026-11-20T08:00:00.000Z' });
    await queue.send({ tenantId: TENANT_B, queuedAt: '2026-11-20T08:00:00.000Z' });
    const attempts: number[] = [];

    // Act
    const summary = await drainQueue({
      queue,
      concurrency: 2,
      maxDequeueCount: 3,
      handler: async (message, count) => {
        if ((message as { tenantId: string }).tenantId === TENANT_B) {
          attempts.push(count);
          throw new Error('tenant B fails');
        }
      },
    });

    // Assess
    expect(attempts).toEqual([1, 2, 3]);
    expect(summary).toMatchObject({ succeeded: 1, retried: 2, poisoned: 1 });
    expect(await queue.depth()).toEqual({ queued: 0, poison: 1 });
    const poisoned = await queue.poison.peekMessages();
    const text = Buffer.from(poisoned.peekedMessageItems[0]?.messageText ?? '', 'base64').toString('utf8');
    expect(JSON.parse(text)).toEqual({ tenantId: TENANT_B, queuedAt: '2026-11-20T08:00:00.000Z' });
  });
});
