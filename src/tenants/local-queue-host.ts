import { decodeQueueText } from './cycle-message';
import type { CycleQueue } from './cycle-queue';
import { MAX_DEQUEUE_COUNT } from './cycle-queue';

/** What one drain of the queue did. */
export interface DrainSummary {
  /** Handler invocations, retries included. */
  invocations: number;
  succeeded: number;
  /** Failed invocations whose message went back to the queue for another attempt. */
  retried: number;
  /** Messages moved to the poison queue after their last attempt. */
  poisoned: number;
  elapsedMs: number;
}

export interface LocalQueueHostOptions {
  queue: CycleQueue;
  /** The function body: throws to fail the attempt, like a queue-triggered function. */
  handler: (message: unknown, dequeueCount: number) => Promise<void>;
  /** Concurrent invocations (the host's batchSize + newBatchThreshold per instance). */
  concurrency: number;
  maxDequeueCount?: number;
  /** How long a message is hidden while an invocation runs; a crashed run's message reappears after it. */
  visibilityTimeoutSeconds?: number;
}

/**
 * The Functions queue trigger's delivery contract, run locally against Azurite for tests, the demo and the
 * benchmark (the Functions host itself is not available here). As the trigger documents: messages are
 * received with a visibility timeout, handed over as parsed JSON with their dequeue count, deleted when the
 * function succeeds, made visible again when it fails, and after `maxDequeueCount` failed attempts copied
 * to `<queue>-poison` and deleted (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#poison-messages).
 * Runs until the queue is empty (no visible or hidden message left).
 */
export async function drainQueue(options: LocalQueueHostOptions): Promise<DrainSummary> {
  const started = Date.now();
  const { queue } = options;
  const max = options.maxDequeueCount ?? MAX_DEQUEUE_COUNT;
  const summary: DrainSummary = { invocations: 0, succeeded: 0, retried: 0, poisoned: 0, elapsedMs: 0 };
  const inFlight = new Set<Promise<void>>();
  for (;;) {
    const free = options.concurrency - inFlight.size;
    if (free > 0) {
      queue.countOperation();
      const received = await queue.queue.receiveMessages({
        numberOfMessages: Math.min(32, free),
        visibilityTimeout: options.visibilityTimeoutSeconds ?? 300,
      });
      for (const item of received.receivedMessageItems) {
        const run = invoke(options, item, max, summary).finally(() => inFlight.delete(run));
        inFlight.add(run);
      }
      if (received.receivedMessageItems.length > 0) continue;
    }
    if (inFlight.size > 0) {
      await Promise.race(inFlight);
      continue;
    }
    queue.countOperation();
    const properties = await queue.queue.getProperties();
    if ((properties.approximateMessagesCount ?? 0) === 0) break;
    // Messages exist but are hidden (a retry waiting out its visibility timeout): poll again shortly.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  summary.elapsedMs = Date.now() - started;
  return summary;
}

interface Item {
  messageId: string;
  popReceipt: string;
  messageText: string;
  dequeueCount: number;
}

async function invoke(
  options: LocalQueueHostOptions,
  item: Item,
  max: number,
  summary: DrainSummary,
): Promise<void> {
  const { queue } = options;
  summary.invocations += 1;
  let body: unknown = decodeQueueText(item.messageText);
  try {
    body = JSON.parse(body as string);
  } catch {
    // Not JSON: the function gets the text, as the host passes it.
  }
  try {
    await options.handler(body, item.dequeueCount);
  } catch {
    if (item.dequeueCount >= max) {
      queue.countOperation();
      await queue.poison.sendMessage(item.messageText);
      queue.countOperation();
      await queue.queue.deleteMessage(item.messageId, item.popReceipt);
      summary.poisoned += 1;
    } else {
      queue.countOperation();
      await queue.queue.updateMessage(item.messageId, item.popReceipt, undefined, 0);
      summary.retried += 1;
    }
    return;
  }
  queue.countOperation();
  await queue.queue.deleteMessage(item.messageId, item.popReceipt);
  summary.succeeded += 1;
}
