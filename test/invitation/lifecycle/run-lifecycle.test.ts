import assert from 'node:assert/strict';
import { decideReview } from '../../../src/invitation/lifecycle/decide-review';
import { GovernedGuest } from '../../../src/invitation/lifecycle/governed-guest';
import { LifecyclePolicy } from '../../../src/invitation/lifecycle/lifecycle-policy';
import { nextAction } from '../../../src/invitation/lifecycle/next-action';
import { sharedRemovalSlots } from '../../../src/invitation/lifecycle/removal-slots';
import { runLifecycle } from '../../../src/invitation/lifecycle/run-lifecycle';
import { InvitationPolicy } from '../../../src/invitation/policy';
import { DAVE } from '../fixtures';
import { ADMIN, DAY, FALLBACK, governedGuest, guestAccount, lifecycleHarness, LifecycleHarness, SPONSOR, unavailable } from './lifecycle-fixtures';

const NOW = new Date('2026-11-22T09:00:00Z');
const inDays = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

/** Stores a governed guest (due time as enrolment would compute it) and its Entra account, sponsored by Alice. */
async function govern(h: LifecycleHarness, overrides: Partial<GovernedGuest> = {}, account: Parameters<typeof guestAccount>[0] = {}) {
  const draft = governedGuest(overrides);
  const guest = { ...draft, dueAt: draft.dueAt ?? nextAction(draft, h.lifecycle, h.clock.now()).at };
  await h.guests.create(guest);
  h.directoryAccounts.add(guestAccount({ id: guest.userId, mail: guest.address, ...account }), guest.sponsorIds);
  for (const id of guest.sponsorIds) if (!h.directoryAccounts.accounts.has(id)) h.directoryAccounts.add(guestAccount({ id, userType: 'Member', externalUserState: null }));
  return guest;
}

async function stored(h: LifecycleHarness, userId = 'guest-1') {
  return (await h.guests.get(userId))!.value;
}

function setup(lifecycle: Partial<LifecyclePolicy> = {}, policy: Partial<InvitationPolicy> = {}) {
  return lifecycleHarness(lifecycle, policy);
}

