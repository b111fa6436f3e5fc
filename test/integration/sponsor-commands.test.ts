import assert from 'node:assert/strict';
import { ASSIGN_SPONSOR, GUEST_EXTEND, GUEST_REMOVE, NEW_LINK, RESEND, WITHDRAW } from '../../src/cards/verbs';
import { groupChatMessage } from '../support/teams-activities';
import { BotHarness, cardOf, cardText } from './bot-harness';
import { adele, buttonVerbs, DAY_MS, dave, endOfDayAfter, GovernanceBot, megan, MEGAN_PERSONAL, startGovernanceBot } from './governance-setup';

/** `my guests`, `orphans`, `restore` and the unredeemed reminder through Teams, end to end. */
describe('sponsors and administrators look after guests through Teams, end to end', () => {
  let t: GovernanceBot;
  let bot: BotHarness;
  beforeEach(async () => {
    t = await startGovernanceBot();
    ({ bot } = t);
  });
  afterEach(() => bot.stop());

  /** The data of the button `verb` in the entry of `userId`, with the entry's input filled as a person would. */
  function buttonData(card: unknown, verb: string, userId: string, input?: string): Record<string, string> {
    const match = [...JSON.stringify(card).matchAll(/"verb":"([^"]+)","title":"[^"]*","data":(\{[^}]*\})/g)].find(
      (found) => found[1] === verb && (JSON.parse(found[2]!) as { userId: string }).userId === userId,
    );
    assert.ok(match, `${verb} for ${userId}`);
    const data = JSON.parse(match[2]!) as Record<string, string>;
    return input === undefined ? data : { ...data, [data.field!]: input };
  }

  it('my guests lists what a sponsor sponsors, with Extend and Remove that only the sponsor may use', async () => {
    const userId = await t.invite('mine@fabrikam.com');
    const other = await t.invite('other@fabrikam.com');
    await t.ctx.guests.update({ ...(await t.guest(other)), sponsorIds: [adele.aadObjectId] }, (await t.ctx.guests.get(other))!.etag);

    const listed = await t.say('my guests');
    const card = cardOf(listed);
    const text = cardText(card);
    assert.match(text, /Guests you sponsor/);
    assert.match(text, /mine@fabrikam\.com/);
    assert.doesNotMatch(text, /other@fabrikam\.com/, "someone else's guest is not listed");
    assert.match(text, /State\nInvited, not accepted yet/);
    assert.match(text, /Access ends\nDec 2, 2026, 11:59 PM UTC/);
    assert.match(text, /Last sign-in\nNot known/);
    assert.deepEqual(buttonVerbs(card), [GUEST_EXTEND, GUEST_REMOVE]);

    // Someone who is not the guest's sponsor (nor an admin) is refused and learns nothing.
    const forged = await t.press(GUEST_EXTEND, buttonData(card, GUEST_EXTEND, userId, '90'), dave, listed);
    assert.equal(forged.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(forged.value), /Only the guest's sponsors or a GuestPass administrator/);
    const tooLong = await t.press(GUEST_EXTEND, buttonData(card, GUEST_EXTEND, userId, '400'), megan, listed);
    assert.match(String(tooLong.value), /at most 180 days/);
    const before = (await t.guest(userId)).accessEndsAt;

    const extended = await t.press(GUEST_EXTEND, buttonData(card, GUEST_EXTEND, userId, '90'), megan, listed);
    assert.match(cardText(extended.value), /mine Guest keeps access until Jan 31, 2027/);
    const after = await t.guest(userId);
    assert.notEqual(after.accessEndsAt, before);
    assert.equal(after.accessEndsAt, endOfDayAfter(t.clock.now(), 90));
    assert.ok((await bot.app.store.audit.latest(20)).some((entry) => entry.event === 'guest.access.extended' && entry.actor?.id === megan.aadObjectId));

    const removed = await t.press(GUEST_REMOVE, buttonData(card, GUEST_REMOVE, userId), megan, listed);
    assert.match(cardText(removed.value), /mine Guest is to be removed: sign-in is blocked at the next run/);
    const report = await t.run();
    assert.deepEqual(report.actions.filter((a) => a.userId === userId).map((a) => [a.action, a.reason, a.done]), [['disable', 'sponsorRemoved', true]]);
    assert.equal(bot.simulator.directory.findUser(userId)?.accountEnabled, false);
  });

  it('asked in a group chat, sends my guests to the sponsor privately; the chat only hears where it went', async () => {
    await t.invite('private@fabrikam.com');
    const before = t.cardsIn(MEGAN_PERSONAL).length;
    const [answer] = await bot.say(groupChatMessage('my guests', bot.activityOptions({ from: megan })));
    assert.equal(answer?.activity.attachments, undefined, 'no list in the group chat');
    assert.match(String(answer?.activity.text), /Megan Bowen, I sent you the list in our private chat/);
    assert.doesNotMatch(JSON.stringify(answer?.activity), /private@fabrikam\.com/);
    const [privately] = (await bot.connector.waitForActivities(before + 1, { conversationId: MEGAN_PERSONAL, where: (a) => a.operation !== 'update' && !!a.activity.attachments?.length })).slice(before);
    assert.match(cardText(cardOf(privately)), /Guests you sponsor[\s\S]*private@fabrikam\.com/);
  });

  it('orphans lists guests without a sponsor to admins only, and an admin assigns one by address', async () => {
    const userId = await t.invite('orphan@fabrikam.com');
    bot.simulator.directory.setSponsors(userId, []);
    const stored = (await t.ctx.guests.get(userId))!;
    await t.ctx.guests.update({ ...stored.value, sponsorIds: [] }, stored.etag);

    const refused = await t.say('orphans', megan);
    assert.match(String(refused?.activity.text), /Only GuestPass administrators/);

    const listed = await t.say('orphans', adele);
    const card = cardOf(listed);
    assert.match(cardText(card), /Guests without a sponsor/);
    assert.match(cardText(card), /orphan@fabrikam\.com/);
    assert.deepEqual(buttonVerbs(card), [ASSIGN_SPONSOR]);

    const forged = await t.press(ASSIGN_SPONSOR, buttonData(card, ASSIGN_SPONSOR, userId, 'megan@contoso.com'), megan, listed);
    assert.match(String(forged.value), /Only GuestPass administrators/);
    const unknown = await t.press(ASSIGN_SPONSOR, buttonData(card, ASSIGN_SPONSOR, userId, 'nobody@contoso.com'), adele, listed);
    assert.match(cardText(unknown.value), /No member of the organization has the address nobody@contoso\.com/);
    assert.equal(bot.simulator.requestsTo('POST', `/v1.0/users/${userId}/sponsors`).length, 0, 'nothing sent to Entra');

    const assigned = await t.press(ASSIGN_SPONSOR, buttonData(card, ASSIGN_SPONSOR, userId, 'megan@contoso.com'), adele, listed);
    assert.match(cardText(assigned.value), /Megan Bowen now sponsors orphan Guest/);
    assert.deepEqual(bot.simulator.directory.sponsorsOf(userId).map((user) => user.id), [megan.aadObjectId]);
    assert.deepEqual((await t.guest(userId)).sponsorIds, [megan.aadObjectId]);
    assert.match(cardText(cardOf(await t.say('orphans', adele))), /Every guest GuestPass looks after has a sponsor/);
  });

  it('restore lets an admin re-enable a disabled guest with access extended; others are refused', async () => {
    const userId = await t.invite('back@fabrikam.com');
    bot.simulator.directory.acceptInvitation(userId);
    t.clock.advance(31 * DAY_MS);
    await t.run();
    assert.equal(bot.simulator.directory.findUser(userId)?.accountEnabled, false);

    const refused = await t.say('restore back@fabrikam.com', megan);
    assert.match(String(refused?.activity.text), /Only GuestPass administrators/);
    const tooLong = await t.say('restore back@fabrikam.com 400', adele);
    assert.match(String(tooLong?.activity.text), /at most 180 days/);
    assert.equal(bot.simulator.directory.findUser(userId)?.accountEnabled, false);

    const restored = await t.say('restore back@fabrikam.com 60', adele);
    const text = cardText(cardOf(restored));
    assert.match(text, /back Guest can sign in again/);
    assert.match(text, /Access ends\nFeb 1, 2027/);
    assert.equal(bot.simulator.directory.findUser(userId)?.accountEnabled, true);
    assert.equal((await t.guest(userId)).state, 'active');
    const again = await t.say('restore back@fabrikam.com', adele);
    assert.match(String(again?.activity.text), /is not disabled/);
  });

  it('reminds the requester of an invitation nobody redeemed; Withdraw removes the pending account', async () => {
    const userId = await t.invite('never@fabrikam.com');
    t.clock.advance(8 * DAY_MS);
    const report = await t.run();
    assert.deepEqual(report.actions.filter((a) => a.userId === userId).map((a) => [a.action, a.done]), [['remindRequester', true]]);
    const reminder = t.cardsIn(MEGAN_PERSONAL).find((a) => /guest\.withdraw/.test(JSON.stringify(a.activity)));
    assert.ok(reminder, 'the reminder is in the requester’s personal chat');
    const card = cardOf(reminder);
    assert.match(cardText(card), /never Guest has not accepted your invitation yet/);
    assert.deepEqual(buttonVerbs(card), [RESEND, NEW_LINK, WITHDRAW]);

    const forged = await t.press(WITHDRAW, { userId }, dave, reminder);
    assert.match(String(forged.value), /Only the person who invited this guest/);
    assert.ok(bot.simulator.directory.findUser(userId));

    const withdrawn = await t.press(WITHDRAW, { userId }, megan, reminder);
    assert.match(cardText(withdrawn.value), /The invitation of never Guest is withdrawn/);
    assert.equal(bot.simulator.directory.findUser(userId), undefined);
    assert.equal((await t.guest(userId)).state, 'deleted');
  });
});
