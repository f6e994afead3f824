import { type AzuriteQueues, startAzuriteQueues } from '../../src/store/azurite';

/** Starts one in-memory Azurite queue service for the calling test file and stops it afterwards. */
export function useAzuriteQueues(): () => AzuriteQueues {
  let queues: AzuriteQueues | undefined;
  beforeAll(async () => {
    queues = await startAzuriteQueues();
  }, 60_000);
  afterAll(async () => {
    await queues?.stop();
  }, 30_000);
  return () => {
    if (!queues)
      throw new Error('Azurite queues are not running: call useAzuriteQueues() at the top of the file');
    return queues;
  };
}
