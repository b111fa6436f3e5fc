import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { listPendingGuests, MAX_PENDING_GUESTS } from '../../src/invitation/pending-guests';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, DAVE, guestUser, harness } from './fixtures';

describe('listPendingGuests', () => {
  it("lists the tenant's pending guests longest waiting first, and apart from them the requester's own", async () => {
    const h = harness();
    h.directory.users.push(guestUser({ id: 'recent', externalUserStateChangedAt: new Date('2026-11-20T00:00:00Z') }));
    h.directory.users.push(guestUser({ id: 'old', externalUserStateChangedAt: new Date('2026-01-01T00:00:00Z') }));
    h.directory.users.push(guestUser({ id: 'done', mail: 'done@x.com', externalUserState: 'Accepted' }));
    for (const email of ['mine@fabrikam.com', 'accepted@fabrikam.com']) {
      assert.equal((await submitInvitation(h.ctx, { email, sendEmail: true, userType: 'Guest' }, ALICE)).kind, 'invited');
    }
    assert.equal((await submitInvitation(h.ctx, { email: 'daves@fabrikam.com', sendEmail: true, userType: 'Guest' }, DAVE)).kind, 'invited');
    h.directory.users.find((user) => user.mail === 'accepted@fabrikam.com')!.externalUserState = 'Accepted';

    const outcome = await listPendingGuests(h.ctx, ALICE);
    assert.ok(outcome.kind === 'listed');
    const ids = outcome.tenant.map((user) => user.id);
    assert.deepEqual([ids[0], ids.at(-1)], ['old', 'recent'], 'January first, 20 November last (the others: 1 November)');
    assert.equal(outcome.tenant.length, 4, 'everyone pending, whoever invited them');
    assert.equal(outcome.complete, true);
    assert.deepEqual(outcome.mine.map(({ user }) => user.mail), ['mine@fabrikam.com'], 'only her own, and only those still pending');
    assert.deepEqual(h.directory.listPendingGuests.firstCall.args, [MAX_PENDING_GUESTS]);
  });

  it('has nothing of mine to check without invited requests, and reports directory failures', async () => {
    const h = harness();
    const empty = await listPendingGuests(h.ctx, ALICE);
    assert.deepEqual(empty, { kind: 'listed', tenant: [], complete: true, mine: [] });
    assert.equal(h.directory.getUsersById.callCount, 0);
    h.directory.lookupFailure = new DirectoryError('unavailable', 'down');
    const failed = await listPendingGuests(h.ctx, ALICE);
    assert.ok(failed.kind === 'failed' && failed.error.kind === 'unavailable');
  });
});