describe('runLifecycle', () => {
  describe('reviews', () => {
    it('asks the sponsors reviewBeforeDays before access ends, once', async () => {
      const h = setup({ reviewBeforeDays: 14 });
      await govern(h, { accessEndsAt: inDays(20) });
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, [], 'not due yet');
      h.clock.advance(6 * DAY);
      const report = await runLifecycle(h.lifecycle);
      assert.deepEqual(report.actions, [{ userId: 'guest-1', address: 'gita@fabrikam.com', action: 'askReview', reason: 'accessEnding', done: true, failed: false }]);
      const guest = await stored(h);
      assert.deepEqual(h.cards.asked, [{ userId: 'guest-1', reviewId: guest.review!.id, recipientIds: [SPONSOR.id] }]);
      assert.equal(guest.review?.answerBy, inDays(13));
      assert.equal(guest.dueAt, inDays(13), 'next: the reminder');
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, []);
      assert.equal(h.cards.asked.length, 1);
      const events = (await h.store.audit.latest(5)).map((entry) => entry.event);
      assert.ok(events.includes('guest.review.asked'));
    });

    it('asks every reviewEveryDays for guests without an end date, and never when it is off', async () => {
      const h = setup({ reviewEveryDays: 90 });
      await govern(h, { invitedAt: inDays(-90) });
      await runLifecycle(h.lifecycle);
      assert.equal((await stored(h)).review?.reason, 'periodic');
      const off = setup();
      await govern(off, { invitedAt: inDays(-900) });
      assert.equal((await stored(off)).dueAt, undefined, 'nothing is ever due');
    });

    it("reads the sponsors of every guest due for review in one batched read, not one call per guest", async () => {
      const h = setup({ reviewBeforeDays: 14 });
      await govern(h, { userId: 'guest-1', accessEndsAt: inDays(5) });
      await govern(h, { userId: 'guest-2', address: 'b@fabrikam.com', accessEndsAt: inDays(3), sponsorIds: [DAVE.id] });
      await govern(h, { userId: 'guest-3', address: 'c@fabrikam.com', accessEndsAt: inDays(60) });
      await govern(h, { userId: 'guest-4', address: 'd@fabrikam.com', accessEndsAt: inDays(-1) });
      await runLifecycle(h.lifecycle);
      assert.equal(h.directoryAccounts.sponsorIdsOf.callCount, 0);
      assert.equal(h.directoryAccounts.sponsorIdsOfMany.callCount, 1);
      assert.deepEqual([...h.directoryAccounts.sponsorIdsOfMany.firstCall.args[0]].sort(), ['guest-1', 'guest-2'], 'only the guests due for review');
      assert.deepEqual(h.cards.asked.map((asked) => [asked.userId, asked.recipientIds]).sort(), [['guest-1', [SPONSOR.id]], ['guest-2', [DAVE.id]]]);
    });

    it('falls back to the sponsors on record for a guest whose sponsors Graph could not read', async () => {
      const h = setup({ reviewBeforeDays: 14 });
      await govern(h, { accessEndsAt: inDays(5) });
      h.directoryAccounts.sponsors.set('guest-1', [DAVE.id]);
      h.directoryAccounts.add(guestAccount({ id: DAVE.id, userType: 'Member', externalUserState: null }));
      h.directoryAccounts.unreadableSponsors.add('guest-1');
      await runLifecycle(h.lifecycle);
      assert.deepEqual(h.cards.asked.map((asked) => asked.recipientIds), [[SPONSOR.id]], 'the record says Alice');
      assert.equal(h.directoryAccounts.sponsorIdsOf.callCount, 0);
    });

    it('reminds once after answerWithinDays, then escalates to the fallback approvers, who may then decide', async () => {
      const h = setup({ reviewBeforeDays: 30, answerWithinDays: 7 });
      await govern(h, { accessEndsAt: inDays(30) });
      await runLifecycle(h.lifecycle);
      h.clock.advance(7 * DAY - 1);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, [], 'not before the window ends');
      h.clock.advance(1);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions.map((action) => action.action), ['remindSponsors']);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, [], 'reminded once');
      h.clock.advance(7 * DAY);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions.map((action) => action.action), ['escalate']);
      const reviewId = (await stored(h)).review!.id;
      assert.deepEqual(
        h.cards.asked.map((asked) => asked.recipientIds),
        [[SPONSOR.id], [SPONSOR.id], [FALLBACK.id]],
      );
      const outcome = await decideReview(h.lifecycle, { userId: 'guest-1', reviewId, answer: { kind: 'keep', days: 30 }, by: FALLBACK });
      assert.equal(outcome.kind, 'decided');
    });

    it('escalates to the admins when the policy has no fallback approvers', async () => {
      const h = setup({ reviewBeforeDays: 30, answerWithinDays: 7 }, { fallbackApprovers: undefined });
      await govern(h, { accessEndsAt: inDays(30) });
      await runLifecycle(h.lifecycle);
      h.clock.advance(14 * DAY);
      await runLifecycle(h.lifecycle);
      h.clock.advance(1);
      await runLifecycle(h.lifecycle);
      assert.deepEqual(h.cards.asked.at(-1)?.recipientIds, [ADMIN.id]);
    });

    it('sends the review to the admins when every sponsor left (deleted or disabled)', async () => {
      const h = setup({ reviewBeforeDays: 14 });
      await govern(h, { accessEndsAt: inDays(10), sponsorIds: [SPONSOR.id, DAVE.id] });
      h.directoryAccounts.accounts.get(SPONSOR.id)!.accountEnabled = false;
      h.directoryAccounts.accounts.delete(DAVE.id);
      await runLifecycle(h.lifecycle);
      assert.deepEqual(h.cards.asked.map((asked) => asked.recipientIds), [[ADMIN.id]]);
      assert.ok((await stored(h)).review?.escalatedAt, 'the admins are the end of the line');
    });

    it('counts only the sponsors still there', async () => {
      const h = setup({ reviewBeforeDays: 14 });
      await govern(h, { accessEndsAt: inDays(10), sponsorIds: [SPONSOR.id, DAVE.id] });
      h.directoryAccounts.accounts.delete(DAVE.id);
      await runLifecycle(h.lifecycle);
      assert.deepEqual(h.cards.asked.map((asked) => asked.recipientIds), [[SPONSOR.id]]);
    });

    it('goes up at once when the card reached none of the sponsors', async () => {
      const h = setup({ reviewBeforeDays: 14 });
      await govern(h, { accessEndsAt: inDays(10) });
      h.cards.unreachable.add(SPONSOR.id);
      const report = await runLifecycle(h.lifecycle);
      assert.deepEqual(report.actions.map((action) => action.action), ['askReview', 'escalate']);
      assert.deepEqual(h.cards.asked.map((asked) => asked.recipientIds), [[SPONSOR.id], [FALLBACK.id]]);
    });

    it('asks about inactive guests when last sign-ins can be read', async () => {
      const h = setup({ inactiveDays: 90 });
      await govern(h, { invitedAt: inDays(-400), lastSignInAt: inDays(-30) });
      h.directoryAccounts.signIns = { available: true, at: new Map([['guest-1', inDays(-100)]]) };
      // Due by what was stored (30 days ago + 90); the sign-in Entra reports is older.
      h.clock.advance(60 * DAY);
      const report = await runLifecycle(h.lifecycle);
      assert.equal(report.signInActivity, 'available');
      assert.deepEqual(report.actions.map((action) => [action.action, action.reason]), [['askReview', 'inactive']]);
    });

    it('leaves a guest who signed in recently, due again inactiveDays after that sign-in', async () => {
      const h = setup({ inactiveDays: 90 });
      await govern(h, { invitedAt: inDays(-400), lastSignInAt: inDays(-100) });
      h.directoryAccounts.signIns = { available: true, at: new Map([['guest-1', inDays(-1)]]) };
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, []);
      const guest = await stored(h);
      assert.deepEqual([guest.lastSignInAt, guest.dueAt], [inDays(-1), inDays(89)]);
    });

    it('says once per run when sign-ins are forbidden, and the rest still works', async () => {
      const h = setup({ inactiveDays: 90 });
      await govern(h, { invitedAt: inDays(-400), lastSignInAt: inDays(-100) });
      await govern(h, { userId: 'guest-2', address: 'omar@fabrikam.com', accessEndsAt: inDays(-1) });
      h.directoryAccounts.signIns = { available: false, why: 'forbidden' };
      const report = await runLifecycle(h.lifecycle);
      assert.equal(report.signInActivity, 'forbidden');
      assert.deepEqual(report.actions.map((action) => [action.userId, action.action]), [['guest-2', 'disable']]);
      assert.equal(h.directoryAccounts.lastSignIns.callCount, 1, 'asked once, not for every batch');
      assert.equal((await stored(h)).dueAt, inDays(1), 'looked at again tomorrow');
    });
    it('finds out at the first run, with no guest due yet, that sign-ins are forbidden', async () => {
      const h = setup({ inactiveDays: 90 });
      h.directoryAccounts.signIns = { available: false, why: 'forbidden' };
      const report = await runLifecycle(h.lifecycle);
      assert.equal(report.signInActivity, 'forbidden');
      assert.deepEqual(h.directoryAccounts.lastSignIns.firstCall.args[0], [], 'a probe, about nobody in particular');
    });

    it('does not ask about sign-ins when no rule needs them', async () => {
      const h = setup();
      const report = await runLifecycle(h.lifecycle);
      assert.equal(report.signInActivity, 'notNeeded');
      assert.equal(h.directoryAccounts.lastSignIns.callCount, 0);
    });
  });

  describe('enforcement', () => {
    it('disables a guest whose access ended without a Keep, then deletes it after deleteAfterDays', async () => {
      const h = setup({ deleteAfterDays: 30 });
      await govern(h, { accessEndsAt: inDays(-1), review: { id: 'r1', reason: 'accessEnding', startedAt: inDays(-15), answerBy: inDays(-8), remindedAt: inDays(-8), askedIds: [SPONSOR.id] } });
      const report = await runLifecycle(h.lifecycle);
      assert.deepEqual(report.actions, [{ userId: 'guest-1', address: 'gita@fabrikam.com', action: 'disable', reason: 'accessEnded', done: true }]);
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1']);
      let guest = await stored(h);
      assert.deepEqual([guest.state, guest.removalReason, guest.deleteAt, guest.dueAt, guest.pendingEffect], ['disabled', 'accessEnded', inDays(30), inDays(30), undefined]);
      assert.deepEqual(h.cards.shown.map((shown) => shown.state), ['disabled'], 'the review card says so');
      h.clock.advance(30 * DAY - 1);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, []);
      h.clock.advance(1);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions.map((action) => action.action), ['delete']);
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1', 'delete:guest-1']);
      guest = await stored(h);
      assert.deepEqual([guest.state, guest.dueAt], ['deleted', undefined]);
      const events = (await h.store.audit.latest(10)).map((entry) => entry.event);
      assert.ok(events.includes('guest.disabled') && events.includes('guest.deleted'));
    });

    it('a Keep moves the end: nothing is disabled at the old end', async () => {
      const h = setup({ reviewBeforeDays: 14 });
      await govern(h, { accessEndsAt: inDays(10) });
      await runLifecycle(h.lifecycle);
      const reviewId = (await stored(h)).review!.id;
      await decideReview(h.lifecycle, { userId: 'guest-1', reviewId, answer: { kind: 'keep', days: 60 }, by: SPONSOR });
      h.clock.advance(11 * DAY);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, []);
      assert.deepEqual(h.directoryAccounts.calls, []);
    });

    it('disables a guest a sponsor removed on the next run', async () => {
      const h = setup({ reviewBeforeDays: 14 });
      await govern(h, { accessEndsAt: inDays(10) });
      await runLifecycle(h.lifecycle);
      await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: (await stored(h)).review!.id, answer: { kind: 'remove' }, by: SPONSOR });
      const report = await runLifecycle(h.lifecycle);
      assert.deepEqual(report.actions.map((action) => [action.action, action.reason]), [['disable', 'sponsorRemoved']]);
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1']);
    });

    it('disables a guest whose periodic review nobody answered, even after escalation', async () => {
      const h = setup({ reviewEveryDays: 90, answerWithinDays: 7 });
      await govern(h, { invitedAt: inDays(-90) });
      for (const days of [0, 7, 7, 7]) {
        h.clock.advance(days * DAY);
        await runLifecycle(h.lifecycle);
      }
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1']);
      assert.equal((await stored(h)).removalReason, 'noAnswer');
    });

    it('never deletes an account someone enabled again in Entra meanwhile', async () => {
      const h = setup();
      await govern(h, { state: 'disabled', disabledAt: inDays(-30), deleteAt: inDays(0), removalReason: 'accessEnded', accessEndsAt: inDays(-31) }, { accountEnabled: true });
      const report = await runLifecycle(h.lifecycle);
      assert.deepEqual(report.actions.map((action) => [action.action, action.reason]), [['skip', 'enabledElsewhere']]);
      assert.deepEqual(h.directoryAccounts.calls, []);
      const guest = await stored(h);
      assert.deepEqual([guest.state, guest.accessEndsAt], ['active', undefined]);
    });

    it('caps disables and deletes per run; the rest wait for the next run', async () => {
      const h = setup({ maxRemovalsPerRun: 2 });
      await govern(h, { userId: 'guest-1', accessEndsAt: inDays(-3) });
      await govern(h, { userId: 'guest-2', address: 'b@fabrikam.com', state: 'disabled', deleteAt: inDays(-2), disabledAt: inDays(-32) }, { accountEnabled: false });
      await govern(h, { userId: 'guest-3', address: 'c@fabrikam.com', accessEndsAt: inDays(-1) });
      const report = await runLifecycle(h.lifecycle);
      assert.deepEqual(
        report.actions.map((action) => [action.userId, action.action, action.done, action.capped ?? false]),
        [
          ['guest-1', 'disable', true, false],
          ['guest-2', 'delete', true, false],
          ['guest-3', 'disable', false, true],
        ],
      );
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1', 'delete:guest-2']);
      assert.equal((await stored(h, 'guest-3')).state, 'active');
      await runLifecycle(h.lifecycle);
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1', 'delete:guest-2', 'disable:guest-3']);
    });

    it('a cap of zero removes nobody', async () => {
      const h = setup({ maxRemovalsPerRun: 0 });
      await govern(h, { accessEndsAt: inDays(-3) });
      await runLifecycle(h.lifecycle);
      assert.deepEqual(h.directoryAccounts.calls, []);
    });
  });

  describe('scope', () => {
    it('never touches an account that is not a guest, and stops governing it', async () => {
      const h = setup();
      await govern(h, { accessEndsAt: inDays(-3) }, { userType: 'Member' });
      const report = await runLifecycle(h.lifecycle);
      assert.deepEqual(report.actions.map((action) => [action.action, action.reason]), [['skip', 'notAGuest']]);
      assert.deepEqual(h.directoryAccounts.calls, []);
      assert.equal(h.cards.asked.length, 0);
      assert.equal((await stored(h)).dueAt, undefined);
      for (const userType of [null] as const) {
        const other = setup();
        await govern(other, { accessEndsAt: inDays(-3) }, { userType });
        await runLifecycle(other.lifecycle);
        assert.deepEqual(other.directoryAccounts.calls, [], 'an empty userType is not a guest either');
      }
    });

    it('leaves guests GuestPass did not invite alone unless the scope is allGuests', async () => {
      const h = setup();
      await govern(h, { requestId: undefined, invitedBy: undefined, accessEndsAt: inDays(-3) });
      const report = await runLifecycle(h.lifecycle);
      assert.deepEqual(report.actions.map((action) => [action.action, action.reason]), [['skip', 'notInScope']]);
      assert.deepEqual(h.directoryAccounts.calls, []);
      assert.equal(h.directoryAccounts.listGuests.callCount, 0);

      h.lifecycle.policy = { ...h.lifecycle.policy, lifecycle: { ...h.lifecycle.policy.lifecycle, scope: 'allGuests' } };
      h.clock.advance(DAY);
      await runLifecycle(h.lifecycle);
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1']);
    });

    it('with allGuests, enrols the tenant guests it meets (access counted from enrolment), never members', async () => {
      const h = setup({ scope: 'allGuests', reviewBeforeDays: 14 }, { access: { defaultDays: 180, domains: [] } });
      h.directoryAccounts.add(guestAccount({ id: 'old-guest', mail: 'Old@Northwind.com', createdAt: '2020-01-01T00:00:00Z' }), [SPONSOR.id]);
      h.directoryAccounts.add(guestAccount({ id: 'member-1', mail: 'pat@contoso.com', userType: 'Member' }));
      const report = await runLifecycle(h.lifecycle);
      assert.deepEqual(report.actions.map((action) => [action.userId, action.action]), [['old-guest', 'enrol']]);
      const guest = await stored(h, 'old-guest');
      assert.deepEqual([guest.address, guest.accessEndsAt, guest.sponsorIds, guest.requestId, guest.dueAt], ['old@northwind.com', '2027-05-21T23:59:59.999Z', [SPONSOR.id], undefined, '2027-05-07T23:59:59.999Z']);
      assert.equal(await h.guests.get('member-1'), undefined);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, [], 'enrolled once');
      assert.equal(h.directoryAccounts.sponsorIdsOf.callCount, 0, 'sponsors read together, not one call per guest');
      assert.deepEqual(h.directoryAccounts.sponsorIdsOfMany.firstCall.args[0], ['old-guest']);
    });
  });

  describe('report-only mode', () => {
    it('works out every step and changes nothing: no account, no card, no record', async () => {
      const h = setup({ enforcement: 'reportOnly', maxRemovalsPerRun: 2, remindAfterDays: 7 });
      await govern(h, { userId: 'guest-1', accessEndsAt: inDays(-3) });
      await govern(h, { userId: 'guest-2', address: 'b@fabrikam.com', accessEndsAt: inDays(5) });
      await govern(h, { userId: 'guest-3', address: 'c@fabrikam.com', state: 'disabled', deleteAt: inDays(-1) }, { accountEnabled: false });
      await govern(h, { userId: 'guest-4', address: 'd@fabrikam.com', redemption: 'pending', invitedAt: inDays(-8) }, { externalUserState: 'PendingAcceptance' });
      await govern(h, { userId: 'guest-5', address: 'e@fabrikam.com', accessEndsAt: inDays(-2) });
      const before = await h.guests.listAll(10);
      // Earliest due first: guest-1 and guest-5 fit in the cap of two; the deletion due last waits.
      const report = await runLifecycle(h.lifecycle);
      assert.equal(report.enforcement, 'reportOnly');
      assert.deepEqual(
        report.actions.map((action) => [action.userId, action.action, action.done, action.capped ?? false]).sort(),
        [
          ['guest-1', 'disable', false, false],
          ['guest-2', 'askReview', false, false],
          ['guest-3', 'delete', false, true],
          ['guest-4', 'remindRequester', false, false],
          ['guest-5', 'disable', false, false],
        ],
      );
      assert.deepEqual(h.directoryAccounts.calls, []);
      assert.deepEqual([h.cards.asked, h.cards.reminded, h.cards.shown], [[], [], []]);
      assert.deepEqual(await h.guests.listAll(10), before);
      const [entry] = await h.store.audit.latest(1);
      assert.deepEqual([entry?.event, entry?.details?.wouldDisable, entry?.details?.wouldDelete, entry?.details?.capped], ['lifecycle.reportOnly', 2, 1, 1]);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions.length, 5, 'the same run says the same again');
    });
  });

  describe('never-redeemed invitations', () => {
    it('reminds the requester once after remindAfterDays, then removes the pending guest after removeUnredeemedAfterDays', async () => {
      const h = setup({ remindAfterDays: 7, removeUnredeemedAfterDays: 30 });
      await govern(h, { redemption: 'pending', invitedAt: inDays(0) }, { externalUserState: 'PendingAcceptance' });
      h.clock.advance(7 * DAY);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions.map((action) => action.action), ['remindRequester']);
      assert.deepEqual(h.cards.reminded, [{ userId: 'guest-1', requestId: 'REQ00001' }]);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, []);
      h.clock.advance(23 * DAY);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions.map((action) => [action.action, action.reason]), [['disable', 'neverRedeemed']]);
      assert.equal(h.cards.reminded.length, 1);
    });

    it('stops both once the guest accepts', async () => {
      const h = setup({ remindAfterDays: 7, removeUnredeemedAfterDays: 30 });
      await govern(h, { redemption: 'pending', invitedAt: inDays(0) }, { externalUserState: 'Accepted' });
      h.clock.advance(7 * DAY);
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, []);
      const guest = await stored(h);
      assert.deepEqual([guest.redemption, guest.dueAt], ['accepted', undefined]);
    });
  });

  describe('crash safety', () => {
    it('two runs over the same store at once disable once and send one card', async () => {
      const h = setup({ reviewBeforeDays: 14 });
      await govern(h, { userId: 'guest-1', accessEndsAt: inDays(-1) });
      await govern(h, { userId: 'guest-2', address: 'b@fabrikam.com', accessEndsAt: inDays(5) });
      const reports = await Promise.all([runLifecycle(h.lifecycle), runLifecycle(h.lifecycle)]);
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1']);
      assert.equal(h.cards.asked.length, 1);
      assert.equal(reports.flatMap((report) => report.actions).filter((action) => action.done).length, 2);
    });

    it('two runs at once on one store remove at most the cap together; the rest wait for the next run', async () => {
      const cap = 2;
      const h = setup({ maxRemovalsPerRun: cap });
      const ids = ['guest-1', 'guest-2', 'guest-3', 'guest-4'];
      for (const userId of ids) await govern(h, { userId, address: `${userId}@fabrikam.com`, accessEndsAt: inDays(-1) });
      const window = '2026-11-22T08:00:00.000Z';
      const overlapping = () => runLifecycle(h.lifecycle, { removals: sharedRemovalSlots(h.store.state, window, cap) });

      const reports = await Promise.all([overlapping(), overlapping()]);

      assert.equal(h.directoryAccounts.calls.length, cap, 'two runs, one cap');
      assert.equal(new Set(h.directoryAccounts.calls).size, cap, 'each guest once');
      const capped = reports.flatMap((report) => report.actions).filter((action) => action.capped);
      assert.ok(capped.length >= ids.length - cap, 'the others are reported as capped');
      const left = [];
      for (const userId of ids) if ((await stored(h, userId)).state === 'active') left.push(userId);
      assert.equal(left.length, ids.length - cap, 'refused guests are untouched');

      await runLifecycle(h.lifecycle, { removals: sharedRemovalSlots(h.store.state, NOW.toISOString(), cap) });
      assert.equal(h.directoryAccounts.calls.length, ids.length, 'the next window removes the rest');
    });

    it('a run of an older window, stalled past the next run, removes nobody once the newer run counted', async () => {
      const h = setup({ maxRemovalsPerRun: 2 });
      await govern(h, { userId: 'guest-1', accessEndsAt: inDays(-1) });
      await govern(h, { userId: 'guest-2', address: 'b@fabrikam.com', accessEndsAt: inDays(-1) });
      const newer = sharedRemovalSlots(h.store.state, '2026-11-22T08:00:00.000Z', 2);
      assert.equal(await newer.take(), true);
      await runLifecycle(h.lifecycle, { removals: sharedRemovalSlots(h.store.state, '2026-11-22T07:00:00.000Z', 2) });
      assert.deepEqual(h.directoryAccounts.calls, []);
      await newer.giveBack();
      await runLifecycle(h.lifecycle, { removals: sharedRemovalSlots(h.store.state, '2026-11-22T08:00:00.000Z', 2) });
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1', 'disable:guest-2'], 'the slot given back is taken again');
    });

    it('a crash between the claim and the account change: the next run makes it once, only if it did not happen', async () => {
      const h = setup();
      await govern(h, { userId: 'guest-1', accessEndsAt: inDays(-1) });
      await govern(h, { userId: 'guest-2', address: 'b@fabrikam.com', accessEndsAt: inDays(-1) });
      // guest-1: the call never reached Graph; guest-2: Graph disabled it, the answer was lost.
      h.directoryAccounts.failures.push({ error: unavailable(), applied: false }, { error: unavailable(), applied: true });
      const first = await runLifecycle(h.lifecycle);
      assert.deepEqual(first.actions.map((action) => [action.userId, action.failed]), [['guest-1', true], ['guest-2', true]]);
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1', 'disable:guest-2']);
      assert.equal((await stored(h, 'guest-1')).pendingEffect?.action, 'disable');
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, [], 'left to the claimant while its call may still be under way');
      h.clock.advance(3_600_000);
      await runLifecycle(h.lifecycle);
      assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1', 'disable:guest-2', 'disable:guest-1']);
      for (const id of ['guest-1', 'guest-2']) {
        const guest = await stored(h, id);
        assert.deepEqual([guest.state, guest.pendingEffect], ['disabled', undefined]);
        assert.equal(h.directoryAccounts.accounts.get(id)?.accountEnabled, false);
      }
      const disabled = (await h.store.audit.latest(50)).filter((entry) => entry.event === 'guest.disabled');
      assert.deepEqual(disabled.map((entry) => [entry.subject, entry.details?.confirmed ?? false]).sort(), [['b@fabrikam.com', true], ['gita@fabrikam.com', false]]);
      h.clock.advance(3_600_000);
      await runLifecycle(h.lifecycle);
      assert.equal(h.directoryAccounts.calls.length, 3, 'nothing more');
    });

    it('a crash mid-delete: the next run finds the account gone and records it without a second call', async () => {
      const h = setup();
      await govern(h, { state: 'disabled', disabledAt: inDays(-30), deleteAt: inDays(-1), removalReason: 'accessEnded' }, { accountEnabled: false });
      h.directoryAccounts.failures.push({ error: unavailable(), applied: true });
      await runLifecycle(h.lifecycle);
      h.clock.advance(3_600_000);
      await runLifecycle(h.lifecycle);
      assert.deepEqual(h.directoryAccounts.calls, ['delete:guest-1']);
      const guest = await stored(h);
      assert.deepEqual([guest.state, guest.pendingEffect, guest.dueAt], ['deleted', undefined, undefined]);
    });

    it('a card that failed to go is not sent again by the next run; the reminder follows in its time', async () => {
      const h = setup({ reviewBeforeDays: 14, answerWithinDays: 7 });
      await govern(h, { accessEndsAt: inDays(10) });
      h.cards.failure = new Error('Teams unreachable');
      const first = await runLifecycle(h.lifecycle);
      assert.deepEqual(first.actions.map((action) => [action.action, action.failed]), [['askReview', true]]);
      h.cards.failure = undefined;
      assert.deepEqual((await runLifecycle(h.lifecycle)).actions, []);
      h.clock.advance(7 * DAY);
      await runLifecycle(h.lifecycle);
      assert.equal(h.cards.asked.length, 1, 'the reminder');
    });
  });
});
