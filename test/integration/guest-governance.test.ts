import assert from 'node:assert/strict';
import { REFRESH_REVIEW, REVIEW_KEEP, REVIEW_REMOVE } from '../../src/cards/verbs';
import { BotHarness, cardOf, cardText } from './bot-harness';
import {
  ADELE_INSTALLED_CHAT,
  adele,
  buttonVerbs,
  DAY_MS,
  dave,
  endOfDayAfter,
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
  async function reviewAsked(address: string, sponsors: string[] = [megan.aadObjectId]) {
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
      assert.equal(after.accessEndsAt, endOfDayAfter(t.clock.now(), 90));
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

  describe('a sponsor removes the guest', () => {
    beforeEach(() => start({ deleteAfterDays: 30 }));

    it('disables the account at the next run, deletes it after the grace period, and the card follows each step', async () => {
      const userId = await reviewAsked('remove@fabrikam.com');
      const [card] = t.cardsIn(MEGAN_PERSONAL).filter((a) => /sponsorReview/.test(JSON.stringify(a.activity)));
      const answer = await t.press(REVIEW_REMOVE, reviewDataOf(card), megan, card);
      assert.match(cardText(answer.value), /Megan Bowen asked on .* to remove the guest/);
      assert.equal(bot.simulator.directory.findUser(userId)?.accountEnabled, true, 'nothing happens in Entra before the run');

      const disabled = await t.run();
      assert.deepEqual(disabled.actions.filter((a) => a.userId === userId).map((a) => [a.action, a.reason, a.done]), [['disable', 'sponsorRemoved', true]]);
      assert.equal(bot.simulator.directory.findUser(userId)?.accountEnabled, false);
      assert.equal(bot.simulator.requestsTo('PATCH', `/v1.0/users/${userId}`).length, 1);
      const [update] = await bot.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === card!.activityId && /Sign-in blocked/.test(cardText(cardOf(a))) });
      assert.match(cardText(cardOf(update)), /Sign-in blocked \(Megan Bowen asked to remove the guest\); the account is deleted on Dec 19, 2026/);

      t.clock.advance(29 * DAY_MS);
      await t.run();
      assert.ok(bot.simulator.directory.findUser(userId), 'kept through the grace period');
      t.clock.advance(1 * DAY_MS + 60_000);
      const deleted = await t.run();
      assert.deepEqual(deleted.actions.filter((a) => a.userId === userId).map((a) => [a.action, a.done]), [['delete', true]]);
      assert.equal(bot.simulator.directory.findUser(userId), undefined);
      assert.ok(bot.simulator.directory.findDeletedUser(userId), "restorable from Entra's deleted users");
      assert.equal((await t.guest(userId)).state, 'deleted');
      const events = (await bot.app.store.audit.latest(50)).map((entry) => entry.event);
      for (const event of ['guest.review.decided', 'guest.disabled', 'guest.deleted']) assert.ok(events.includes(event), event);
    });
  });

  describe('nobody answers', () => {
    // Reminder after 5 days, escalation after 10: both before access ends, 14 days after the review was asked.
    beforeEach(() => start({ answerWithinDays: 5 }));

    it('reminds the sponsor after the window, then escalates to the administrators, who can decide', async () => {
      const userId = await reviewAsked('quiet@fabrikam.com');
      const reviewCards = () => t.cardsIn(MEGAN_PERSONAL).filter((a) => /sponsorReview/.test(JSON.stringify(a.activity)));
      assert.equal(reviewCards().length, 1);

      t.clock.advance(5 * DAY_MS);
      const reminded = await t.run();
      assert.deepEqual(reminded.actions.filter((a) => a.userId === userId).map((a) => [a.action, a.done]), [['remindSponsors', true]]);
      assert.equal(reviewCards().length, 2, 'the card once more');
      assert.equal(bot.connector.activities.filter((a) => a.conversationId === ADELE_INSTALLED_CHAT).length, 0, 'not the admins yet');

      t.clock.advance(5 * DAY_MS);
      const escalated = await t.run();
      assert.deepEqual(escalated.actions.filter((a) => a.userId === userId).map((a) => [a.action, a.done]), [['escalate', true]]);
      const [adelesCard] = await bot.connector.waitForActivities(1, { conversationId: ADELE_INSTALLED_CHAT });
      assert.match(cardText(cardOf(adelesCard)), /the administrators were asked too/);
      const review = reviewDataOf(adelesCard);
      const refreshed = await t.press(REFRESH_REVIEW, review, adele, adelesCard);
      assert.deepEqual(buttonVerbs(refreshed.value as Record<string, unknown>), [REVIEW_KEEP, REVIEW_REMOVE], 'the admin may decide now');
      const kept = await t.press(REVIEW_KEEP, { ...review, keepDays: '30' }, adele, adelesCard);
      assert.match(cardText(kept.value), /Kept by Adele Vance/);
      const events = (await bot.app.store.audit.latest(50)).map((entry) => entry.event);
      for (const event of ['guest.review.asked', 'guest.review.reminded', 'guest.review.escalated', 'guest.review.decided']) assert.ok(events.includes(event), event);
    });
  });

  describe('last sign-in on the review card', () => {
    beforeEach(() => start({ inactiveDays: 90 }));

    it('shows it where Graph can tell', async () => {
      const userId = await t.invite('seen@fabrikam.com');
      bot.simulator.directory.acceptInvitation(userId);
      bot.simulator.directory.setSponsors(userId, [megan.aadObjectId]);
      t.clock.advance(17 * DAY_MS);
      bot.simulator.directory.recordSignIn(userId, new Date('2026-11-15T08:30:00Z'));
      await t.run();
      const [card] = t.cardsIn(MEGAN_PERSONAL).filter((a) => /sponsorReview/.test(JSON.stringify(a.activity)));
      assert.match(cardText(cardOf(card)), /Last sign-in\nNov 15, 2026, 8:30 AM UTC/);
    });

    it('says "not available" where the tenant does not let GuestPass read it (no Entra ID P1)', async () => {
      bot.simulator.directory.premium = false;
      const userId = await t.invite('unseen@fabrikam.com');
      bot.simulator.directory.acceptInvitation(userId);
      bot.simulator.directory.setSponsors(userId, [megan.aadObjectId]);
      t.clock.advance(17 * DAY_MS);
      const report = await t.run();
      assert.equal(report.signInActivity, 'forbidden');
      const [card] = t.cardsIn(MEGAN_PERSONAL).filter((a) => /sponsorReview/.test(JSON.stringify(a.activity)));
      assert.match(cardText(cardOf(card)), /Last sign-in\nNot available \(needs AuditLog\.Read\.All and Entra ID P1\)/);
    });
  });

  describe('safety net', () => {
    it('disables at most maxRemovalsPerRun guests a run; the rest wait for the next', async () => {
      await start({ maxRemovalsPerRun: 1 });
      const first = await t.invite('first@fabrikam.com');
      const second = await t.invite('second@fabrikam.com');
      for (const id of [first, second]) bot.simulator.directory.acceptInvitation(id);
      t.clock.advance(31 * DAY_MS);
      const report = await t.run();
      const disables = report.actions.filter((a) => a.action === 'disable');
      assert.deepEqual(disables.map((a) => [a.reason, a.done, a.capped ?? false]), [['accessEnded', true, false], ['accessEnded', false, true]]);
      const enabled = () => [first, second].filter((id) => bot.simulator.directory.findUser(id)?.accountEnabled);
      assert.equal(enabled().length, 1, 'one account disabled by this run');
      await t.run();
      assert.deepEqual(enabled(), [], 'the other by the next');
    });

    it('in report-only mode, changes nothing and says what it would do', async () => {
      await start({ enforcement: 'reportOnly' });
      const userId = await t.invite('report@fabrikam.com');
      bot.simulator.directory.acceptInvitation(userId);
      t.clock.advance(31 * DAY_MS);
      const report = await t.run();
      assert.equal(report.enforcement, 'reportOnly');
      assert.deepEqual(report.actions.filter((a) => a.userId === userId).map((a) => [a.action, a.reason, a.done]), [['disable', 'accessEnded', false]]);
      assert.equal(bot.simulator.requestsTo('PATCH', '/v1.0/users').length + bot.simulator.requestsTo('DELETE', '/v1.0/users').length, 0);
      assert.equal(bot.simulator.directory.findUser(userId)?.accountEnabled, true);
      assert.equal((await t.guest(userId)).state, 'active');
    });
  });
});
