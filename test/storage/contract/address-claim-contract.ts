import assert from 'node:assert/strict';
import { InvitationRequest, OPEN_STATES, RequestState } from '../../../src/invitation/invitation-request';
import { AddressAlreadyRequestedError } from '../../../src/invitation/request-repository';
import { INVITED_HOLD_MS } from '../../../src/storage/address-claims';
import { ConcurrencyError, Versioned } from '../../../src/storage';
import { sampleRequest } from '../sample-request';
import type { CurrentStore } from '../store-contract';

const CLOSED_STATES: RequestState[] = ['invited', 'failed', 'rejected', 'expired', 'cancelled'];
/** Closed states that free the address at once; `invited` keeps it for INVITED_HOLD_MS. */
const FREEING_STATES = CLOSED_STATES.filter((state) => state !== 'invited');

/** A request for `email` by someone other than the sample's requester. */
function requestFor(email: string, overrides: Partial<InvitationRequest> = {}): InvitationRequest {
  const base = sampleRequest(overrides);
  return { ...base, invitation: { ...base.invitation, email }, ...overrides };
}

function byOther(request: InvitationRequest): InvitationRequest {
  return { ...request, requester: { id: 'requester-bora', displayName: 'Bora Kaya', locale: 'en-US' } };
}

async function openRequestsFor(store: CurrentStore, email: string): Promise<Versioned<InvitationRequest>[]> {
  const open = await store().requests.list({ states: [...OPEN_STATES] });
  return open.filter(({ value }) => value.invitation.email.toLowerCase() === email.toLowerCase());
}

