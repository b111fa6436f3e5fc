import assert from 'node:assert/strict';
import { extendAccess } from '../../../src/invitation/lifecycle/extend-access';
import { GovernedGuest } from '../../../src/invitation/lifecycle/governed-guest';
import { nextAction } from '../../../src/invitation/lifecycle/next-action';
import { removeGuest } from '../../../src/invitation/lifecycle/remove-guest';
import { runLifecycle } from '../../../src/invitation/lifecycle/run-lifecycle';
import { maySponsor, mayWithdraw } from '../../../src/invitation/lifecycle/sponsor-rights';
import { DAVE } from '../fixtures';
import { ADMIN, DAY, governedGuest, guestAccount, lifecycleHarness, LifecycleHarness, SPONSOR } from './lifecycle-fixtures';

const OPEN_REVIEW: GovernedGuest['review'] = {
  id: 'r1',
  reason: 'accessEnding',
  startedAt: '2026-11-20T09:00:00.000Z',
  answerBy: '2026-11-27T09:00:00.000Z',
  askedIds: [SPONSOR.id],
};

async function governed(h: LifecycleHarness, overrides: Partial<GovernedGuest> = {}) {
  const draft = governedGuest({ accessEndsAt: '2026-12-01T23:59:59.999Z', ...overrides });
  await h.guests.create({ ...draft, dueAt: nextAction(draft, h.lifecycle, h.clock.now()).at });
  h.directoryAccounts.add(guestAccount({ id: draft.userId }), draft.sponsorIds);
  for (const id of draft.sponsorIds) h.directoryAccounts.add(guestAccount({ id, userType: 'Member', externalUserState: null }));
}

async function audited(h: LifecycleHarness) {
  return (await h.store.audit.latest(20)).map((entry) => [entry.event, entry.actor?.id]);
}

