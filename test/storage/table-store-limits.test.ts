import assert from 'node:assert/strict';
import { GuestPassStore } from '../../src/storage';
import { DocumentTooLargeError } from '../../src/storage/table/json-chunks';
import { openTableStore } from '../../src/storage/table/open-table-store';
import { RunningAzurite, startAzurite, uniqueTablePrefix } from '../support/azurite';
import { sampleGuest } from './sample-guest';
import { sampleRequest } from './sample-request';

/** What the table store does at the edges of Table Storage: property and entity sizes, key characters, order. */
describe('Azure Table Storage store, at the limits of the service', () => {
  let azurite: RunningAzurite | undefined;
  let store: GuestPassStore;

  before(async function () {
    this.timeout(30_000);
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });
  beforeEach(async () => {
    store = await openTableStore({ connectionString: azurite!.connectionString, tablePrefix: uniqueTablePrefix() });
  });
  afterEach(() => store.close());

  describe('document size', () => {
    it('splits a request larger than one 64 KiB property across several and reads it back whole', async () => {
      // 40,000 non-ASCII characters are 80,000 bytes in UTF-16: more than one property holds.
      const message = 'ğüşiöç'.repeat(6_000) + '😀'.repeat(20_000); // surrogate pairs across part boundaries too
      const created = await store.requests.create(sampleRequest({ invitation: { ...sampleRequest().invitation, customMessage: message } }));
      assert.equal((await store.requests.get(created.value.id))?.value.invitation.customMessage, message);
      const updated = await store.requests.update({ ...created.value, state: 'approved' }, created.etag);
      assert.deepEqual((await store.requests.list({ states: ['approved'] }))[0], updated);
    });

    it('refuses a document over the limit clearly, and writes nothing', async () => {
      const huge = sampleRequest({ invitation: { ...sampleRequest().invitation, customMessage: 'x'.repeat(200_000) } });
      await assert.rejects(store.requests.create(huge), (error: Error) => {
        assert.ok(error instanceof DocumentTooLargeError);
        assert.match(error.message, new RegExp(`Request ${huge.id} is \\d+ characters of JSON; the table store holds at most 120000`));
        return true;
      });
      assert.equal(await store.requests.get(huge.id), undefined);
      await assert.rejects(store.state.put('big', 'y'.repeat(500_000)), DocumentTooLargeError);
      await assert.rejects(store.conversations.save('big', { text: 'z'.repeat(70_000) }), DocumentTooLargeError);
    });

    it('keeps a governed guest whose history needs many parts, and refuses one over the limit clearly, writing nothing', async () => {
      const history = Array.from({ length: 3_000 }, (_, index) => ({ at: new Date(Date.UTC(2025, 0, 1, 0, index)).toISOString(), what: `kept ${index} — erişim uzatıldı ${'ş'.repeat(60)}` }));
      assert.ok(JSON.stringify(history).length > 300_000);
      const created = await store.guests.create(sampleGuest({ history }));
      assert.deepEqual(await store.guests.get(created.value.userId), created);
      assert.deepEqual(await store.guests.listBySponsor(created.value.sponsorIds[0]!, 10), [created]);

      const huge = sampleGuest({ history: [...history, ...history] });
      await assert.rejects(store.guests.create(huge), (error: Error) => {
        assert.ok(error instanceof DocumentTooLargeError);
        assert.match(error.message, /Governed guest [0-9a-f-]{36} is \d+ characters of JSON; the table store holds at most 450000/);
        return true;
      });
      assert.equal(await store.guests.get(huge.userId), undefined);
      await assert.rejects(store.guests.update({ ...huge, userId: created.value.userId }, created.etag), DocumentTooLargeError);
      assert.deepEqual(await store.guests.get(created.value.userId), created);
    });

    it('refuses a governed guest with more sponsors than one transaction can index, writing nothing', async () => {
      const sponsorIds = Array.from({ length: 120 }, (_, index) => `6a1b4c2e-0000-4000-8000-${String(index).padStart(12, '0')}`);
      const guest = sampleGuest({ sponsorIds });
      await assert.rejects(store.guests.create(guest), /needs 12\d rows written at once; the table store writes at most 100/);
      assert.equal(await store.guests.get(guest.userId), undefined);
      assert.deepEqual(await store.guests.listBySponsor(sponsorIds[0]!, 10), []);
    });

    it('keeps a state value that needs many parts', async () => {
      const seen = Array.from({ length: 5_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      const put = await store.state.put('watcher', { seen });
      assert.deepEqual(await store.state.get('watcher'), put);
    });
  });

  describe('keys', () => {
    // Characters Table Storage refuses in keys (/ \ # ?), quotes for OData, controls, non-ASCII, and over-long keys.
    const awkward = ['a/b\\c#d?e', "o'neil", 'tab\there', 'çğış-名前', '19:abc@thread.tacv2;messageid=1', 'k'.repeat(400)];

    for (const key of awkward) {
      it(`stores and finds ${JSON.stringify(key.length > 40 ? `${key.slice(0, 20)}… (${key.length} characters)` : key)}`, async () => {
        await store.conversations.save(key, { key });
        assert.deepEqual(await store.conversations.get(key), { key });
        await store.state.put(key, 1);
        assert.equal((await store.state.get<number>(key))?.value, 1);
        assert.equal(await store.leases.tryAcquire(key, 'owner', 1_000, new Date()), true);
        const request = sampleRequest({ id: key, requester: { id: key, displayName: 'Odd' } });
        await store.requests.create(request);
        assert.equal((await store.requests.get(key))?.value.id, key);
        assert.deepEqual((await store.requests.list({ requesterId: key })).map((r) => r.value.id), [key]);
        assert.equal(await store.requests.countCreatedSince(key, new Date(0)), 1);
        await store.approvalCards.add(key, { conversationId: key, activityId: key, serviceUrl: 'https://smba.example/', kind: 'channel' });
        assert.equal((await store.approvalCards.list(key)).length, 1);
      });
    }

    it('does not confuse keys that differ only by characters that are escaped', async () => {
      await store.conversations.save('a/b', { which: 1 });
      await store.conversations.save('a~2Fb', { which: 2 });
      await store.conversations.save('a#b', { which: 3 });
      assert.deepEqual(await store.conversations.get('a/b'), { which: 1 });
      assert.deepEqual(await store.conversations.get('a~2Fb'), { which: 2 });
      assert.deepEqual(await store.conversations.get('a#b'), { which: 3 });
    });
  });

  describe('order', () => {
    it('lists requests of the same instant newest-created first, as the SQLite store does', async () => {
      for (const id of ['SAME0001', 'SAME0002', 'SAME0003']) await store.requests.create(sampleRequest({ id }));
      assert.deepEqual((await store.requests.list({})).map((r) => r.value.id), ['SAME0003', 'SAME0002', 'SAME0001']);
      assert.deepEqual((await store.requests.list({ limit: 2 })).map((r) => r.value.id), ['SAME0003', 'SAME0002']);
    });

    it('finds the newest requests with a limit however far back they are, across gaps of years', async () => {
      const dates = ['1999-12-31T23:59:59.999Z', '2011-06-01T00:00:00.000Z', '2011-06-02T00:00:00.000Z', '2039-01-01T00:00:00.000Z'];
      for (const [i, createdAt] of dates.entries()) await store.requests.create(sampleRequest({ id: `OLD${i}`, createdAt }));
      assert.deepEqual((await store.requests.list({ limit: 3 })).map((r) => r.value.id), ['OLD3', 'OLD2', 'OLD1']);
      assert.deepEqual((await store.requests.list({ limit: 10, states: ['pendingApproval'] })).map((r) => r.value.id), ['OLD3', 'OLD2', 'OLD1', 'OLD0']);
      assert.deepEqual((await store.requests.list({ limit: 10, createdAtOrAfter: new Date('2011-06-02T00:00:00.000Z') })).map((r) => r.value.id), ['OLD3', 'OLD2']);
      assert.equal(await store.requests.countCreatedSince('requester-ayse', new Date('2000-01-01T00:00:00.000Z')), 3);
    });

    it('keeps the audit trail in write order, many entries within one millisecond included', async () => {
      const events = Array.from({ length: 30 }, (_, i) => `event.${String(i).padStart(2, '0')}`);
      for (const event of events) await store.audit.append({ at: '2025-03-01T09:00:00.000Z', event });
      assert.deepEqual((await store.audit.latest(30)).map((e) => e.event), [...events].reverse());
      assert.deepEqual((await store.audit.latest(3)).map((e) => e.event), ['event.29', 'event.28', 'event.27']);
    });
  });
});
