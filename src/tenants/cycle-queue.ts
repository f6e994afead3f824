import type { TokenCredential } from '@azure/core-auth';
import { type QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { ConfigError, StoreError } from '../errors';
import { statusOf } from '../store/table-errors';
import { type CycleMessage, encodeCycleMessage } from './cycle-message';

/** The queue the timer fills with one message per enabled tenant and `runTenantCycle` reads. */
export const CYCLE_QUEUE = 'tapwatch-cycles';

/**
 * Attempts per message before the host moves it to `<queue>-poison`: host.json
 * `extensions.queues.maxDequeueCount` (default 5; https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue#host-json
 * and "Poison messages" in https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger).
 * A unit test keeps host.json equal to it.
 */
export const MAX_DEQUEUE_COUNT = 5;

/** A queued cycle older than this is dropped by the service: later rounds cover its window anyway. */
const MESSAGE_TTL_SECONDS = 24 * 3600;

export function poisonQueueName(queueName: string): string {
  return `${queueName}-poison`;
}

/** How to reach the queue service: the connection string locally, endpoint + managed identity in Azure. */
export interface CycleQueueOptions {
  connectionString?: string;
  endpoint?: string;
  credential?: TokenCredential;
  /** Default `tapwatch-cycles`; tests and the demo may use their own. */
  queueName?: string;
}

export interface CycleQueue {
  readonly name: string;
  send(message: CycleMessage): Promise<void>;
  /** Approximate message counts of the queue and its poison queue (0 when the poison queue does not exist). */
  depth(): Promise<{ queued: number; poison: number }>;
  readonly queue: QueueClient;
  readonly poison: QueueClient;
  /** Queue requests made through this object (benchmark). */
  operationCount(): number;
  /** Counts a request made directly on `queue` or `poison` (the local host). */
  countOperation(): void;
}

/** Opens the cycle queue and creates it (and its poison queue) when missing. */
export async function openCycleQueue(options: CycleQueueOptions): Promise<CycleQueue> {
  const service = serviceClient(options);
  const name = options.queueName ?? CYCLE_QUEUE;
  const queue = service.getQueueClient(name);
  const poison = service.getQueueClient(poisonQueueName(name));
  let operations = 0;
  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    operations += 1;
    try {
      return await run();
    } catch (error) {
      // Like Table errors: the SDK error carries the request and is not attached.
      const status = statusOf(error);
      throw new StoreError(
        `queue ${name}: ${operation} ${status ? `failed with ${status}` : 'failed without a response'}`,
      );
    }
  };
  await call('createIfNotExists', () => queue.createIfNotExists());
  await call('createIfNotExists', () => poison.createIfNotExists());
  return {
    name,
    queue,
    poison,
    async send(message) {
      await call('sendMessage', () =>
        queue.sendMessage(encodeCycleMessage(message), { messageTimeToLive: MESSAGE_TTL_SECONDS }),
      );
    },
    async depth() {
      const queued = await call('getProperties', () => queue.getProperties());
      const poisoned = await call('getProperties', () => poison.getProperties());
      return { queued: queued.approximateMessagesCount ?? 0, poison: poisoned.approximateMessagesCount ?? 0 };
    },
    operationCount: () => operations,
    countOperation: () => {
      operations += 1;
    },
  };
}

function serviceClient(options: CycleQueueOptions): QueueServiceClient {
  if (options.endpoint && options.credential) {
    return new QueueServiceClient(options.endpoint, options.credential);
  }
  if (options.connectionString) {
    try {
      return QueueServiceClient.fromConnectionString(options.connectionString);
    } catch {
      throw new StoreError(
        'the storage connection string could not be parsed for queues (value not shown: it is a secret)',
      );
    }
  }
  throw new ConfigError(
    'AzureWebJobsStorage__queueServiceUri',
    'or a storage connection string with a queue endpoint is required for the tenant queue',
  );
}
