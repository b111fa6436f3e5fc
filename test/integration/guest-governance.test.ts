import assert from 'node:assert/strict';
import { REFRESH_REVIEW, REVIEW_KEEP, REVIEW_REMOVE } from '../../src/cards/verbs';
import { BotHarness, cardOf, cardText } from './bot-harness';
import {
  ADELE_INSTALLED_CHAT,
  adele,
  buttonVerbs,
  DAY_MS,
  dave,
  GovernanceBot,
  megan,
  MEGAN_PERSONAL,
  reviewDataOf,
  startGovernanceBot,
} from './governance-setup';

/** Sponsors' reviews of guests through Teams, end to end: the real server, the Graph simulator, the fake Bot Connector. */
describe('guest reviews through Teams, end to end', () => {
  let t: GovernanceBot;
  let bot: BotHarness;
  afterEach(() => bot.stop());
  const start = async (...args: Parameters<typeof startGovernanceBot>) => {
    t = await startGovernanceBot(...args);
    ({ bot } = t);
  };

  /** Megan invites a guest who accepts; the guest's sponsors are `sponsors`; 17 days later (access ends at 30) a run asks them. */
  async function reviewAsked(address: string, sponsors = [megan.aadObjectId]) {
    const userId = await t.invite(address);
    bot.simulator.directory.acceptInvitation(userId);
    bot.simulator.directory.setSponsors(userId, sponsors);
    t.clock.advance(17 * DAY_MS);
    const report = await t.run();
    assert.deepEqual(
      report.actions.filter((action) => action.userId === userId).map((action) => [action.action, action.done]),
      [['askReview', true]],
    );
    return userId;
  }

  describe('a sponsor keeps the guest', () => {
    beforeEach(() => start());

    it('refuses forged and stale answers, then keeps: the end date moves, every copy of the card says so, audited', async () => {
      const userId = await reviewAsked('keep@fabrikam.com', [megan.aadObjectId, adele.aadObjectId]);
      const [megansCard] = t.cardsIn(MEGAN_PERSONAL).filter((a) => /sponsorReview/.test(JSON.stringify(a.activity)));
      // Adele never wrote to GuestPass: it was installed for her, and the card went to the chat that opened.
      const [adelesCard] = await bot.connector.waitForActivities(1, { conversationId: ADELE_INSTALLED_CHAT });
      assert.equal(bot.simulator.requestsTo('POST', `/v1.0/users/${adele.aadObjectId}/teamwork/installedApps`).length, 1);
      const posted = cardOf(megansCard);
      assert.deepEqual(buttonVerbs(posted), [], 'posted read-only; Teams asks each viewer their own view');
      const text = cardText(posted);
      assert.match(text, /Does keep Guest still need access\?/);
      assert.match(text, /Invited by\nMegan Bowen/);
      assert.match(text, /Access ends\nDec 2, 2026, 11:59 PM UTC/);
      const review = reviewDataOf(megansCard);
      assert.equal(review.userId, userId);
      const before = await t.guest(userId);

      // Teams asks for Adele's own view: she was asked, so she gets the buttons.
      const refreshed = await t.press(REFRESH_REVIEW, review, adele, adelesCard);
      assert.deepEqual(buttonVerbs(refreshed.value as Record<string, unknown>), [REVIEW_KEEP, REVIEW_REMOVE]);

      const refusals: [Parameters<GovernanceBot['press']>, RegExp][] = [
        [[REVIEW_KEEP, { ...review, keepDays: '90' }, dave, megansCard], /only they, or the administrators/],
        [[REFRESH_REVIEW, review, dave], /only they, or the administrators/],
        [[REVIEW_KEEP, { ...review, keepDays: '365' }, megan, megansCard], /at most 180 days/],
        [[REVIEW_KEEP, { ...review, keepDays: 'lots' }, megan, megansCard], /Choose how many days/],
        [[REVIEW_KEEP, { ...review, reviewId: 'an-older-review', keepDays: '90' }, megan, megansCard], /earlier review of this guest/],
        [[REVIEW_REMOVE, { userId: 'another-guest', reviewId: review.reviewId }, megan, megansCard], /does not look after that guest/],
      ];
      for (const [args, expected] of refusals) {
        const answer = await t.press(...args);
        assert.equal(answer.type, 'application/vnd.microsoft.activity.message', JSON.stringify(args));
        assert.match(String(answer.value), expected);
      }
      assert.deepEqual(await t.guest(userId), before, 'nothing changed');

      const kept = await t.press(REVIEW_KEEP, { ...review, keepDays: '90' }, megan, megansCard);
      assert.match(cardText(kept.value), /Kept by Megan Bowen on Nov 19, 2026, 9:00 AM UTC: access now ends Feb 17, 2027/);
      assert.deepEqual(buttonVerbs(kept.value as Record<string, unknown>), []);
      const [update] = await bot.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === adelesCard!.activityId });
      assert.match(cardText(cardOf(update)), /Kept by Megan Bowen/);
      assert.equal((cardOf(update) as { refresh?: unknown }).refresh, undefined, 'nobody is offered a decision already made');

      const after = await t.guest(userId);
      assert.equal(after.accessEndsAt, new Date(t.clock.now().getTime() + 90 * DAY_MS).toISOString());
      assert.equal(after.review?.decision?.by.id, megan.aadObjectId);
      const audited = (await bot.app.store.audit.latest(30)).find((entry) => entry.event === 'guest.review.decided');
      assert.equal(audited?.actor?.id, megan.aadObjectId);
      assert.equal(audited?.details?.decision, 'keep');

      // Adele's copy is decided already: her late press shows who decided first, and changes nothing.
      const late = await t.press(REVIEW_REMOVE, review, adele, adelesCard);
      assert.match(cardText(late.value), /Kept by Megan Bowen/);
      assert.equal((await t.guest(userId)).state, 'active');
    });
  });
});
