import assert from 'node:assert/strict';
import type { DirectorySeed } from '../../src/sandbox/graph-simulator';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { adaptiveCardActionInvoke, channelMessage, TeamsUser } from '../support/teams-activities';
import { BotHarness, cardOf, cardText } from './bot-harness';
import { adele, guestSeed, LifecycleBot, megan, MEGAN_PERSONAL, seedWith, startLifecycleBot, verbs } from './lifecycle-setup';

describe('the guest lifecycle through Teams, end to end', () => {
  let t: LifecycleBot;
  let bot: BotHarness;
  const start = async (seed?: DirectorySeed) => {
    t = await startLifecycleBot(seed);
    ({ bot } = t);
  };
  afterEach(() => bot.stop());
  const say: LifecycleBot['say'] = (...args) => t.say(...args);
  const press: LifecycleBot['press'] = (...args) => t.press(...args);
  const guestId = (address: string) => t.guestId(address);

  describe('status', () => {
    beforeEach(() =>
      start(seedWith([guestSeed('Jane Roe (Tailspin)', 'jane.roe@tailspin.com'), guestSeed("Seán O'Brien", "sean@adatum.com", 'Pending Acceptance')])),
    );

    it('finds guests by the start of their name, lists every match, and shows sponsors', async () => {
      const [reply] = await say('status Jane');
      const text = cardText(cardOf(reply));
      assert.match(text, /Accounts whose name starts with "Jane"/);
      assert.match(text, /Jane Doe \(Fabrikam\)/);
      assert.match(text, /Jane Roe \(Tailspin\)/);
      assert.match(text, /Sponsors\nMegan Bowen/, "Jane Doe's sponsor, read from GET /users/{id}/sponsors");
      const lookup = bot.simulator.requestsTo('GET', '/v1.0/users').find((request) => request.query.get('$filter')?.startsWith('startswith'));
      assert.equal(lookup?.query.get('$filter'), "startswith(displayName,'Jane')");
    });

    it('after Resend on a card listing several guests, shows the card again with the outcome next to that guest', async () => {
      const [status] = await say('status Jane', adele);
      const card = cardOf(status);
      const entryOf = (shown: unknown, name: string) =>
        ((shown as { body: { type: string }[] }).body.filter((element) => element.type === 'Container') as unknown[]).find((entry) =>
          cardText(entry).startsWith(name),
        );
      const resend = JSON.stringify(entryOf(card, 'Jane Roe (Tailspin)')).match(/"verb":"guest\.resend","title":"[^"]*","data":(\{[^}]*\})/);
      assert.ok(resend, 'Jane Roe is pending: her entry offers Resend');
      await bot.send(
        adaptiveCardActionInvoke({
          ...bot.activityOptions({ from: adele, replyToId: status!.activityId }),
          verb: 'guest.resend',
          data: JSON.parse(resend[1]!) as Record<string, unknown>,
        }),
      );
      const [updated] = await bot.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === status!.activityId });
      const shown = cardOf(updated);
      assert.match(cardText(entryOf(shown, 'Jane Roe (Tailspin)')), /email the invitation to jane\.roe@tailspin\.com again/);
      assert.doesNotMatch(cardText(entryOf(shown, 'Jane Doe (Fabrikam)')), /again/, 'not next to the other guest');
      assert.match(cardText(shown), /Accounts whose name starts with "Jane"/, 'the same card, every guest still on it');
    });

    it("escapes the name, and reads Entra's \"Pending Acceptance\" with a space as pending", async () => {
      const [reply] = await say("status Seán O'B");
      const text = cardText(cardOf(reply));
      assert.match(text, /Seán O'Brien/);
      assert.match(text, /Invitation state\nPending acceptance/);
      assert.deepEqual(verbs(cardOf(reply)), ['guest.resend'], 'still pending, so Resend is offered');
    });

    it('explains an account without an invitation state, and says so when nothing matches', async () => {
      const [member] = await say('status megan@contoso.com');
      assert.match(cardText(cardOf(member)), /Entra records no invitation state for this account/);
      const [none] = await say('status Zebedee');
      assert.match(none?.activity.text ?? '', /Nobody in the directory has a name starting with "Zebedee"/);
    });

    it('shows who invited the guest through GuestPass and why', async () => {
      await say('invite why@tailspin.com Wanda Why --message "For the Falcon design review"');
      const [reply] = await say('status why@tailspin.com');
      const text = cardText(cardOf(reply));
      assert.match(text, /Invited through GuestPass by\nMegan Bowen/);
      assert.match(text, /Message to the guest\nFor the Falcon design review/);
      assert.match(text, /Sponsors\nMegan Bowen/, 'the requester was named as sponsor');
    });

    it('offers each person only the buttons they may use', async () => {
      await say('invite mine@tailspin.com');
      const buttons = async (query: string, from: TeamsUser) => verbs(cardOf((await say(`status ${query}`, from))[0]));
      assert.deepEqual(await buttons('jane@fabrikam.com', megan), ['guest.resend'], 'not her guest: no link');
      assert.deepEqual(await buttons('mine@tailspin.com', megan), ['guest.resend', 'guest.link'], 'her own guest');
      assert.deepEqual(await buttons('jane@fabrikam.com', adele), ['guest.resend', 'guest.link'], 'an admin');
      assert.deepEqual(await buttons('alex@northwind.com', adele), ['guest.reset'], 'accepted: only reset, for an admin');
      assert.deepEqual(await buttons('alex@northwind.com', megan), []);
    });
  });

  describe('pending', () => {
    beforeEach(() => start(seedWith(Array.from({ length: 130 }, (_, i) => guestSeed(`Waiting Guest ${i}`, `w${i}@litware.com`)))));

    it("pages through every pending guest of the tenant and lists the requester's own apart", async () => {
      await say('invite fresh@tailspin.com Fresh Guest');
      bot.simulator.requests.length = 0;
      const [reply] = await say('pending');
      const text = cardText(cardOf(reply));
      assert.match(text, /Invited by you through GuestPass\nOne of your guests is still waiting\.\nFresh Guest/);
      assert.match(text, /132 guests are waiting\./, '130 seeded, Jane and the fresh one');
      // Exactly /users: the JSON batch items checking her own guests are recorded as /users/{id}.
      const pages = bot.simulator.requestsTo('GET', '/v1.0/users').filter((request) => request.path === '/v1.0/users');
      assert.equal(pages.length, 2, 'two pages of 100');
      assert.ok(pages[1]!.query.get('$skiptoken'));
      assert.equal(pages[0]!.query.get('$filter'), "externalUserState eq 'PendingAcceptance'");
    });

    it("after Resend on one of the requester's own pending guests, shows the list again with the outcome in that entry", async () => {
      await say('invite first@tailspin.com First Guest');
      await say('invite second@tailspin.com Second Guest');
      const [reply] = await say('pending');
      const entryOf = (card: unknown, name: string) => {
        let found: unknown;
        const walk = (node: unknown): void => {
          if (found || typeof node !== 'object' || node === null) return;
          if (Array.isArray(node)) return node.forEach(walk);
          const record = node as Record<string, unknown>;
          if (record.type === 'Container' && cardText(record).startsWith(name)) found = record;
          else Object.values(record).forEach(walk);
        };
        walk(card);
        return found;
      };
      const resend = JSON.stringify(entryOf(cardOf(reply), 'Second Guest')).match(/"verb":"guest\.resend","title":"[^"]*","data":(\{[^}]*\})/);
      assert.ok(resend, "the requester's own pending guest has a Resend button");
      await bot.send(
        adaptiveCardActionInvoke({ ...bot.activityOptions({ from: megan, replyToId: reply!.activityId }), verb: 'guest.resend', data: JSON.parse(resend[1]!) as Record<string, unknown> }),
      );
      const [updated] = await bot.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === reply!.activityId });
      const card = cardOf(updated);
      assert.match(cardText(entryOf(card, 'Second Guest')), /email the invitation to second@tailspin\.com again/);
      assert.doesNotMatch(cardText(entryOf(card, 'First Guest')), /again/, 'not next to the other guest');
      assert.match(cardText(card), /guests are waiting\./, 'the whole list, shown again');
    });
  });

  describe('resend', () => {
    beforeEach(() => start());

    it('asks Entra to email a pending guest again, and refuses accepted or unknown addresses with a reason', async () => {
      const [done] = await say('resend jane@fabrikam.com');
      assert.match(done?.activity.text ?? '', /email the invitation to jane@fabrikam\.com again/);
      const posts = bot.invitationPosts();
      assert.equal(posts.length, 1);
      assert.deepEqual(
        [(posts[0]!.body as Record<string, unknown>).invitedUserEmailAddress, (posts[0]!.body as Record<string, unknown>).sendInvitationMessage],
        ['jane@fabrikam.com', true],
      );
      assert.equal(bot.simulator.directory.invitationsFor(SANDBOX_IDS.users.janePending).length, 1, 'the same guest, re-invited');

      const [accepted] = await say('resend alex@northwind.com');
      assert.match(accepted?.activity.text ?? '', /already accepted/);
      const [unknown] = await say('resend nobody@tailspin.com');
      assert.match(unknown?.activity.text ?? '', /Nobody in the directory has the address nobody@tailspin\.com/);
      assert.equal(bot.invitationPosts().length, 1, 'no invitation for the refusals');
    });

    it('resends from the status card button: the card says it is under way, then how it ended', async () => {
      const answer = await press('guest.resend', { email: 'jane@fabrikam.com', userId: SANDBOX_IDS.users.janePending });
      assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(cardText(answer.value), /Working on it/);
      await bot.app.background.idle();
      // The press carried no card message id: the outcome comes as a message of its own.
      const outcome = bot.connector.activities.at(-1);
      assert.match(cardText(cardOf(outcome)), /email the invitation to jane@fabrikam\.com again/);
      assert.equal(bot.invitationPosts().length, 1);
    });
  });

  describe('link', () => {
    beforeEach(async () => {
      await start();
      await say('invite quiet@tailspin.com Quiet Guest');
      bot.simulator.requests.length = 0;
    });

    const redeem = /login\.microsoftonline\.com\/redeem\?rd=/;

    it('answers with a fresh redeem URL in a personal chat, from a re-invitation without email', async () => {
      const [reply] = await say('link quiet@tailspin.com');
      assert.equal(reply?.conversationId, MEGAN_PERSONAL);
      assert.match(cardText(cardOf(reply)), redeem);
      const [post] = bot.invitationPosts();
      assert.equal((post!.body as { sendInvitationMessage: boolean }).sendInvitationMessage, false);
    });

    it('in a channel, sends the link to the asker privately and posts only a note', async () => {
      const before = bot.connector.activities.length;
      const [note] = await bot.say(channelMessage('link quiet@tailspin.com', bot.activityOptions({ from: megan })));
      assert.match(note?.activity.text ?? '', /sent you the new invitation link for quiet@tailspin\.com in our private chat/);
      assert.doesNotMatch(JSON.stringify(note?.activity), redeem);
      const [privately] = await bot.connector.waitForActivities(1, { conversationId: MEGAN_PERSONAL, where: (a) => bot.connector.activities.indexOf(a) >= before });
      assert.match(cardText(cardOf(privately)), redeem);
      const shared = bot.connector.activities.slice(before).filter((a) => a.conversationId !== MEGAN_PERSONAL);
      assert.ok(shared.every((a) => !redeem.test(JSON.stringify(a.activity))), 'the URL reached no shared conversation');
    });

    it('opens a personal chat for someone who never had one, and answers a button press with a note only', async () => {
      const before = bot.connector.activities.length;
      const answer = await press('guest.link', { email: 'quiet@tailspin.com', userId: guestId('quiet@tailspin.com') }, adele, 'channel');
      assert.match(String(answer.value), /sent you the new invitation link/);
      assert.doesNotMatch(JSON.stringify(answer), redeem);
      assert.equal(bot.connector.createdConversations.length, 1);
      const created = bot.connector.createdConversations[0]!;
      assert.deepEqual((created.parameters.members as { id: string }[]).map((member) => member.id), [adele.id]);
      const [privately] = await bot.connector.waitForActivities(1, { conversationId: created.id, where: (a) => bot.connector.activities.indexOf(a) >= before });
      assert.match(cardText(cardOf(privately)), redeem);
    });

    it('answers a button press in a personal chat with the link just below', async () => {
      const before = bot.connector.activities.filter((a) => a.conversationId === MEGAN_PERSONAL).length;
      const answer = await press('guest.link', { email: 'quiet@tailspin.com', userId: guestId('quiet@tailspin.com') });
      assert.match(String(answer.value), /Here is the new invitation link for quiet@tailspin\.com/);
      assert.doesNotMatch(JSON.stringify(answer), redeem, 'the invoke answer itself carries no URL');
      const [card] = (await bot.connector.waitForActivities(before + 1, { conversationId: MEGAN_PERSONAL })).slice(before);
      assert.match(cardText(cardOf(card)), redeem);
    });

    it('refuses a link for a guest the asker did not invite, and never logs or stores a URL', async () => {
      const [refused] = await say('link jane@fabrikam.com');
      assert.match(refused?.activity.text ?? '', /only the person who invited this guest/);
      assert.equal(bot.invitationPosts().length, 0);
      await say('link quiet@tailspin.com');
      const logs = bot.logLines.join('\n');
      assert.ok(!/redeem\?|redacted redeem URL/.test(logs), 'not even redacted: the URL was never logged');
      const stored = JSON.stringify([await bot.app.store.requests.list({}), await bot.app.store.audit.latest(50)]);
      assert.ok(!/redeem\?/.test(stored));
      assert.ok((await bot.app.store.audit.latest(5)).some((entry) => entry.event === 'guest.link.issued'));
    });
  });

  describe('reset', () => {
    beforeEach(() => start());

    /** The Execute action with `verb` on a card, with the data the client sends back. */
    const button = (card: unknown, verb: string): Record<string, string> => {
      const found = JSON.stringify(card).includes(`"verb":"${verb}"`)
        ? (function find(node: unknown): Record<string, string> | undefined {
            if (typeof node !== 'object' || node === null) return undefined;
            if (Array.isArray(node)) return node.map(find).find(Boolean);
            const record = node as Record<string, unknown>;
            if (record.type === 'Action.Execute' && record.verb === verb) return record.data as Record<string, string>;
            return Object.values(record).map(find).find(Boolean);
          })(card)
        : undefined;
      assert.ok(found, `no ${verb} on the card`);
      return found;
    };
    const resetEvents = async () => (await bot.app.store.audit.latest(50)).filter((entry) => entry.event === 'guest.redemption.reset').length;

    it('is refused to people who are not admins', async () => {
      const [reply] = await say('reset alex@northwind.com');
      assert.match(reply?.activity.text ?? '', /Only GuestPass administrators/);
      const answer = await press('guest.reset', { email: 'alex@northwind.com', userId: SANDBOX_IDS.users.alexAccepted });
      assert.match(String(answer.value), /Only GuestPass administrators/);
      const confirmed = await press('guest.reset.confirm', { email: 'alex@northwind.com', userId: SANDBOX_IDS.users.alexAccepted, once: 'Accepted@1' });
      assert.match(String(confirmed.value), /Only GuestPass administrators/);
      await bot.app.background.idle();
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('asks for confirmation first, then resets: same object, pending again, via resetRedemption and invitedUser.id', async () => {
      const [reply] = await say('reset alex@northwind.com', adele);
      const confirmation = cardOf(reply);
      assert.match(cardText(confirmation), /Reset the redemption of Alex Wilber \(Northwind\)\?/);
      assert.match(cardText(confirmation), /emails a new invitation to alex@northwind\.com.*access stops/);
      assert.equal(bot.invitationPosts().length, 0, 'nothing happens before the confirmation');

      const answer = await press('guest.reset.confirm', button(confirmation, 'guest.reset.confirm'), adele);
      assert.match(cardText(answer.value), /Working on it/);
      await bot.app.background.idle();
      // The card shows the guest as they now are, with the outcome next to them.
      const outcome = cardText(cardOf(bot.connector.activities.at(-1)));
      assert.match(outcome, /redemption of Alex Wilber \(Northwind\) is reset/);
      assert.match(outcome, /Pending acceptance/);
      assert.doesNotMatch(JSON.stringify(cardOf(bot.connector.activities.at(-1))), /"guest\.reset"/, 'no Reset offered for a pending guest');
      const body = bot.invitationPosts()[0]!.body as Record<string, unknown>;
      assert.deepEqual([body.resetRedemption, body.invitedUser, body.invitedUserEmailAddress], [true, { id: SANDBOX_IDS.users.alexAccepted }, 'alex@northwind.com']);
      assert.equal(bot.simulator.directory.findUser(SANDBOX_IDS.users.alexAccepted)!.externalUserState, 'PendingAcceptance');
    });

    it('cancelling the confirmation resets nothing', async () => {
      const [status] = await say('status alex@northwind.com', adele);
      const confirmation = await press('guest.reset', button(cardOf(status), 'guest.reset'), adele);
      const cancelled = await press('guest.reset.cancel', button(confirmation.value, 'guest.reset.cancel'), adele);
      assert.match(cardText(cancelled.value), /Nothing was reset/);
      await bot.app.background.idle();
      assert.equal(bot.invitationPosts().length, 0);
      assert.equal(bot.simulator.directory.findUser(SANDBOX_IDS.users.alexAccepted)!.externalUserState, 'Accepted');
    });

    it('two presses of Confirm at once, or a stale Reset button later, reset once: one Graph call, one audit entry', async () => {
      const [status] = await say('status alex@northwind.com', adele);
      const confirmation = await press('guest.reset', button(cardOf(status), 'guest.reset'), adele);
      assert.equal(confirmation.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(cardText(confirmation.value), /Confirm reset/);
      const confirm = button(confirmation.value, 'guest.reset.confirm');

      await Promise.all([press('guest.reset.confirm', confirm, adele), press('guest.reset.confirm', confirm, adele)]);
      await bot.app.background.idle();
      assert.equal(bot.invitationPosts().length, 1, 'one reset');
      assert.equal(await resetEvents(), 1, 'one audit entry');
      const outcomes = bot.connector.activities.slice(-2).map((activity) => cardText(cardOf(activity)));
      assert.ok(outcomes.some((text) => /is reset/.test(text)));
      assert.ok(outcomes.some((text) => /already reset with this confirmation: nothing was done again/.test(text)));

      // The status card from before the reset is still in the chat: its Reset button does not reset again.
      const again = await press('guest.reset', button(cardOf(status), 'guest.reset'), adele);
      await press('guest.reset.confirm', button(again.value, 'guest.reset.confirm'), adele);
      await bot.app.background.idle();
      assert.match(cardText(cardOf(bot.connector.activities.at(-1))), /nothing was done again/);
      assert.equal(bot.invitationPosts().length, 1);
      assert.equal(await resetEvents(), 1);
    });

    it('a reset Graph refused can be confirmed again', async () => {
      const [reply] = await say('reset alex@northwind.com', adele);
      const confirm = button(cardOf(reply), 'guest.reset.confirm');
      const innerError = { date: '2026-11-02T09:00:00', 'request-id': 'reset-refused-7', 'client-request-id': 'c-1' };
      const refusal = { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges', innerError } } };
      bot.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, refusal, 1);
      await press('guest.reset.confirm', confirm, adele);
      await bot.app.background.idle();
      const refused = cardText(cardOf(bot.connector.activities.at(-1)));
      assert.match(refused, /User\.ReadWrite\.All/, 'what a reset needs, not what an invitation does');
      assert.match(refused, /reset-refused-7/, "with Graph's request id for the administrator");
      await press('guest.reset.confirm', confirm, adele);
      await bot.app.background.idle();
      assert.match(cardText(cardOf(bot.connector.activities.at(-1))), /is reset/);
      assert.equal(await resetEvents(), 1);
    });

    it('explains, before asking Graph, that a new address must already be on the account', async () => {
      const [refused] = await say('reset alex@northwind.com alex@personal.example', adele);
      assert.match(refused?.activity.text ?? '', /alex@personal\.example is not among them \(alex@northwind\.com\)/);
      assert.equal(bot.invitationPosts().length, 0);
      bot.simulator.directory.updateUser(SANDBOX_IDS.users.alexAccepted, { otherMails: [...bot.simulator.directory.findUser(SANDBOX_IDS.users.alexAccepted)!.otherMails, 'alex@personal.example'] });
      const [confirmation] = await say('reset alex@northwind.com alex@personal.example', adele);
      assert.match(cardText(cardOf(confirmation)), /emails a new invitation to alex@personal\.example/);
      await press('guest.reset.confirm', button(cardOf(confirmation), 'guest.reset.confirm'), adele);
      await bot.app.background.idle();
      assert.match(cardText(cardOf(bot.connector.activities.at(-1))), /emailed a new invitation to alex@personal\.example/);
    });
  });

});
