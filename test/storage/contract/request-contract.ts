import assert from 'node:assert/strict';
import { InvitationRequest, RequestState } from '../../../src/invitation/invitation-request';
import { RequestQuery } from '../../../src/invitation/request-repository';
import { AlreadyExistsError, ConcurrencyError } from '../../../src/storage';
import { sampleRequest } from '../sample-request';
import type { CurrentStore } from '../store-contract';

export function describeRequestContract(store: CurrentStore): void {
  describe('requests', () => {
    it('returns a created request unchanged, nested transitions included', async () => {
      const request = sampleRequest({
        result: { userId: 'user-1', graphRequestId: 'graph-1', retryable: false },
        transitions: [
          { from: null, to: 'pendingApproval', at: '2025-03-01T09:00:00.000Z' },
          { from: 'pendingApproval', to: 'approved', at: '2025-03-01T10:00:00.000Z', by: { id: 'a', displayName: 'A' } },
        ],
      });
      const created = await store().requests.create(request);
      assert.deepEqual(created.value, request);
      assert.ok(created.etag.length > 0);

      const read = await store().requests.get(request.id);
      assert.deepEqual(read, created);
    });

    it('returns undefined for an unknown id', async () => {
      assert.equal(await store().requests.get('NOPE0000'), undefined);
    });

    it('refuses to create the same id twice and keeps the first', async () => {
      const first = sampleRequest();
      await store().requests.create(first);
      await assert.rejects(store().requests.create({ ...first, state: 'approved' }), AlreadyExistsError);
      assert.equal((await store().requests.get(first.id))?.value.state, 'pendingApproval');
    });

    it('updates with the current etag and hands out a new one', async () => {
      const created = await store().requests.create(sampleRequest());
      const changed: InvitationRequest = { ...created.value, state: 'approved' };
      const updated = await store().requests.update(changed, created.etag);
      assert.notEqual(updated.etag, created.etag);
      assert.deepEqual(updated.value, changed);
      assert.deepEqual(await store().requests.get(changed.id), updated);
    });

    it('refuses a stale etag and leaves the stored value alone', async () => {
      const created = await store().requests.create(sampleRequest());
      const updated = await store().requests.update({ ...created.value, state: 'approved' }, created.etag);
      await assert.rejects(
        store().requests.update({ ...created.value, state: 'rejected' }, created.etag),
        ConcurrencyError,
      );
      assert.deepEqual(await store().requests.get(created.value.id), updated);
    });

    it('refuses an update of a request that does not exist', async () => {
      const created = await store().requests.create(sampleRequest());
      await assert.rejects(store().requests.update(sampleRequest(), created.etag), ConcurrencyError);
    });

    it('refuses a request whose createdAt is not a date', async () => {
      await assert.rejects(store().requests.create(sampleRequest({ createdAt: 'yesterday' })), TypeError);
    });

    it('hands out copies: changing what went in or came out does not change the store', async () => {
      const request = sampleRequest();
      const created = await store().requests.create(request);
      request.transitions.push({ from: 'pendingApproval', to: 'approved', at: request.createdAt });
      created.value.transitions.push({ from: 'pendingApproval', to: 'rejected', at: request.createdAt });
      const read = await store().requests.get(request.id);
      read!.value.invitation.email = 'changed@example.com';
      const [listed] = await store().requests.list({});
      listed!.value.groupIds!.push('group-3');

      const stored = (await store().requests.get(request.id))!.value;
      assert.equal(stored.transitions.length, 1);
      assert.equal(stored.invitation.email, request.invitation.email);
      assert.deepEqual(stored.groupIds, ['group-1', 'group-2']);
    });

    describe('list and count', () => {
      // Created out of order so "newest first" cannot pass by accident of insertion order.
      const rows: Array<[id: string, requesterId: string, state: RequestState, createdAt: string]> = [
        ['LIST0002', 'alice', 'approved', '2025-03-02T00:00:00.000Z'],
        ['LIST0004', 'bob', 'pendingApproval', '2025-03-04T00:00:00.000Z'],
        ['LIST0001', 'alice', 'pendingApproval', '2025-03-01T00:00:00.000Z'],
        ['LIST0005', 'alice', 'invited', '2025-03-05T00:00:00.000Z'],
        ['LIST0003', 'alice', 'pendingApproval', '2025-03-03T00:00:00.000Z'],
      ];

      beforeEach(async () => {
        for (const [id, requesterId, state, createdAt] of rows) {
          await store().requests.create(
            sampleRequest({ id, state, createdAt, requester: { id: requesterId, displayName: requesterId } }),
          );
        }
      });

      const ids = async (query: RequestQuery) =>
        (await store().requests.list(query)).map((r) => r.value.id);

      it('lists everything newest first', async () => {
        assert.deepEqual(await ids({}), ['LIST0005', 'LIST0004', 'LIST0003', 'LIST0002', 'LIST0001']);
      });

      it('filters by states', async () => {
        assert.deepEqual(await ids({ states: ['pendingApproval'] }), ['LIST0004', 'LIST0003', 'LIST0001']);
        assert.deepEqual(await ids({ states: ['approved', 'invited'] }), ['LIST0005', 'LIST0002']);
        assert.deepEqual(await ids({ states: [] }), []);
      });

      it('filters by requester', async () => {
        assert.deepEqual(await ids({ requesterId: 'bob' }), ['LIST0004']);
        assert.deepEqual(await ids({ requesterId: 'nobody' }), []);
      });

      it('filters by creation time, inclusive', async () => {
        assert.deepEqual(await ids({ createdAtOrAfter: new Date('2025-03-04T00:00:00.000Z') }), ['LIST0005', 'LIST0004']);
      });

      it('limits, and combines filters', async () => {
        assert.deepEqual(await ids({ limit: 2 }), ['LIST0005', 'LIST0004']);
        assert.deepEqual(await ids({ limit: 0 }), []);
        assert.deepEqual(
          await ids({
            states: ['pendingApproval', 'approved'],
            requesterId: 'alice',
            createdAtOrAfter: new Date('2025-03-02T00:00:00.000Z'),
            limit: 1,
          }),
          ['LIST0003'],
        );
      });

      it('returns etags that update accepts', async () => {
        const [newest] = await store().requests.list({ limit: 1 });
        await store().requests.update({ ...newest!.value, state: 'cancelled' }, newest!.etag);
      });

      it('counts what a requester created since an instant, inclusive', async () => {
        assert.equal(await store().requests.countCreatedSince('alice', new Date('2025-03-02T00:00:00.000Z')), 3);
        assert.equal(await store().requests.countCreatedSince('alice', new Date('2025-03-06T00:00:00.000Z')), 0);
        assert.equal(await store().requests.countCreatedSince('bob', new Date('2025-01-01T00:00:00.000Z')), 1);
      });

      it('counts requests created out of order, and follows an update that moves one to another requester', async () => {
        const requester = (id: string) => ({ id, displayName: id });
        const at = (day: number) => `2025-04-0${day}T12:00:00.000Z`;
        for (const day of [5, 2, 4, 3]) await store().requests.create(sampleRequest({ requester: requester('carol'), createdAt: at(day) }));
        const moved = await store().requests.create(sampleRequest({ requester: requester('carol'), createdAt: at(6) }));
        assert.equal(await store().requests.countCreatedSince('carol', new Date(at(3))), 4);
        await store().requests.update({ ...moved.value, requester: requester('dave') }, moved.etag);
        assert.equal(await store().requests.countCreatedSince('carol', new Date(at(3))), 3);
        assert.equal(await store().requests.countCreatedSince('dave', new Date(at(1))), 1);
      });
    });
  });
}
