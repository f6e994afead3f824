import type { FindingStore } from '../../../src/store/store';
import { createTableStore } from '../../../src/store/table-store';
import { useAzurite } from '../../support/azurite';
import { describeStoreContract } from '../../support/store-contract';

const azurite = useAzurite();
let store: FindingStore | undefined;

beforeAll(async () => {
  store = await createTableStore({ connectionString: azurite().connectionString, tablePrefix: 'contract' });
});

describeStoreContract('Azure Tables on Azurite', {
  store: () => {
    if (!store) throw new Error('store not created');
    return store;
  },
  peer: () => createTableStore({ connectionString: azurite().connectionString, tablePrefix: 'contract' }),
});