export function describeAddressClaimContract(store: CurrentStore): void {
  describe('one open request per address', () => {
    it('refuses a second open request for the address, whatever its case, naming the first; nothing of it is stored', async () => {
      const first = await store().requests.create(requestFor('Jane.Doe@fabrikam.example'));
      const second = byOther(requestFor('jane.doe@FABRIKAM.example', { state: 'approved' }));
      await assert.rejects(store().requests.create(second), (error: unknown) => {
        assert.ok(error instanceof AddressAlreadyRequestedError);
        assert.deepEqual(error.holder, first.value);
        assert.equal(error.address, 'jane.doe@fabrikam.example');
        return true;
      });
      assert.equal(await store().requests.get(second.id), undefined);
      assert.deepEqual((await store().requests.list({})).map(({ value }) => value.id), [first.value.id]);
      assert.equal(await store().requests.countCreatedSince(second.requester.id, new Date(0)), 0);
    });

    it('refuses the second of two creates made at the same moment: exactly one wins', async () => {
      const one = requestFor('race@fabrikam.example');
      const other = byOther(requestFor('RACE@fabrikam.example'));
      const results = await Promise.allSettled([store().requests.create(one), store().requests.create(other)]);
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.ok(lost[0]!.reason instanceof AddressAlreadyRequestedError, String(lost[0]!.reason));
      assert.equal((await openRequestsFor(store, 'race@fabrikam.example')).length, 1);
    });

    it('lets requests for different addresses, and requests that are not open, be', async () => {
      await store().requests.create(requestFor('a@fabrikam.example'));
      await store().requests.create(requestFor('b@fabrikam.example'));
      for (const state of CLOSED_STATES) await store().requests.create(requestFor('a@fabrikam.example', { state }));
      // Closed requests claim nothing: an open one for their address is still welcome.
      await store().requests.create(requestFor('c@fabrikam.example', { state: 'invited' }));
      await store().requests.create(requestFor('c@fabrikam.example', { state: 'pendingApproval' }));
      assert.equal((await store().requests.list({})).length, 9);
    });

    it('keeps the address while the request moves between open states', async () => {
      let held = await store().requests.create(requestFor('moving@fabrikam.example'));
      for (const state of ['approved', 'inviting'] as const) {
        held = await store().requests.update({ ...held.value, state }, held.etag);
        await assert.rejects(store().requests.create(byOther(requestFor('moving@fabrikam.example'))), AddressAlreadyRequestedError);
      }
    });

    for (const closed of FREEING_STATES) {
      it(`frees the address in the same write that moves the request to ${closed}`, async () => {
        const held = await store().requests.create(requestFor('freed@fabrikam.example', { state: 'inviting' }));
        await store().requests.update({ ...held.value, state: closed }, held.etag);
        const next = await store().requests.create(byOther(requestFor('Freed@fabrikam.example')));
        assert.equal(next.value.state, 'pendingApproval');
        // …and the new request holds it in turn.
        await assert.rejects(store().requests.create(requestFor('freed@fabrikam.example')), AddressAlreadyRequestedError);
      });
    }

    it('keeps the address for a while after the invitation, while the directory may not show the guest yet', async () => {
      const invitedAt = '2025-03-01T09:05:00.000Z';
      const held = await store().requests.create(requestFor('fresh@fabrikam.example', { state: 'inviting' }));
      const invited = await store().requests.update(
        { ...held.value, state: 'invited', transitions: [...held.value.transitions, { from: 'inviting', to: 'invited', at: invitedAt }] },
        held.etag,
      );
      const soon = new Date(Date.parse(invitedAt) + INVITED_HOLD_MS - 1000).toISOString();
      await assert.rejects(store().requests.create(byOther(requestFor('Fresh@fabrikam.example', { createdAt: soon }))), (error: unknown) => {
        assert.ok(error instanceof AddressAlreadyRequestedError);
        assert.equal(error.holder.id, invited.value.id);
        assert.equal(error.holder.state, 'invited');
        return true;
      });
      const later = new Date(Date.parse(invitedAt) + INVITED_HOLD_MS).toISOString();
      const next = await store().requests.create(byOther(requestFor('fresh@fabrikam.example', { createdAt: later })));
      assert.equal(next.value.state, 'pendingApproval');
      await assert.rejects(store().requests.create(requestFor('fresh@fabrikam.example', { createdAt: later })), AddressAlreadyRequestedError);
    });

    it('frees nothing when an update is refused for a stale etag', async () => {
      const held = await store().requests.create(requestFor('stale@fabrikam.example'));
      await store().requests.update({ ...held.value, state: 'approved' }, held.etag);
      await assert.rejects(store().requests.update({ ...held.value, state: 'cancelled' }, held.etag), ConcurrencyError);
      await assert.rejects(store().requests.create(byOther(requestFor('stale@fabrikam.example'))), AddressAlreadyRequestedError);
    });

    it('takes the address again when a request reopens, unless another request holds it meanwhile', async () => {
      const failed = await store().requests.create(requestFor('again@fabrikam.example', { state: 'inviting' }));
      const settled = await store().requests.update({ ...failed.value, state: 'failed' }, failed.etag);
      const other = await store().requests.create(byOther(requestFor('again@fabrikam.example')));
      await assert.rejects(store().requests.update({ ...settled.value, state: 'inviting' }, settled.etag), (error: unknown) => {
        assert.ok(error instanceof AddressAlreadyRequestedError);
        assert.equal(error.holder.id, other.value.id);
        return true;
      });
      assert.equal((await store().requests.get(settled.value.id))?.value.state, 'failed');

      await store().requests.update({ ...other.value, state: 'rejected' }, other.etag);
      const reopened = await store().requests.update({ ...settled.value, state: 'inviting' }, settled.etag);
      assert.equal(reopened.value.state, 'inviting');
      await assert.rejects(store().requests.create(requestFor('again@fabrikam.example')), AddressAlreadyRequestedError);
    });

    it('never leaves two open requests when the holder settles while another asks', async () => {
      for (let round = 0; round < 5; round++) {
        const email = `settling${round}@fabrikam.example`;
        const held = await store().requests.create(requestFor(email));
        const results = await Promise.allSettled([
          store().requests.update({ ...held.value, state: 'cancelled' }, held.etag),
          store().requests.create(byOther(requestFor(email))),
        ]);
        assert.equal(results[0].status, 'fulfilled');
        if (results[1].status === 'rejected') assert.ok(results[1].reason instanceof AddressAlreadyRequestedError);
        assert.ok((await openRequestsFor(store, email)).length <= 1);
        // Whatever the order was, the address is not left blocked: one more request gets it or finds the new holder.
        const open = await openRequestsFor(store, email);
        if (open.length === 0) await store().requests.create(requestFor(email));
        else await assert.rejects(store().requests.create(requestFor(email)), AddressAlreadyRequestedError);
      }
    });
  });
}
