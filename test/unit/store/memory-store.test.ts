import { createMemoryStore } from '../../../src/store/memory-store';
import { createMemoryTables } from '../../../src/store/memory-tables';
import { describeStoreContract } from '../../support/store-contract';

const tables = createMemoryTables();
const store = createMemoryStore(tables);

describeStoreContract('in-memory', {
  store: () => store,
  peer: async () => createMemoryStore(tables),
});
