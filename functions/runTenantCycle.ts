import { app, type InvocationContext } from '@azure/functions';
import { loggerForInvocation } from '../src/logging';
import { CYCLE_QUEUE } from '../src/tenants/cycle-queue';
import { runTenantCycle as runQueuedCycle } from '../src/tenants/run-tenant-cycle';
import { lazyTenantWorker, type TenantWorkerDeps } from '../src/tenants/tenant-worker';

type Handler = (message: unknown, context: InvocationContext) => Promise<void>;

/**
 * One tenant's cycle per queue message, over injectable deps. A failed cycle throws: the host makes the
 * message visible again and, after host.json's maxDequeueCount attempts, moves it to `tapwatch-cycles-poison`.
 */
export function makeRunTenantCycle(
  getDeps: () => Promise<TenantWorkerDeps>,
  now: () => Date = () => new Date(),
): Handler {
  return async (message, context) => {
    const deps = await getDeps();
    const loggerFor = (secrets: string[]) => loggerForInvocation(context, deps.config, secrets);
    const dequeueCount = Number(context.triggerMetadata?.dequeueCount ?? 1);
    await runQueuedCycle(
      { ...deps, loggerFor },
      message,
      Number.isFinite(dequeueCount) ? dequeueCount : 1,
      now(),
    );
  };
}

/** The queue-triggered cycle of one tenant (docs/tenants.md); identity-based connection AzureWebJobsStorage__*. */
export const runTenantCycle = makeRunTenantCycle(lazyTenantWorker());

app.storageQueue('runTenantCycle', {
  queueName: CYCLE_QUEUE,
  connection: 'AzureWebJobsStorage',
  handler: runTenantCycle,
});
