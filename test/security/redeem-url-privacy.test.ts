import assert from 'node:assert/strict';
import type { RecordedActivity } from '../support/fake-bot-connector';
import { adaptiveCardActionInvoke, channelMessage, groupChatMessage, personalMessage } from '../support/teams-activities';
import { adele, dave, hasDecisionButtons, megan, requestFromMegan, startApprovalsBot } from '../integration/approvals-setup';
import { BotHarness, cardOf, cardText } from '../integration/bot-harness';

/**
 * A redeem URL lets whoever opens it first take the guest account, so it is shown only in the requester's personal
 * chat with the bot: never in a group chat or a channel, whether the invitation went out at once or after approval.
 */
describe('redeem URLs never reach a shared chat', () => {
  describe('inviting with the email withheld in a shared chat', () => {
    let bot: BotHarness;
    beforeEach(async () => {
      bot = await BotHarness.start();
    });
    afterEach(() => bot.stop());

    const redeem = /login\.microsoftonline\.com\/redeem\?rd=/;
    const meganPersonal = `a:1personal-${megan.aadObjectId}`;
    const carriesUrl = (recorded: RecordedActivity) => redeem.test(JSON.stringify(recorded.activity));

    for (const [kind, message] of [['group chat', groupChatMessage], ['channel', channelMessage]] as const) {
      it(`in a ${kind}, sends the redeem URL to the requester privately and tells the ${kind} so, without it`, async () => {
        await bot.say(personalMessage('help', bot.activityOptions()));
        const before = bot.connector.activities.length;
        const [shared] = await bot.say(message('invite quiet@tailspin.com Quiet Guest --no-email', bot.activityOptions()));
        assert.equal(bot.invitationPosts().length, 1);
        const notice = cardText(cardOf(shared));
        assert.match(notice, /I sent you the invitation link in our private chat/);
        assert.ok(notice.includes(bot.simulator.directory.findUserByEmail('quiet@tailspin.com')!.id), 'the shared card still names the guest');
        const since = bot.connector.activities.slice(before);
        const withUrl = since.filter(carriesUrl);
        assert.deepEqual(withUrl.map((a) => a.conversationId), [meganPersonal], 'the URL went to her personal chat only');
        assert.match(cardText(cardOf(withUrl[0])), /do not open it yourself/);
        assert.equal(bot.connector.createdConversations.length, 0, 'her stored personal chat was used');
      });
    }

    it('opens a personal chat when the requester never had one', async () => {
      const before = bot.connector.activities.length;
      const [shared] = await bot.say(groupChatMessage('invite quiet@tailspin.com --no-email', bot.activityOptions()));
      assert.match(cardText(cardOf(shared)), /in our private chat/);
      assert.equal(bot.connector.createdConversations.length, 1);
      const created = bot.connector.createdConversations[0]!;
      assert.deepEqual((created.parameters.members as { id: string }[]).map((member) => member.id), [megan.id]);
      const withUrl = bot.connector.activities.slice(before).filter(carriesUrl);
      assert.deepEqual(withUrl.map((a) => a.conversationId), [created.id]);
    });

    it('says so without the URL, and how to get a new one, when no private chat can be reached', async () => {
      bot.connector.refuseNewConversations = true;
      const before = bot.connector.activities.length;
      const [shared] = await bot.say(channelMessage('invite quiet@tailspin.com --no-email', bot.activityOptions()));
      assert.match(cardText(cardOf(shared)), /could not reach you in a private chat.*"link quiet@tailspin\.com"/s);
      assert.equal(bot.connector.activities.slice(before).filter(carriesUrl).length, 0, 'the URL reached no conversation at all');
      assert.equal(bot.invitationPosts().length, 1, 'the guest is invited all the same');
      assert.ok(!/redeem\?/.test(bot.logLines.join('\n')), 'the failed private delivery did not log the URL');
    });

    it('answers the invite form submitted in a channel without the URL, which goes to the requester privately', async () => {
      await bot.say(personalMessage('help', bot.activityOptions()));
      const before = bot.connector.activities.length;
      const response = await bot.send(
        adaptiveCardActionInvoke({ ...bot.activityOptions(), conversationKind: 'channel', verb: 'invite.submit', data: { email: 'form@tailspin.com', sendEmail: 'false', member: 'false' } }),
      );
      const body = response.body as { type: string; value: unknown };
      assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
      assert.doesNotMatch(JSON.stringify(body), redeem);
      assert.match(cardText(body.value), /in our private chat/);
      const [privately] = await bot.connector.waitForActivities(1, { conversationId: meganPersonal, where: (a) => bot.connector.activities.indexOf(a) >= before });
      assert.match(cardText(cardOf(privately)), redeem);
      assert.deepEqual(bot.connector.activities.slice(before).filter(carriesUrl).map((a) => a.conversationId), [meganPersonal]);
    });

    it('is answered in Turkish for a Turkish requester', async () => {
      await bot.say(personalMessage('help', bot.activityOptions()));
      const [shared] = await bot.say(groupChatMessage('invite quiet@tailspin.com --no-email', bot.activityOptions({ locale: 'tr-TR' })));
      assert.match(cardText(cardOf(shared)), /özel sohbetimizde gönderdim/);
    });
  });

  describe('an approved request without email, asked in a shared chat', () => {
    let bot: BotHarness;
    beforeEach(async () => {
      bot = await startApprovalsBot();
    });
    afterEach(() => bot.stop());

    it('asks the approver personally; approving invites once, updates the card, and sends the link to the requester privately', async () => {
      const { reply, request, approvalCard } = await requestFromMegan(bot);
      assert.match(cardText(cardOf(reply)), new RegExp(request.id));
      assert.equal(bot.invitationPosts().length, 0, 'nothing is sent before approval');
      const card = cardOf(approvalCard);
      assert.deepEqual((card.refresh as { userIds: string[] }).userIds, [`8:orgid:${adele.aadObjectId}`]);

      const response = await bot.send(
        adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele, conversationId: 'a:adele-personal', replyToId: approvalCard.activityId }), verb: 'request.approve', data: { requestId: request.id } }),
      );
      const answer = response.body as { type: string; value: unknown };
      assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
      assert.ok(!hasDecisionButtons(answer.value), 'the decided card has no buttons');
      assert.match(cardText(answer.value), /Adele Vance/);

      await bot.app.background.idle();
      assert.equal(bot.invitationPosts().length, 1);
      const update = await bot.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === approvalCard.activityId });
      assert.ok(!hasDecisionButtons(cardOf(update[0])), 'every copy shows the outcome');
      const told = await bot.connector.waitForActivities(2, { conversationId: reply!.conversationId });
      const notice = told.at(-1)!;
      assert.match(cardText(cardOf(notice)), /I sent you the invitation link in our private chat/, 'the channel hears where the link went');
      assert.doesNotMatch(JSON.stringify(notice.activity), /redeem\?rd=/, 'the channel never sees the link');
      // Megan never wrote to the bot personally: a 1:1 chat with her is opened for the link.
      assert.deepEqual(bot.connector.createdConversations.map((c) => (c.parameters.members as { id: string }[])[0]!.id), [megan.id]);
      const [privately] = await bot.connector.waitForActivities(1, { conversationId: bot.connector.createdConversations[0]!.id });
      assert.match(cardText(cardOf(privately)), /redeem\?rd=/, 'the requester gets the redeem link (email withheld), privately');
      const withUrl = bot.connector.activities.filter((a) => /redeem\?rd=/.test(JSON.stringify(a.activity)));
      assert.deepEqual(withUrl.map((a) => a.conversationId), [privately!.conversationId], 'nowhere else');
      assert.equal((await bot.app.store.requests.get(request.id))?.value.state, 'invited');
    });

    it('in a group chat where someone else spoke since, without a personal chat on record, says so there without the link', async () => {
      const groupChat = '19:approval-news-chat@thread.v2';
      const [reply] = await bot.say(groupChatMessage('invite g@untrusted.org --no-email', bot.activityOptions({ from: megan, conversationId: groupChat })));
      // The chat's stored reference now names Dave: the bot cannot open a 1:1 chat with Megan from it.
      await bot.say(groupChatMessage('help', bot.activityOptions({ from: dave, conversationId: groupChat })));
      const [stored] = await bot.app.store.requests.list({ states: ['pendingApproval'] });
      await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.approve', data: { requestId: stored!.value.id } }));
      const told = await bot.connector.waitForActivities(1, { conversationId: groupChat, where: (a) => /No email was sent/.test(JSON.stringify(a.activity)) });
      assert.match(cardText(cardOf(told[0])), /could not reach you in a private chat.*"link g@untrusted\.org"/s);
      assert.equal(bot.connector.createdConversations.length, 0, 'no chat opened with Dave');
      assert.ok(bot.connector.activities.every((a) => !/redeem\?rd=/.test(JSON.stringify(a.activity))), 'the link reached no conversation');
      assert.ok(!/redeem\?/.test(bot.logLines.join('\n')), 'nor a log');
      assert.ok(reply);
    });
  });
});
