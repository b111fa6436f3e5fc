import assert from 'node:assert/strict';
import { createMemoryStore, openStore } from '../../src/storage';
import { describeStoreContract } from './store-contract';

describeStoreContract('memory', async () => createMemoryStore());

describe('openStore', () => {
  it('opens a memory store', async () => {
    const store = openStore({ kind: 'memory' });
    assert.equal(store.kind, 'memory');
    await store.close();
  });

  it('refuses a kind it does not know', () => {
    assert.throws(() => openStore({ kind: 'azureTable' } as never), /Unknown store kind: azureTable/);
  });
});
