import type { Config, Env } from '../config';
import { createAzureCredential } from '../credential';
import { type CycleQueue, openCycleQueue } from './cycle-queue';

/**
 * The cycle queue the way the Functions host reaches it for the trigger (`connection: 'AzureWebJobsStorage'`):
 * in Azure the identity-based `AzureWebJobsStorage__queueServiceUri` with the managed identity, locally the
 * storage connection string (`UseDevelopmentStorage=true` or Azurite's with a QueueEndpoint).
 */
export function openQueueFromEnv(env: Env, config: Config): Promise<CycleQueue> {
  const endpoint = (env.AzureWebJobsStorage__queueServiceUri ?? '').trim();
  if (endpoint) return openCycleQueue({ endpoint, credential: createAzureCredential(config) });
  return openCycleQueue(
    config.storageConnectionString ? { connectionString: config.storageConnectionString } : {},
  );
}
