import { strict as assert } from 'node:assert';
import { SANDBOX_IDS } from '../../../src/sandbox/graph-simulator';
import { FIXED_NOW, startSimulator, type SimulatorHarness } from './simulator-harness';

const REDIRECT = 'https://teams.microsoft.com/l/team/19%3a123';
const NOW_ISO = FIXED_NOW.toISOString().replace('.000Z', 'Z');

describe('Graph simulator: POST /invitations', () => {
  let graph: SimulatorHarness;

  beforeEach(async () => {
    graph = await startSimulator();
  });
  afterEach(async () => {
    await graph.close();
  });

  const invite = (body: Record<string, unknown>) => graph.post('/v1.0/invitations', body);

  function redeemTicket(inviteRedeemUrl: string): string {
    const redeem = new URL(inviteRedeemUrl);
    assert.equal(redeem.origin + redeem.pathname, 'https://login.microsoftonline.com/redeem');
    const inner = new URL(redeem.searchParams.get('rd')!);
    assert.equal(inner.origin + inner.pathname, 'https://invitations.microsoft.com/redeem/');
    assert.equal(inner.searchParams.get('tenant'), SANDBOX_IDS.tenant);
    return inner.searchParams.get('ticket')!;
  }

  describe('a new address', () => {
    it('creates a pending guest and answers 201 with the Graph invitation shape', async () => {
      const { status, body } = await invite({
        invitedUserEmailAddress: 'sam@tailspin.com',
        invitedUserDisplayName: 'Sam Tailspin',
        inviteRedirectUrl: REDIRECT,
        sendInvitationMessage: true,
        invitedUserMessageInfo: {
          customizedMessageBody: 'Welcome to Project Falcon',
          ccRecipients: [{ emailAddress: { name: 'Megan', address: 'megan@contoso.com' } }],
        },
        invitedUserSponsors: [{ id: SANDBOX_IDS.users.megan }],
      });
      assert.equal(status, 201);
      assert.equal(body.invitedUserEmailAddress, 'sam@tailspin.com');
      assert.equal(body.invitedUserDisplayName, 'Sam Tailspin');
      assert.equal(body.invitedUserType, 'Guest');
      assert.equal(body.status, 'PendingAcceptance');
      assert.equal(body.sendInvitationMessage, true);
      assert.equal(body.resetRedemption, false);
      assert.equal(body.inviteRedirectUrl, REDIRECT);
      assert.deepEqual(body.invitedUserMessageInfo, {
        messageLanguage: null,
        customizedMessageBody: 'Welcome to Project Falcon',
        ccRecipients: [{ emailAddress: { name: 'Megan', address: 'megan@contoso.com' } }],
      });
      assert.match(body.id, /^[0-9a-f-]{36}$/);
      assert.ok(redeemTicket(body.inviteRedeemUrl).length > 20);

      const user = graph.simulator.directory.findUser(body.invitedUser.id)!;
      assert.deepEqual(
        {
          upn: user.userPrincipalName,
          mail: user.mail,
          otherMails: user.otherMails,
          userType: user.userType,
          state: user.externalUserState,
          changed: user.externalUserStateChangeDateTime,
          creationType: user.creationType,
          displayName: user.displayName,
        },
        {
          upn: 'sam_tailspin.com#EXT#@contoso.onmicrosoft.com',
          mail: 'sam@tailspin.com',
          otherMails: ['sam@tailspin.com'],
          userType: 'Guest',
          state: 'PendingAcceptance',
          changed: NOW_ISO,
          creationType: 'Invitation',
          displayName: 'Sam Tailspin',
        },
      );
      const [recorded] = graph.simulator.directory.invitationsFor(user.id);
      assert.equal(recorded!.sendInvitationMessage, true);
      assert.equal(recorded!.invitedUserMessageInfo.customizedMessageBody, 'Welcome to Project Falcon');
      assert.deepEqual(recorded!.invitedUserSponsors, [{ id: SANDBOX_IDS.users.megan }]);

      const sponsors = await graph.get(`/v1.0/users/${user.id}/sponsors?$select=id,displayName`);
      assert.deepEqual(sponsors.body.value, [{ '@odata.type': '#microsoft.graph.user', id: SANDBOX_IDS.users.megan, displayName: 'Megan Bowen' }]);
    });

    it('defaults: no message, Guest, display name from the address; Member on request', async () => {
      const guest = await invite({ invitedUserEmailAddress: 'pat_lee@tailspin.com', inviteRedirectUrl: REDIRECT });
      assert.equal(guest.body.sendInvitationMessage, false);
      assert.equal(guest.body.invitedUserType, 'Guest');
      assert.equal(graph.simulator.directory.findUser(guest.body.invitedUser.id)!.displayName, 'pat_lee');
      const memberInvite = await invite({ invitedUserEmailAddress: 'boss@tailspin.com', inviteRedirectUrl: REDIRECT, invitedUserType: 'Member' });
      assert.equal(memberInvite.body.invitedUserType, 'Member');
      assert.equal(graph.simulator.directory.findUser(memberInvite.body.invitedUser.id)!.userType, 'Member');
    });

    it('becomes Accepted, with the redemption time, when the guest redeems', async () => {
      let clock = FIXED_NOW;
      const timed = await startSimulator({ now: () => clock });
      try {
        const { body } = await timed.post('/v1.0/invitations', { invitedUserEmailAddress: 'sam@tailspin.com', inviteRedirectUrl: REDIRECT });
        clock = new Date('2025-03-02T08:30:00Z');
        timed.simulator.directory.acceptInvitation(body.invitedUser.id);
        const { body: user } = await timed.get(`/v1.0/users/${body.invitedUser.id}?$select=externalUserState,externalUserStateChangeDateTime`);
        assert.equal(user.externalUserState, 'Accepted');
        assert.equal(user.externalUserStateChangeDateTime, '2025-03-02T08:30:00Z');
        assert.equal(timed.simulator.directory.invitationsFor(body.invitedUser.id)[0]!.status, 'Completed');
      } finally {
        await timed.close();
      }
    });
  });

  describe('an address that already has a user', () => {
    it('re-invites the pending guest: same object, a fresh redeem URL, no new user', async () => {
      const usersBefore = graph.simulator.directory.users.length;
      const first = await invite({ invitedUserEmailAddress: 'JANE@fabrikam.com', inviteRedirectUrl: REDIRECT, sendInvitationMessage: true });
      const second = await invite({ invitedUserEmailAddress: 'jane@fabrikam.com', inviteRedirectUrl: REDIRECT, sendInvitationMessage: true });
      assert.equal(first.status, 201);
      assert.equal(first.body.invitedUser.id, SANDBOX_IDS.users.janePending);
      assert.equal(second.body.invitedUser.id, SANDBOX_IDS.users.janePending);
      assert.equal(first.body.status, 'PendingAcceptance');
      assert.notEqual(redeemTicket(first.body.inviteRedeemUrl), redeemTicket(second.body.inviteRedeemUrl));
      assert.equal(graph.simulator.directory.users.length, usersBefore);
      assert.equal(graph.simulator.directory.invitationsFor(SANDBOX_IDS.users.janePending).length, 2);
    });

    it('answers Completed for a guest who already redeemed, and matches otherMails too', async () => {
      const alex = await invite({ invitedUserEmailAddress: 'alex@northwind.com', inviteRedirectUrl: REDIRECT });
      assert.equal(alex.body.status, 'Completed');
      assert.equal(alex.body.invitedUser.id, SANDBOX_IDS.users.alexAccepted);
      const kai = await invite({ invitedUserEmailAddress: 'kai@litware.com', inviteRedirectUrl: REDIRECT });
      assert.equal(kai.body.invitedUser.id, SANDBOX_IDS.users.kaiOtherMails);
    });

    it('refuses an address that is only another object\'s SMTP proxy address', async () => {
      const { status, body } = await invite({ invitedUserEmailAddress: 'lee.gu@woodgrove.com', inviteRedirectUrl: REDIRECT });
      assert.equal(status, 400);
      assert.equal(body.error.code, 'Request_BadRequest');
      assert.match(body.error.message, /proxyAddresses already exists/);
    });
  });

  describe('validation', () => {
    const expectBadRequest = async (body: Record<string, unknown>, messagePattern?: RegExp) => {
      const response = await invite(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.error.code, 'BadRequest', JSON.stringify(body));
      if (messagePattern) assert.match(response.body.error.message, messagePattern);
    };

    it('requires invitedUserEmailAddress and inviteRedirectUrl', async () => {
      await expectBadRequest({ inviteRedirectUrl: REDIRECT }, /invitedUserEmailAddress/);
      await expectBadRequest({ invitedUserEmailAddress: 'a@tailspin.com' }, /inviteRedirectUrl/);
      await expectBadRequest({ invitedUserEmailAddress: 'a@tailspin.com', inviteRedirectUrl: 'not a url' });
    });

    it('rejects each forbidden character, and . or - at either end of the local part', async () => {
      for (const char of '~!#$%^&*()+=[]{}\\/|;:"<>?,') {
        await expectBadRequest({ invitedUserEmailAddress: `a${char}b@tailspin.com`, inviteRedirectUrl: REDIRECT });
      }
      for (const local of ['.sam', 'sam.', '-sam', 'sam-']) {
        await expectBadRequest({ invitedUserEmailAddress: `${local}@tailspin.com`, inviteRedirectUrl: REDIRECT });
      }
      for (const address of ['no-at-sign', 'two@@tailspin.com', 'sam@localhost', 'sam @tailspin.com']) {
        await expectBadRequest({ invitedUserEmailAddress: address, inviteRedirectUrl: REDIRECT });
      }
      const allowed = await invite({ invitedUserEmailAddress: "_s.a-m_o'neil@tailspin.com", inviteRedirectUrl: REDIRECT });
      assert.equal(allowed.status, 201);
    });

    it('allows at most one cc recipient and five sponsors, all of them existing users', async () => {
      const cc = { emailAddress: { address: 'x@tailspin.com' } };
      await expectBadRequest(
        { invitedUserEmailAddress: 'a@tailspin.com', inviteRedirectUrl: REDIRECT, invitedUserMessageInfo: { ccRecipients: [cc, cc] } },
        /one additional recipient/,
      );
      const six = Array.from({ length: 6 }, () => ({ id: SANDBOX_IDS.users.megan }));
      await expectBadRequest({ invitedUserEmailAddress: 'a@tailspin.com', inviteRedirectUrl: REDIRECT, invitedUserSponsors: six });
      await expectBadRequest({ invitedUserEmailAddress: 'a@tailspin.com', inviteRedirectUrl: REDIRECT, invitedUserSponsors: [{ id: 'nobody' }] });
      await expectBadRequest({ invitedUserEmailAddress: 'a@tailspin.com', inviteRedirectUrl: REDIRECT, invitedUserType: 'Admin' });
      assert.equal(graph.simulator.directory.findUserByEmail('a@tailspin.com'), undefined);
    });

    it('refuses blocked domains (and their subdomains) and the tenant\'s own verified domains', async () => {
      await expectBadRequest(
        { invitedUserEmailAddress: 'spam@blocked.example', inviteRedirectUrl: REDIRECT },
        /currently blocked by your invitation policy/,
      );
      await expectBadRequest({ invitedUserEmailAddress: 'spam@eu.blocked.example', inviteRedirectUrl: REDIRECT }, /currently blocked/);
      graph.simulator.directory.blockedDomains.add('tailspin.com');
      await expectBadRequest({ invitedUserEmailAddress: 'sam@tailspin.com', inviteRedirectUrl: REDIRECT }, /currently blocked/);
      await expectBadRequest({ invitedUserEmailAddress: 'adele@contoso.com', inviteRedirectUrl: REDIRECT }, /verified domain/);
    });
  });

  describe('resetRedemption', () => {
    const reset = (body: Record<string, unknown>) =>
      invite({ inviteRedirectUrl: REDIRECT, sendInvitationMessage: true, resetRedemption: true, ...body });

    it('requires invitedUser.id of an existing user', async () => {
      assert.equal((await reset({ invitedUserEmailAddress: 'alex@northwind.com' })).status, 400);
      assert.equal((await reset({ invitedUserEmailAddress: 'alex@northwind.com', invitedUser: { id: 'missing' } })).status, 400);
    });

    it('requires the address to be in the user\'s mail or otherMails', async () => {
      const { status, body } = await reset({ invitedUserEmailAddress: 'alex@other.com', invitedUser: { id: SANDBOX_IDS.users.alexAccepted } });
      assert.equal(status, 400);
      assert.equal(body.error.code, 'BadRequest');
      assert.match(body.error.message, /doesn't match any emails on the user object/);
    });

    it('puts the same object back to PendingAcceptance', async () => {
      const { status, body } = await reset({ invitedUserEmailAddress: 'alex@northwind.com', invitedUser: { id: SANDBOX_IDS.users.alexAccepted } });
      assert.equal(status, 201);
      assert.equal(body.resetRedemption, true);
      assert.equal(body.invitedUser.id, SANDBOX_IDS.users.alexAccepted);
      assert.equal(body.status, 'PendingAcceptance');
      const alex = graph.simulator.directory.findUser(SANDBOX_IDS.users.alexAccepted)!;
      assert.equal(alex.externalUserState, 'PendingAcceptance');
      assert.equal(alex.externalUserStateChangeDateTime, NOW_ISO);
    });
  });
});
