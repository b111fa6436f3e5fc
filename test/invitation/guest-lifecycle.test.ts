import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { getGuestStatus } from '../../src/invitation/guest-status';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { issueRedeemLink } from '../../src/invitation/redeem-link';
import { resendInvitation } from '../../src/invitation/resend-invitation';
import { resetRedemption } from '../../src/invitation/reset-redemption';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { ALICE, CAROL_ADMIN, DAVE, guestUser, harness } from './fixtures';

const ADMINS = { admins: { users: [CAROL_ADMIN.id], groups: [] } };

/** A harness with one guest Alice invited through GuestPass (pending) and one she did not (accepted). */
async function lifecycle() {
  const h = harness(ADMINS);
  const invited = await submitInvitation(
    h.ctx,
    { email: 'gita@fabrikam.com', customMessage: 'Falcon review', messageLanguage: 'tr-TR', redirectUrl: 'https://contoso.sharepoint.com/falcon', sendEmail: true, userType: 'Guest' },
    ALICE,
  );
  assert.ok(invited.kind === 'invited');
  h.directory.users.push(guestUser({ id: 'accepted-1', mail: 'alex@northwind.com', otherMails: ['alex@northwind.com', 'alex.w@northwind.com'], externalUserState: 'Accepted' }));
  h.directory.users.push(guestUser({ id: 'member-1', mail: 'pat@fabrikam.com', userType: 'Member', externalUserState: null, creationType: null }));
  h.directory.createInvitation.resetHistory();
  h.directory.findUsersByEmail.resetHistory();
  return { ...h, requestId: invited.request.id };
}

