import assert from 'node:assert/strict';
import { ConcurrencyError, GuestPassStore, openStore } from '../../src/storage';
import { TableClient, TableEntity } from '@azure/data-tables';
import { LOOKUPS_DONE_ROW, LOOKUPS_MARK } from '../../src/storage/table/lookup-rows';
import { AddressAlreadyRequestedError } from '../../src/invitation/request-repository';
import { claimRowKey } from '../../src/storage/table/address-claim-rows';
import { dueKey, GUESTS_PARTITION, sponsorPrefix, WITHOUT_SPONSOR_PREFIX } from '../../src/storage/table/governed-guest-rows';
import { openTableStore } from '../../src/storage/table/open-table-store';
import { backfillLookupRows } from '../../src/storage/table/lookup-backfill';
import { RunningAzurite, startAzurite, uniqueTablePrefix } from '../support/azurite';
import { assertExactlyOneUpdateWins } from './contract/governed-guest-contract';
import { sampleGuest } from './sample-guest';
import { sampleRequest } from './sample-request';
import { describeInvitationBudgetContract } from './contract/invitation-budget-contract';
import { describeStoreContract } from './store-contract';

describe('Azure Table Storage store, on Azurite', () => {
  let azurite: RunningAzurite | undefined;
  const connectionString = () => {
    if (!azurite) throw new Error('Azurite is not running');
    return azurite.connectionString;
  };

  // One Azurite for this file; each test opens tables of its own (a fresh prefix), so tests never see each other's data.
  before(async function () {
    this.timeout(30_000);
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
    azurite = undefined;
  });

  describeStoreContract('table (Azurite)', () => openTableStore({ connectionString: connectionString(), tablePrefix: uniqueTablePrefix() }));
  describeInvitationBudgetContract('table (Azurite, two clients)', () => {
    const tablePrefix = uniqueTablePrefix();
    return Promise.all([openTableStore({ connectionString: connectionString(), tablePrefix }), openTableStore({ connectionString: connectionString(), tablePrefix })]);
  });

  describe('table store (several instances on one account)', () => {
    const opened: GuestPassStore[] = [];
    let tablePrefix: string;
    const open = async () => {
      const store = await openTableStore({ connectionString: connectionString(), tablePrefix });
      opened.push(store);
      return store;
    };

    beforeEach(() => {
      tablePrefix = uniqueTablePrefix();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('is what openStore opens for kind table, and opening existing tables again is harmless', async () => {
      const first = await openStore({ kind: 'table', connectionString: connectionString(), tablePrefix });
      opened.push(first);
      assert.equal(first.kind, 'table');
      await first.checkHealth();
      const [a, b] = await Promise.all([open(), open()]); // instances starting together both "create" the tables
      await a.checkHealth();
      await b.checkHealth();
    });

    it("lets two instances see each other's writes, in every part of the store", async () => {
      const [a, b] = await Promise.all([open(), open()]);
      const created = await a.requests.create(sampleRequest());
      assert.deepEqual(await b.requests.get(created.value.id), created);
      const updated = await b.requests.update({ ...created.value, state: 'approved' }, created.etag);
      assert.deepEqual(await a.requests.get(created.value.id), updated);
      assert.deepEqual((await a.requests.list({ states: ['approved'] })).map((r) => r.value.id), [created.value.id]);
      assert.deepEqual(await a.requests.list({ states: ['pendingApproval'] }), [], 'the index moved with the state');

      await a.audit.append({ at: created.value.createdAt, event: 'from.a' });
      await b.audit.append({ at: created.value.createdAt, event: 'from.b' });
      assert.deepEqual((await a.audit.latest(2)).map((e) => e.event), ['from.b', 'from.a']);

      await a.conversations.save('requester-ayse', { serviceUrl: 'https://smba.example/' });
      assert.deepEqual(await b.conversations.get('requester-ayse'), { serviceUrl: 'https://smba.example/' });

      const card = { conversationId: '19:c@thread.tacv2', activityId: '1', serviceUrl: 'https://smba.example/', kind: 'channel' };
      await a.approvalCards.add(created.value.id, card);
      assert.deepEqual(await b.approvalCards.list(created.value.id), [card]);

      const state = await a.state.put('watcher', { cursor: 7 });
      assert.deepEqual(await b.state.get('watcher'), state);
      await assert.rejects(b.state.put('watcher', { cursor: 8 }, 'W/"datetime\'2000-01-01T00%3A00%3A00Z\'"'), ConcurrencyError);
      await assert.rejects(b.state.put('watcher', { cursor: 8 }, 'not-an-etag'), ConcurrencyError);
    });

    it('lets only one of two instances win with the same etag', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      const created = await a.requests.create(sampleRequest());
      const outcomes = await Promise.allSettled([
        a.requests.update({ ...created.value, state: 'approved' }, created.etag),
        b.requests.update({ ...created.value, state: 'rejected' }, created.etag),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      assert.equal(won.length, 1);
      assert.ok(lost[0]?.status === 'rejected' && lost[0].reason instanceof ConcurrencyError);
      const stored = (await b.requests.get(created.value.id))!;
      assert.deepEqual(stored, (won[0] as PromiseFulfilledResult<typeof stored>).value);
      // Exactly one state index holds the request: the loser's transaction left nothing behind.
      const listed = await a.requests.list({ states: ['approved', 'rejected', 'pendingApproval'] });
      assert.deepEqual(listed.map((r) => r.value.state), [stored.value.state]);
    });

    it('lets only one of two instances win an update of a governed guest', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      await assertExactlyOneUpdateWins(a, b);
    });

    it("moves a governed guest's index rows with it, leaving none behind", async () => {
      const store = await open();
      const table = TableClient.fromConnectionString(connectionString(), `${tablePrefix}Guests`, { allowInsecureConnection: true });
      const rowKeys = async () => {
        const keys: string[] = [];
        for await (const row of table.listEntities({ queryOptions: { select: ['RowKey'] } })) keys.push(String(row.rowKey));
        return keys.sort();
      };
      const [a, b] = ['6a1b4c2e-0000-4000-8000-0000000000aa', '6a1b4c2e-0000-4000-8000-0000000000bb'];
      const created = await store.guests.create(sampleGuest({ userId: '0000000a-0000-4000-8000-000000000001', address: 'Rows@fabrikam.example', sponsorIds: [a], dueAt: '2025-05-01T00:00:00.000Z' }));
      const id = created.value.userId;
      assert.deepEqual(await rowKeys(), [`d|2025-05-01T00:00:00.000Z|${id}`, `e|rows~40fabrikam.example|${id}`, `g|${id}`, `s|${a}|${id}`]);
      const moved = await store.guests.update({ ...created.value, address: 'moved@fabrikam.example', sponsorIds: [b.toUpperCase()], dueAt: undefined }, created.etag);
      assert.deepEqual(await rowKeys(), [`e|moved~40fabrikam.example|${id}`, `g|${id}`, `s|${b}|${id}`]);
      const orphaned = await store.guests.update({ ...moved.value, sponsorIds: [] }, moved.etag);
      assert.deepEqual(await rowKeys(), [`e|moved~40fabrikam.example|${id}`, `g|${id}`, `n|${id}`]);
      await store.guests.update({ ...orphaned.value, state: 'deleted', dueAt: '2025-06-01T00:00:00.000Z' }, orphaned.etag);
      assert.deepEqual(await rowKeys(), [`d|2025-06-01T00:00:00.000Z|${id}`, `e|moved~40fabrikam.example|${id}`, `g|${id}`]);
    });

    it('lists a governed guest only as it is, whatever stray index rows say', async () => {
      const store = await open();
      const sponsor = '6a1b4c2e-0000-4000-8000-0000000000aa';
      const guest = await store.guests.create(sampleGuest({ sponsorIds: ['6a1b4c2e-0000-4000-8000-0000000000bb'], dueAt: '2030-01-01T00:00:00.000Z' }));
      // Rows as another writer might have left them: they name the guest, but the guest is not so.
      const table = TableClient.fromConnectionString(connectionString(), `${tablePrefix}Guests`, { allowInsecureConnection: true });
      const id = guest.value.userId;
      for (const rowKey of [`${sponsorPrefix(sponsor)}${id}`, `${WITHOUT_SPONSOR_PREFIX}${id}`, `d|${dueKey(Date.parse('2025-01-01T00:00:00.000Z'))}|${id}`, `s|${sponsor}|NOSUCHID`]) {
        await table.createEntity({ partitionKey: GUESTS_PARTITION, rowKey, UserId: rowKey.endsWith('NOSUCHID') ? 'nosuchid' : id });
      }
      assert.deepEqual(await store.guests.listBySponsor(sponsor, 10), []);
      assert.deepEqual(await store.guests.listWithoutSponsor(10), []);
      assert.deepEqual(await store.guests.listDue(new Date('2026-01-01T00:00:00.000Z'), 10), []);
      assert.deepEqual(await store.guests.listDue(new Date('2030-01-01T00:00:00.000Z'), 10), [guest]);
    });

    it('lets one of two instances creating a request for one address at once win, and takes over a stale claim', async () => {
      const [a, b] = await Promise.all([open(), open()]);
      const one = sampleRequest();
      const other = { ...sampleRequest(), invitation: { ...one.invitation, email: one.invitation.email.toUpperCase() } };
      const results = await Promise.allSettled([a.requests.create(one), b.requests.create(other)]);
      assert.deepEqual(results.map((result) => result.status).sort(), ['fulfilled', 'rejected']);
      assert.ok(results.some((result) => result.status === 'rejected' && result.reason instanceof AddressAlreadyRequestedError));

      // A claim naming a request that does not exist (written by other software, say) blocks nobody.
      const table = TableClient.fromConnectionString(connectionString(), `${tablePrefix}Requests`, { allowInsecureConnection: true });
      await table.createEntity({ partitionKey: 'requests', rowKey: claimRowKey('ghost@fabrikam.example'), RequestId: 'NOSUCHID' });
      const ghost = sampleRequest();
      await b.requests.create({ ...ghost, invitation: { ...ghost.invitation, email: 'Ghost@fabrikam.example' } });
      const after = sampleRequest();
      await assert.rejects(a.requests.create({ ...after, invitation: { ...after.invitation, email: 'ghost@fabrikam.example' } }), AddressAlreadyRequestedError);
    });

    it('gives a lease to one of many instances racing for it, and to the next once released', async () => {
      const stores = await Promise.all([open(), open(), open()]);
      const now = new Date();
      const results = await Promise.all(stores.map((s, i) => s.leases.tryAcquire('housekeeping', `instance-${i}`, 60_000, now)));
      assert.equal(results.filter(Boolean).length, 1);
      const holder = results.indexOf(true);
      const other = (holder + 1) % stores.length;
      assert.equal(await stores[other]!.leases.tryAcquire('housekeeping', `instance-${other}`, 60_000, now), false);
      await stores[holder]!.leases.release('housekeeping', `instance-${holder}`);
      assert.equal(await stores[other]!.leases.tryAcquire('housekeeping', `instance-${other}`, 60_000, now), true);
    });
  });

  describe('table store (look-up rows of requests written before they existed)', () => {
    const GUEST = '0f1e2d3c-4b5a-4978-8877-665544332211';
    const opened: GuestPassStore[] = [];
    let tablePrefix: string;
    const open = async () => {
      const store = await openTableStore({ connectionString: connectionString(), tablePrefix });
      opened.push(store);
      return store;
    };
    const requestsTable = () => TableClient.fromConnectionString(connectionString(), `${tablePrefix}Requests`, { allowInsecureConnection: true });

    beforeEach(() => {
      tablePrefix = uniqueTablePrefix();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    /** Leaves the table as a GuestPass without look-up rows wrote it: no look-up rows, no mark on the request, no backfill mark. */
    async function asWrittenBefore(table: TableClient, id: string): Promise<void> {
      for await (const row of table.listEntities<Record<string, unknown>>()) {
        const key = String(row.rowKey);
        if (/^[gexw]\|/.test(key) || key === LOOKUPS_DONE_ROW) await table.deleteEntity(row.partitionKey!, key);
      }
      const { etag: _etag, timestamp: _timestamp, [LOOKUPS_MARK]: _mark, ...doc } = await table.getEntity<Record<string, unknown>>('requests', `d|${id}`);
      await table.updateEntity(doc as TableEntity, 'Replace');
    }

    it('gives them their look-up rows at the next start, and updates them as any other afterwards', async () => {
      const first = await open();
      const created = await first.requests.create(sampleRequest({ id: 'OLDWAIT1', state: 'invited', result: { userId: GUEST } }));
      const table = requestsTable();
      await asWrittenBefore(table, 'OLDWAIT1');
      assert.deepEqual(await first.requests.list({ guestId: GUEST }), [], 'the look-up rows are gone');

      const second = await open();
      assert.deepEqual((await second.requests.list({ guestId: GUEST })).map((r) => r.value.id), ['OLDWAIT1']);
      assert.deepEqual((await second.requests.listDue({ kind: 'watch' })).map((r) => r.value.id), ['OLDWAIT1']);
      await second.requests.update({ ...created.value, redemption: { acceptedAt: created.value.createdAt } }, created.etag);
      assert.deepEqual(await second.requests.listDue({ kind: 'watch' }), []);
      const left: string[] = [];
      for await (const row of table.listEntities()) if (/^w\|/.test(String(row.rowKey))) left.push(String(row.rowKey));
      assert.deepEqual(left, [], 'the waiting row went with the update');
    });

    it('fills many requests at once, so a table with years of requests does not hold start-up for the best part of an hour', async () => {
      const store = await open();
      const ids = Array.from({ length: 12 }, (_, i) => `OLDMANY${i}`);
      for (const id of ids) await store.requests.create(sampleRequest({ id, state: 'invited', result: { userId: GUEST } }));
      const table = requestsTable();
      for (const id of ids) await asWrittenBefore(table, id);
      let inFlight = 0;
      let most = 0;
      const counting = new Proxy(table, {
        get(target, property, receiver) {
          if (property !== 'submitTransaction') return Reflect.get(target, property, receiver);
          return async (...args: Parameters<TableClient['submitTransaction']>) => {
            most = Math.max(most, ++inFlight);
            try {
              return await target.submitTransaction(...args);
            } finally {
              inFlight--;
            }
          };
        },
      });
      assert.equal(await backfillLookupRows(counting), ids.length);
      assert.ok(most > 1, `${most} request(s) filled at a time`);
      assert.deepEqual((await store.requests.list({ guestId: GUEST })).map((r) => r.value.id).sort(), [...ids].sort());
    });

    it('updates a request that has no look-up rows yet without failing on the rows it lacks', async () => {
      const store = await open();
      const created = await store.requests.create(sampleRequest({ id: 'OLDWAIT2', state: 'invited', result: { userId: GUEST } }));
      await asWrittenBefore(requestsTable(), 'OLDWAIT2');
      const updated = await store.requests.update({ ...created.value, redemption: { goneAt: created.value.createdAt } }, created.etag);
      assert.deepEqual((await store.requests.list({ guestId: GUEST })).map((r) => r.value.id), ['OLDWAIT2']);
      assert.deepEqual(await store.requests.listDue({ kind: 'watch' }), []);
      assert.equal(updated.value.redemption?.goneAt, created.value.createdAt);
    });
  });

  describe('table store (connection problems surface at open)', () => {
    it('refuses a wrong account key, naming the table', async () => {
      const wrongKey = connectionString().replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.alloc(32, 7).toString('base64')}`);
      await assert.rejects(openTableStore({ connectionString: wrongKey, tablePrefix: uniqueTablePrefix() }), /Table T\w+(Requests|Audit|Conversations|ApprovalCards|Leases|State|Guests)/);
    });

    it('refuses plain http to anything but this machine', async () => {
      const remote = connectionString().replace(/TableEndpoint=http:\/\/127\.0\.0\.1:\d+/, 'TableEndpoint=http://storage.example.invalid');
      await assert.rejects(openTableStore({ connectionString: remote, tablePrefix: uniqueTablePrefix() }), /allowInsecureConnection|insecure/i);
    });

    it('needs a connection string or an account URL', async () => {
      await assert.rejects(openTableStore({ tablePrefix: uniqueTablePrefix() }), /connection string or an account URL/);
    });
  });
});
