import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { TableStateStore } from '../../src/storage/table/table-state-store';
import { RunningAzurite, startAzurite, uniqueTablePrefix } from '../support/azurite';

/**
 * Table Storage keeps a keep-until entry beside each record that will go, written before the record. Pruning must
 * never lose the entry of a record that is or will be due (a write on its way when it runs), and a round must do
 * no more work than its limit, however many stale entries renewed records left.
 */
describe('Table Storage state pruning, on Azurite', () => {
  let azurite: RunningAzurite | undefined;
  before(async function () {
    this.timeout(30_000);
    azurite = await startAzurite();
  });
  after(() => azurite?.stop());

  const now = new Date('2026-12-04T12:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  async function stateTable(): Promise<{ client: TableClient; store: TableStateStore }> {
    const client = TableClient.fromConnectionString(azurite!.connectionString, `${uniqueTablePrefix()}State`, { allowInsecureConnection: true });
    await client.createTable();
    return { client, store: new TableStateStore(client) };
  }

  /** Holds the next record replace until `release`, telling when it got there. */
  function holdNextReplace(client: TableClient) {
    const original = client.updateEntity.bind(client);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    client.updateEntity = (async (...args: Parameters<TableClient['updateEntity']>) => {
      client.updateEntity = original;
      reached();
      await released;
      return original(...args);
    }) as TableClient['updateEntity'];
    return { arrived, release };
  }

  it('prunes a record whose write was on its way while a round ran, in a later round', async () => {
    const { client, store } = await stateTable();
    const kept = await store.put('sso:pending:x', { work: 'w' }, undefined, { keepUntil: at(10) });
    // A sign-in taken: the record is written with the taker's now, due at the next round.
    const hold = holdNextReplace(client);
    const taking = store.put('sso:pending:x', { work: null }, kept.etag, { keepUntil: at(-1) });
    await hold.arrived;
    assert.equal(await store.prune(now, 100), 0, 'the old record is not due yet');
    hold.release();
    await taking;
    assert.equal(await store.prune(now, 100), 1, 'its entry was kept for it');
    assert.equal(await store.get('sso:pending:x'), undefined);
  });

  it('keeps a renewed record, drops its stale entries, and looks at no more entries a round than its limit', async () => {
    const { client, store } = await stateTable();
    let written = await store.put('resend:requester:r', { n: 0 }, undefined, { keepUntil: at(-300) });
    for (let i = 1; i < 40; i++) written = await store.put('resend:requester:r', { n: i }, written.etag, { keepUntil: at(-300 + i) });
    await store.put('resend:requester:r', { n: 40 }, written.etag, { keepUntil: at(60) });
    let lookups = 0;
    const getEntity = client.getEntity.bind(client);
    client.getEntity = ((...args: Parameters<TableClient['getEntity']>) => (lookups++, getEntity(...args))) as TableClient['getEntity'];
    assert.equal(await store.prune(now, 10), 0);
    assert.equal(lookups, 10, 'ten entries looked at, not forty');
    for (let round = 0; round < 3; round++) await store.prune(now, 10);
    assert.deepEqual((await store.get<{ n: number }>('resend:requester:r'))?.value, { n: 40 }, 'the renewed record stays');
    const entries = [];
    for await (const entry of client.listEntities({ queryOptions: { filter: "PartitionKey eq '|keep-until'" } })) entries.push(entry);
    assert.equal(entries.length, 1, "only the live time's entry is left");
  });
});