describe('guest lifecycle', () => {
  describe('resendInvitation', () => {
    it('re-invites a pending guest with the email, keeping the original page, message and language, naming no sponsors', async () => {
      const h = await lifecycle();
      const outcome = await resendInvitation(h.ctx, DAVE, { email: 'gita@fabrikam.com' });
      assert.ok(outcome.kind === 'resent');
      assert.deepEqual(h.directory.createInvitation.firstCall.args[0], {
        email: 'gita@fabrikam.com',
        redirectUrl: 'https://contoso.sharepoint.com/falcon',
        sendEmail: true,
        customMessage: 'Falcon review',
        messageLanguage: 'tr-TR',
        userType: 'Guest',
        sponsorIds: [],
      });
      const [entry] = await h.store.audit.latest(1);
      assert.deepEqual([entry?.event, entry?.requestId, entry?.actor?.id], ['guest.invitation.resent', h.requestId, DAVE.id]);
    });

    it('refuses, without a Graph call, guests who accepted, accounts never invited, unknown and ambiguous addresses', async () => {
      const h = await lifecycle();
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'alex@northwind.com' })).kind, 'alreadyAccepted');
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'pat@fabrikam.com' })).kind, 'notInvited');
      assert.deepEqual(await resendInvitation(h.ctx, ALICE, { email: 'nobody@fabrikam.com' }), { kind: 'notFound', query: 'nobody@fabrikam.com' });
      assert.equal((await resendInvitation(h.ctx, ALICE, { email: 'not-an-address' })).kind, 'invalidAddress');
      h.directory.users.push(guestUser({ id: 'twin', mail: 'gita@fabrikam.com' }));
      assert.deepEqual(await resendInvitation(h.ctx, ALICE, { email: 'gita@fabrikam.com' }), { kind: 'ambiguous', query: 'gita@fabrikam.com', count: 2 });
      assert.equal((await resendInvitation(h.ctx, ALICE, { userId: 'deleted-user' })).kind, 'notFound');
      assert.equal(h.directory.createInvitation.callCount, 0);
    });

    it('is for people who may invite only', async () => {
      const h = harness({ inviters: { groups: ['inviters-group'] } });
      h.directory.users.push(guestUser());
      assert.deepEqual(await resendInvitation(h.ctx, DAVE, { email: 'jane@fabrikam.com' }), { kind: 'notAllowed' });
      assert.equal(h.directory.findUsersByEmail.callCount, 0, 'nothing is looked up for someone who may not ask');
    });

    it('reports a Graph failure', async () => {
      const h = await lifecycle();
      h.directory.failWith = new DirectoryError('throttled', 'busy');
      const outcome = await resendInvitation(h.ctx, ALICE, { email: 'gita@fabrikam.com' });
      assert.ok(outcome.kind === 'failed' && outcome.error.kind === 'throttled');
    });
  });

  describe('issueRedeemLink', () => {
    it('gives the requester a fresh URL from a re-invitation without email, and keeps it out of the store and audit', async () => {
      const h = await lifecycle();
      const outcome = await issueRedeemLink(h.ctx, ALICE, { email: 'gita@fabrikam.com' });
      assert.ok(outcome.kind === 'issued');
      assert.match(outcome.redeemUrl, /^https:\/\/login\.microsoftonline\.com\/redeem\?/);
      assert.equal(h.directory.createInvitation.firstCall.args[0].sendEmail, false);
      assert.equal(h.directory.createInvitation.firstCall.args[0].email, 'gita@fabrikam.com');
      const [entry] = await h.store.audit.latest(1);
      assert.equal(entry?.event, 'guest.link.issued');
      const stored = JSON.stringify([await h.store.audit.latest(50), await h.store.requests.list({})]);
      assert.ok(!stored.includes('redeem?'), 'no redeem URL is kept anywhere');
    });

    it('gives admins a link for any pending guest, and nobody else a link for a guest they did not invite', async () => {
      const h = await lifecycle();
      assert.equal((await issueRedeemLink(h.ctx, CAROL_ADMIN, { email: 'gita@fabrikam.com' })).kind, 'issued');
      h.directory.users.push(guestUser({ id: 'someone-elses', mail: 'kim@tailspin.com' }));
      assert.equal((await issueRedeemLink(h.ctx, ALICE, { email: 'kim@tailspin.com' })).kind, 'notAllowed');
      assert.equal((await issueRedeemLink(h.ctx, DAVE, { userId: 'user-1' })).kind, 'notAllowed');
      assert.equal((await issueRedeemLink(h.ctx, ALICE, { userId: 'user-1' })).kind, 'issued', 'by object id, as a card button names it');
      assert.equal(h.directory.createInvitation.callCount, 2);
    });

    it('keeps a guest with whoever asked first, when a later request by someone else reached the same account', async () => {
      const h = await lifecycle();
      const alices = (await h.store.requests.get(h.requestId))!.value;
      h.clock.advance(60_000);
      // Re-inviting an address returns the existing account: a second request can end up "inviting" the same user.
      const daves: InvitationRequest = {
        ...alices,
        id: 'DAVE0001',
        requester: DAVE,
        createdAt: h.clock.now().toISOString(),
        transitions: [{ from: null, to: 'invited', at: h.clock.now().toISOString() }],
      };
      await h.store.requests.create(daves);

      assert.equal((await issueRedeemLink(h.ctx, DAVE, { email: 'gita@fabrikam.com' })).kind, 'notAllowed');
      assert.equal((await issueRedeemLink(h.ctx, DAVE, { userId: 'user-1' })).kind, 'notAllowed', 'nor by a status card button');
      assert.equal(h.directory.createInvitation.callCount, 0);
      const asDave = await getGuestStatus(h.ctx, 'gita@fabrikam.com', DAVE);
      assert.ok(asDave.kind === 'found');
      assert.equal(asDave.guests[0]?.request?.id, h.requestId, 'the status names the request that invited the guest first');
      assert.equal(asDave.guests[0]?.rights?.newLink, false);

      const asAlice = await getGuestStatus(h.ctx, 'gita@fabrikam.com', ALICE);
      assert.ok(asAlice.kind === 'found');
      assert.equal(asAlice.guests[0]?.rights?.newLink, true);
      const issued = await issueRedeemLink(h.ctx, ALICE, { userId: 'user-1' });
      assert.ok(issued.kind === 'issued');
      assert.match(issued.redeemUrl, /^https:\/\/login\.microsoftonline\.com\/redeem\?/);
    });

    it('refuses a guest who already accepted', async () => {
      const h = await lifecycle();
      assert.equal((await issueRedeemLink(h.ctx, CAROL_ADMIN, { email: 'alex@northwind.com' })).kind, 'alreadyAccepted');
      assert.equal(h.directory.createInvitation.callCount, 0);
    });
  });

  describe('resetRedemption', () => {
    it('is for admins only', async () => {
      const h = await lifecycle();
      assert.deepEqual(await resetRedemption(h.ctx, ALICE, { email: 'alex@northwind.com' }), { kind: 'adminsOnly' });
      assert.equal(h.directory.findUsersByEmail.callCount, 0);
    });

    it('resets to the same address with resetRedemption and the object id, and the guest is pending again', async () => {
      const h = await lifecycle();
      const outcome = await resetRedemption(h.ctx, CAROL_ADMIN, { email: 'alex@northwind.com' });
      assert.ok(outcome.kind === 'reset');
      const command = h.directory.createInvitation.firstCall.args[0];
      assert.deepEqual([command.email, command.resetRedemptionOfUserId, command.sendEmail], ['alex@northwind.com', 'accepted-1', true]);
      assert.equal(h.directory.users.find((user) => user.id === 'accepted-1')?.externalUserState, 'PendingAcceptance');
      const [entry] = await h.store.audit.latest(1);
      assert.deepEqual([entry?.event, entry?.details?.previousState], ['guest.redemption.reset', 'Accepted']);
    });

    it('moves the guest to another of their addresses, and explains first when the address is not on the account', async () => {
      const h = await lifecycle();
      const refused = await resetRedemption(h.ctx, CAROL_ADMIN, { email: 'alex@northwind.com' }, 'alex@gmail.example');
      assert.ok(refused.kind === 'addressNotOnAccount');
      assert.deepEqual([refused.email, refused.known], ['alex@gmail.example', ['alex@northwind.com', 'alex.w@northwind.com']]);
      assert.equal(h.directory.createInvitation.callCount, 0, 'checked before Graph is asked');
      const moved = await resetRedemption(h.ctx, CAROL_ADMIN, { userId: 'accepted-1' }, 'Alex.W@northwind.com');
      assert.ok(moved.kind === 'reset');
      assert.equal(h.directory.createInvitation.firstCall.args[0].email, 'Alex.W@northwind.com');
      assert.equal((await resetRedemption(h.ctx, CAROL_ADMIN, { userId: 'accepted-1' }, 'not an address')).kind, 'invalidAddress');
    });

    it('refuses accounts that were never invited', async () => {
      const h = await lifecycle();
      assert.equal((await resetRedemption(h.ctx, CAROL_ADMIN, { email: 'pat@fabrikam.com' })).kind, 'notInvited');
    });

    it('reports missing permissions as such', async () => {
      const h = await lifecycle();
      h.directory.failWith = new DirectoryError('insufficientPrivileges', 'denied', 'req-1');
      const outcome = await resetRedemption(h.ctx, CAROL_ADMIN, { email: 'alex@northwind.com' });
      assert.ok(outcome.kind === 'failed' && outcome.error.kind === 'insufficientPrivileges');
    });
  });
});
