import assert from 'node:assert/strict';
import { LONGEST_GUEST_WINDOW_MINUTES } from '../../src/invitation/resend-limit';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { dateFormatterFor } from '../../src/teams/turn';
import { personalMessage } from '../support/teams-activities';
import { cardOf, cardText } from '../integration/bot-harness';
import { adele, LifecycleBot, megan, startLifecycleBot } from '../integration/lifecycle-setup';

/**
 * Resend makes Entra email the guest again, so a careless or hostile loop could flood a mailbox and harm the
 * tenant's standing as a sender. Through the bot, the command and the status card's button share one limit per
 * guest, and whoever is refused learns from when a resend may go out again, in their language.
 */
describe('resend floods through Teams are refused', () => {
  let t: LifecycleBot;
  beforeEach(async () => {
    t = await startLifecycleBot();
  });
  afterEach(() => t.bot.stop());
  const say: LifecycleBot['say'] = (...args) => t.say(...args);
  const press: LifecycleBot['press'] = (...args) => t.press(...args);

  it('refuses a second resend to the same guest within the hour, from the command and the button alike, saying from when', async () => {
    const [done] = await say('resend jane@fabrikam.com');
    assert.match(done?.activity.text ?? '', /again/);
    t.clock.advance(20 * 60_000);
    const next = dateFormatterFor('en-US')(new Date(t.clock.now().getTime() + 40 * 60_000));
    const [refused] = await say('resend jane@fabrikam.com', adele);
    assert.match(refused?.activity.text ?? '', /emailed to Jane Doe \(Fabrikam\) \(jane@fabrikam\.com\) a short while ago/);
    assert.ok(refused?.activity.text?.includes(`sent again from ${next}`), refused?.activity.text);
    await press('guest.resend', { email: 'jane@fabrikam.com', userId: SANDBOX_IDS.users.janePending });
    await t.bot.app.background.idle();
    const pressed = cardText(cardOf(t.bot.connector.activities.at(-1)));
    assert.ok(pressed.includes(next), pressed);
    const [turkish] = await t.bot.say(personalMessage('resend jane@fabrikam.com', t.bot.activityOptions({ from: megan, locale: 'tr-TR' })));
    assert.ok(turkish?.activity.text?.includes(`${dateFormatterFor('tr-TR')(new Date(t.clock.now().getTime() + 40 * 60_000))} itibarıyla`), turkish?.activity.text);
    assert.equal(t.bot.invitationPosts().length, 1, 'one email in the hour');
    t.clock.advance(40 * 60_000);
    const [again] = await say('resend jane@fabrikam.com');
    assert.match(again?.activity.text ?? '', /email the invitation to jane@fabrikam\.com again/);
    assert.equal(t.bot.invitationPosts().length, 2);
  });

  it('keeps what a resend limit needs while a policy could still use it, and housekeeping deletes it after, not before', async () => {
    await say('resend jane@fabrikam.com');
    const kept = async (key: string) => (await t.bot.app.store.state.get(key)) !== undefined;
    const guestSlot = `resend:guest:${SANDBOX_IDS.users.janePending.toLowerCase()}`;
    const requesterCount = `resend:requester:${megan.aadObjectId.toLowerCase()}`;
    assert.deepEqual([await kept(guestSlot), await kept(requesterCount)], [true, true]);
    t.clock.advance(59 * 60_000);
    await t.bot.app.housekeeping.runOnce();
    assert.deepEqual([await kept(guestSlot), await kept(requesterCount)], [true, true], 'both still limit resends');
    t.clock.advance(2 * 60_000);
    await t.bot.app.housekeeping.runOnce();
    assert.equal(await kept(requesterCount), false, "the person's count of the hour is gone with its hour");
    assert.equal(await kept(guestSlot), true, "the guest's slot stays while a policy may make its window as long as a week");
    t.clock.advance(LONGEST_GUEST_WINDOW_MINUTES * 60_000);
    await t.bot.app.housekeeping.runOnce();
    assert.equal(await kept(guestSlot), false);
    const [again] = await say('resend jane@fabrikam.com');
    assert.match(again?.activity.text ?? '', /again/);
  });
});
