import type { FindingStore } from '../../src/store/store';
import { chainContract } from './store-contract-chain';
import { checkpointContract } from './store-contract-checkpoint';
import { claimContract } from './store-contract-claims';
import { deletionsContract } from './store-contract-deletions';
import { limitsContract } from './store-contract-limits';
import { queryContract } from './store-contract-queries';
import { savingContract } from './store-contract-saving';

/** A store under test plus a second client of the same data (two runs, two function instances). */
export interface StoreHarness {
  store(): FindingStore;
  peer(): Promise<FindingStore>;
}

/**
 * The behaviour every FindingStore must have (docs/architecture.md), run against the in-memory twin and the Table
 * store on Azurite. Each test works in its own random tenant, so tests never see each other's rows.
 */
export function describeStoreContract(kind: string, harness: StoreHarness): void {
  describe(`FindingStore contract (${kind})`, () => {
    savingContract(harness);
    claimContract(harness);
    queryContract(harness);
    checkpointContract(harness);
    chainContract(harness);
    deletionsContract(harness);
    limitsContract(harness);
  });
}
