import assert from 'node:assert/strict';
import { createMemoryStore, openStore } from '../../src/storage';
import { describeStoreContract } from './store-contract';

describeStoreContract('memory', async () => createMemoryStore());

describe('openStore', () => {
  it('opens a memory store', async () => {
    const store = await openStore({ kind: 'memory' });
    assert.equal(store.kind, 'memory');
    await store.close();
  });

  it('refuses a kind it does not know', async () => {
    await assert.rejects(openStore({ kind: 'azureTable' } as never), /Unknown store kind: azureTable/);
  });
});