describe('extendAccess', () => {
  it('gives a sponsor’s guest whole days from today, answers the open review (Keep) and updates its cards', async () => {
    const h = lifecycleHarness({}, { access: { maxDays: 90, domains: [] } });
    await governed(h, { review: OPEN_REVIEW });
    const outcome = await extendAccess(h.lifecycle, { userId: 'GUEST-1', days: 30, by: SPONSOR });
    assert.ok(outcome.kind === 'extended');
    const guest = (await h.guests.get('guest-1'))!.value;
    assert.equal(guest.accessEndsAt, '2026-12-22T23:59:59.999Z');
    assert.deepEqual([guest.review?.decision?.kind, guest.review?.decision?.by.id, guest.review?.decision?.days], ['keep', SPONSOR.id, 30]);
    assert.equal(h.cards.shown.length, 1);
    assert.deepEqual(await audited(h), [['guest.access.extended', SPONSOR.id]]);
    assert.deepEqual(h.directoryAccounts.calls, [], 'no account is changed');
  });

  it('a sponsor who just extended is not asked at once to review the same guest, and is asked before the new end', async () => {
    const h = lifecycleHarness({ reviewBeforeDays: 14 });
    await governed(h);
    assert.equal((await extendAccess(h.lifecycle, { userId: 'guest-1', days: 10, by: SPONSOR })).kind, 'extended');
    await runLifecycle(h.lifecycle);
    assert.equal(h.cards.asked.length, 0, 'the extension is the answer');
    assert.equal((await extendAccess(h.lifecycle, { userId: 'guest-1', days: 60, by: SPONSOR })).kind, 'extended');
    await runLifecycle(h.lifecycle);
    assert.equal(h.cards.asked.length, 0);
    h.clock.advance(47 * DAY);
    await runLifecycle(h.lifecycle);
    assert.deepEqual(h.cards.asked.map((ask) => ask.recipientIds), [[SPONSOR.id]], 'asked 14 days before the new end');
  });

  it('an extension cancels a removal asked before, so the run keeps the guest', async () => {
    const h = lifecycleHarness();
    await governed(h);
    assert.equal((await removeGuest(h.lifecycle, { userId: 'guest-1', by: SPONSOR })).kind, 'removalScheduled');
    assert.equal((await extendAccess(h.lifecycle, { userId: 'guest-1', days: 30, by: SPONSOR })).kind, 'extended');
    await runLifecycle(h.lifecycle);
    assert.deepEqual(h.directoryAccounts.calls, []);
  });

  it('refuses forged days: zero, negative, fractional, not a number, beyond the domain maximum', async () => {
    const h = lifecycleHarness({}, { access: { maxDays: 60, domains: [] } });
    await governed(h);
    for (const days of [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.deepEqual(await extendAccess(h.lifecycle, { userId: 'guest-1', days, by: SPONSOR }), { kind: 'invalidDays' }, String(days));
    }
    assert.deepEqual(await extendAccess(h.lifecycle, { userId: 'guest-1', days: 61, by: SPONSOR }), { kind: 'tooLong', maxDays: 60 });
    assert.deepEqual(await extendAccess(h.lifecycle, { userId: 'guest-1', days: 1e9, by: SPONSOR }), { kind: 'tooLong', maxDays: 60 });
    assert.equal((await h.guests.get('guest-1'))!.value.accessEndsAt, '2026-12-01T23:59:59.999Z', 'unchanged');
    assert.deepEqual(await audited(h), []);
  });

  it('refuses people who do not sponsor the guest, ids of no governed guest, and guests no longer active', async () => {
    const h = lifecycleHarness();
    await governed(h);
    await governed(h, { userId: 'guest-2', address: 'other@fabrikam.com', sponsorIds: [DAVE.id] });
    assert.deepEqual(await extendAccess(h.lifecycle, { userId: 'guest-2', days: 10, by: SPONSOR }), { kind: 'notAllowed' }, 'another sponsor’s guest');
    assert.deepEqual(await extendAccess(h.lifecycle, { userId: SPONSOR.id, days: 10, by: SPONSOR }), { kind: 'notFound' }, 'a member’s object id');
    await governed(h, { userId: 'guest-3', address: 'off@fabrikam.com', state: 'disabled', disabledAt: '2026-11-21T09:00:00.000Z' });
    assert.equal((await extendAccess(h.lifecycle, { userId: 'guest-3', days: 10, by: SPONSOR })).kind, 'notActive');
    assert.equal((await extendAccess(h.lifecycle, { userId: 'guest-2', days: 10, by: ADMIN })).kind, 'extended', 'admins may');
  });

  it('refuses a sponsor Entra no longer lists for the guest, even while the record still names them', async () => {
    const h = lifecycleHarness();
    await governed(h);
    h.directoryAccounts.sponsors.set('guest-1', [DAVE.id]);
    assert.deepEqual(await extendAccess(h.lifecycle, { userId: 'guest-1', days: 10, by: SPONSOR }), { kind: 'notAllowed' });
    assert.deepEqual(await removeGuest(h.lifecycle, { userId: 'guest-1', by: SPONSOR }), { kind: 'notAllowed' });
    assert.equal((await h.guests.get('guest-1'))!.value.accessEndsAt, '2026-12-01T23:59:59.999Z');
  });
});

describe('removeGuest', () => {
  it('marks the guest for removal, answers the open review (Remove); the next run disables it within the cap', async () => {
    const h = lifecycleHarness();
    await governed(h, { review: OPEN_REVIEW });
    const outcome = await removeGuest(h.lifecycle, { userId: 'guest-1', by: SPONSOR });
    assert.ok(outcome.kind === 'removalScheduled');
    const marked = (await h.guests.get('guest-1'))!.value;
    assert.deepEqual([marked.state, marked.removalReason, marked.review?.decision?.kind, marked.dueAt], ['active', 'sponsorRemoved', 'remove', h.clock.now().toISOString()]);
    assert.deepEqual(h.directoryAccounts.calls, [], 'nothing is changed by the press itself');
    assert.deepEqual(await audited(h), [['guest.removal.requested', SPONSOR.id]]);
    await runLifecycle(h.lifecycle);
    assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1']);
    assert.equal((await h.guests.get('guest-1'))!.value.removalReason, 'sponsorRemoved');
  });

  it('in report-only mode the run only says it would disable', async () => {
    const h = lifecycleHarness({ enforcement: 'reportOnly' });
    await governed(h);
    await removeGuest(h.lifecycle, { userId: 'guest-1', by: SPONSOR });
    const report = await runLifecycle(h.lifecycle);
    assert.deepEqual(report.actions.map((action) => [action.action, action.reason, action.done]), [['disable', 'sponsorRemoved', false]]);
    assert.deepEqual(h.directoryAccounts.calls, []);
  });

  it('refuses others’ guests and guests no longer active; two presses mark once', async () => {
    const h = lifecycleHarness();
    await governed(h, { sponsorIds: [DAVE.id] });
    assert.deepEqual(await removeGuest(h.lifecycle, { userId: 'guest-1', by: SPONSOR }), { kind: 'notAllowed' });
    assert.deepEqual(await removeGuest(h.lifecycle, { userId: 'nobody', by: ADMIN }), { kind: 'notFound' });
    const outcomes = await Promise.all([removeGuest(h.lifecycle, { userId: 'guest-1', by: DAVE }), removeGuest(h.lifecycle, { userId: 'guest-1', by: DAVE })]);
    assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['removalScheduled', 'removalScheduled']);
    h.clock.advance(DAY);
    await runLifecycle(h.lifecycle);
    await runLifecycle(h.lifecycle);
    assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1'], 'disabled once');
    assert.equal((await removeGuest(h.lifecycle, { userId: 'guest-1', by: DAVE })).kind, 'notActive');
  });
});

describe('sponsor rights', () => {
  it('sponsors who may act and admins may sponsor-act; the requester and admins may withdraw', async () => {
    const h = lifecycleHarness();
    const guest = governedGuest({ sponsorIds: [SPONSOR.id.toUpperCase()], invitedBy: { id: DAVE.id, displayName: DAVE.displayName } });
    h.directoryAccounts.sponsors.set(guest.userId, [SPONSOR.id]);
    assert.equal(await maySponsor(h.lifecycle, guest, SPONSOR), true, 'ids compare without case');
    assert.equal(await maySponsor(h.lifecycle, guest, ADMIN), true);
    assert.equal(await maySponsor(h.lifecycle, guest, DAVE), false);
    assert.equal(await mayWithdraw(h.lifecycle, guest, DAVE), true);
    assert.equal(await mayWithdraw(h.lifecycle, guest, ADMIN), true);
    assert.equal(await mayWithdraw(h.lifecycle, guest, SPONSOR), false);
    // A sponsor whose own account is a guest may not act.
    const other = lifecycleHarness();
    other.accounts.set(SPONSOR.id, 'Guest');
    assert.equal(await maySponsor(other.lifecycle, guest, SPONSOR), false);
    assert.equal(await mayWithdraw(other.lifecycle, governedGuest(), SPONSOR), false);
  });
});
