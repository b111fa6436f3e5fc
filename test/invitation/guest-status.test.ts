import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { getGuestStatus, MAX_STATUS_MATCHES } from '../../src/invitation/guest-status';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, CAROL_ADMIN, DAVE, guestUser, harness } from './fixtures';
import { governedGuest, lifecycleHarness } from './lifecycle/lifecycle-fixtures';

describe('getGuestStatus', () => {
  it('finds a guest by address, with Entra sponsors and the GuestPass request that invited them', async () => {
    const h = harness();
    const invited = await submitInvitation(h.ctx, { email: 'gita@fabrikam.com', customMessage: 'For the Falcon review', sendEmail: true, userType: 'Guest' }, ALICE);
    assert.ok(invited.kind === 'invited');
    h.directory.sponsorsByUser.set('user-1', [{ id: ALICE.id, displayName: ALICE.displayName, mail: 'alice@contoso.com' }]);
    const outcome = await getGuestStatus(h.ctx, ' gita@FABRIKAM.com ');
    assert.ok(outcome.kind === 'found');
    assert.deepEqual(outcome.query, { by: 'email', email: 'gita@fabrikam.com' });
    const [guest] = outcome.guests;
    assert.equal(guest?.request?.id, invited.request.id);
    assert.equal(guest?.request?.invitation.customMessage, 'For the Falcon review');
    assert.deepEqual(guest?.sponsors?.map((sponsor) => sponsor.displayName), [ALICE.displayName]);
    assert.equal(guest?.rights, undefined, 'no viewer, no rights');
  });

  it('treats text without @ as the start of a name and lists several matches, saying when there are more', async () => {
    const h = harness();
    for (let i = 0; i < MAX_STATUS_MATCHES + 2; i++) h.directory.users.push(guestUser({ id: `g${i}`, displayName: `Jane ${i}`, mail: `jane${i}@fabrikam.com` }));
    const outcome = await getGuestStatus(h.ctx, 'jan');
    assert.ok(outcome.kind === 'found');
    assert.deepEqual(outcome.query, { by: 'name', name: 'jan' });
    assert.equal(outcome.guests.length, MAX_STATUS_MATCHES);
    assert.equal(outcome.more, true);
    assert.deepEqual(h.directory.findUsersByDisplayNamePrefix.firstCall.args, ['jan', MAX_STATUS_MATCHES + 1]);
    const few = await getGuestStatus(h.ctx, 'Jane 1');
    assert.ok(few.kind === 'found');
    assert.deepEqual(few.guests.map((guest) => guest.user.id), ['g1', 'g10', 'g11']);
    assert.equal(few.more, false);
  });

  it('refuses a malformed address and a one-letter name before asking the directory', async () => {
    const h = harness();
    assert.equal((await getGuestStatus(h.ctx, 'jane@')).kind, 'invalidAddress');
    assert.deepEqual(await getGuestStatus(h.ctx, 'j'), { kind: 'nameTooShort', text: 'j', min: 2 });
    assert.equal(h.directory.findUsersByEmail.callCount + h.directory.findUsersByDisplayNamePrefix.callCount, 0);
  });

  it('says nobody matched, and reports directory failures', async () => {
    const h = harness();
    assert.deepEqual(await getGuestStatus(h.ctx, 'nobody@fabrikam.com'), { kind: 'notFound', query: { by: 'email', email: 'nobody@fabrikam.com' } });
    assert.deepEqual(await getGuestStatus(h.ctx, 'Nobody'), { kind: 'notFound', query: { by: 'name', name: 'Nobody' } });
    h.directory.lookupFailure = new DirectoryError('throttled', 'busy');
    const failed = await getGuestStatus(h.ctx, 'Jane');
    assert.ok(failed.kind === 'failed' && failed.error.kind === 'throttled');
  });

  it('still shows the status when sponsors cannot be read, and skips them where the cloud has none', async () => {
    const h = harness();
    h.directory.users.push(guestUser());
    h.directory.listSponsors = (async () => {
      throw new DirectoryError('insufficientPrivileges', 'no');
    }) as unknown as typeof h.directory.listSponsors;
    const outcome = await getGuestStatus(h.ctx, 'jane@fabrikam.com');
    assert.ok(outcome.kind === 'found');
    assert.equal(outcome.guests[0]?.sponsors, undefined);

    const gov = harness();
    gov.ctx.sponsorsSupported = false;
    gov.directory.users.push(guestUser());
    await getGuestStatus(gov.ctx, 'jane@fabrikam.com');
    assert.equal(gov.directory.listSponsors.callCount, 0);
  });

  it("gives each guest the viewer's rights: resend for inviters, a new link for the requester or an admin, reset for admins", async () => {
    const h = harness({ admins: { users: [CAROL_ADMIN.id], groups: [] } });
    const mine = await submitInvitation(h.ctx, { email: 'mine@fabrikam.com', sendEmail: true, userType: 'Guest' }, ALICE);
    assert.ok(mine.kind === 'invited');
    h.directory.users.push(guestUser({ id: 'other', mail: 'other@fabrikam.com' }));
    const rights = async (viewer: typeof ALICE, email: string) => {
      const outcome = await getGuestStatus(h.ctx, email, viewer);
      assert.ok(outcome.kind === 'found');
      return outcome.guests[0]?.rights;
    };
    assert.deepEqual(await rights(ALICE, 'mine@fabrikam.com'), { resend: true, newLink: true, reset: false });
    assert.deepEqual(await rights(ALICE, 'other@fabrikam.com'), { resend: true, newLink: false, reset: false });
    assert.deepEqual(await rights(CAROL_ADMIN, 'other@fabrikam.com'), { resend: true, newLink: true, reset: true });

    const restricted = harness({ inviters: { groups: ['inviters-group'] } });
    restricted.directory.users.push(guestUser());
    const outcome = await getGuestStatus(restricted.ctx, 'jane@fabrikam.com', DAVE);
    assert.ok(outcome.kind === 'found');
    assert.deepEqual(outcome.guests[0]?.rights, { resend: false, newLink: false, reset: false });
  });

  it('carries the governed guest beside the request: after a Keep or an Extend its end date is the truth', async () => {
    const h = lifecycleHarness();
    h.directory.users.push(guestUser({ id: 'GUEST-1', mail: 'gita@fabrikam.com' }));
    await h.guests.create(governedGuest({ userId: 'guest-1', accessEndsAt: '2027-02-28T23:59:59.999Z', state: 'disabled', deleteAt: '2027-03-30T00:00:00.000Z' }));
    const outcome = await getGuestStatus(h.ctx, 'gita@fabrikam.com');
    assert.ok(outcome.kind === 'found');
    const [guest] = outcome.guests;
    assert.deepEqual([guest?.governed?.accessEndsAt, guest?.governed?.state], ['2027-02-28T23:59:59.999Z', 'disabled']);
    const plain = harness();
    plain.directory.users.push(guestUser());
    const ungoverned = await getGuestStatus(plain.ctx, 'jane@fabrikam.com');
    assert.ok(ungoverned.kind === 'found');
    assert.equal(ungoverned.guests[0]?.governed, undefined, 'no lifecycle, nothing governed');
  });
});
