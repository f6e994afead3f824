import { type AzuriteTables, startAzurite } from '../../src/store/azurite';

/**
 * Starts one in-memory Azurite for the calling test file (beforeAll) and stops it (afterAll). Files run in
 * parallel workers, each with its own instance on its own port, so tests never share table state.
 */
export function useAzurite(): () => AzuriteTables {
  let azurite: AzuriteTables | undefined;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 60_000);
  afterAll(async () => {
    await azurite?.stop();
  }, 30_000);
  return () => {
    if (!azurite) throw new Error('Azurite is not running: call useAzurite() at the top of the file');
    return azurite;
  };
}
