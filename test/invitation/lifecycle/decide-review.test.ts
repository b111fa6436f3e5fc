import assert from 'node:assert/strict';
import { decideReview } from '../../../src/invitation/lifecycle/decide-review';
import { GuestReview } from '../../../src/invitation/lifecycle/governed-guest';
import { DAVE } from '../fixtures';
import { ADMIN, FALLBACK, governedGuest, lifecycleHarness, SPONSOR } from './lifecycle-fixtures';

const REVIEW: GuestReview = {
  id: 'review-1',
  reason: 'accessEnding',
  startedAt: '2026-11-20T09:00:00.000Z',
  answerBy: '2026-11-27T09:00:00.000Z',
  askedIds: [SPONSOR.id],
};

/** A guest whose access ends on 2026-12-04, with a review asked of Alice (the sponsor) two days ago. */
async function reviewing(access: Parameters<typeof lifecycleHarness>[1] = {}) {
  const h = lifecycleHarness({}, access);
  await h.guests.create(governedGuest({ accessEndsAt: '2026-12-04T09:00:00.000Z', review: REVIEW, dueAt: REVIEW.answerBy }));
  h.directoryAccounts.sponsors.set('guest-1', [SPONSOR.id]);
  return h;
}

describe('decideReview', () => {
  it('Keep sets a new end date, updates every copy of the card and is audited', async () => {
    const h = await reviewing();
    const outcome = await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 90 }, by: SPONSOR });
    assert.ok(outcome.kind === 'decided');
    const stored = (await h.guests.get('guest-1'))!.value;
    // Like a request's end date: the close of the 90th UTC day from today.
    assert.equal(stored.accessEndsAt, '2027-02-20T23:59:59.999Z');
    assert.deepEqual(stored.review?.decision, { kind: 'keep', by: { id: SPONSOR.id, displayName: SPONSOR.displayName }, at: h.clock.now().toISOString(), days: 90 });
    // Next: the review 14 days before the new end.
    assert.equal(stored.dueAt, '2027-02-06T23:59:59.999Z');
    assert.deepEqual(h.cards.shown.map((guest) => guest.review?.decision?.kind), ['keep']);
    const [entry] = await h.store.audit.latest(1);
    assert.deepEqual([entry?.event, entry?.actor?.id, entry?.details?.decision, entry?.details?.days], ['guest.review.decided', SPONSOR.id, 'keep', 90]);
  });

  it('Remove marks the guest for the next run, due at once', async () => {
    const h = await reviewing();
    const outcome = await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'remove' }, by: SPONSOR });
    assert.ok(outcome.kind === 'decided');
    const stored = (await h.guests.get('guest-1'))!.value;
    assert.deepEqual([stored.state, stored.removalReason, stored.dueAt], ['active', 'sponsorRemoved', h.clock.now().toISOString()]);
    assert.equal(h.directoryAccounts.calls.length, 0, 'the account is changed by the run, within its cap');
  });

  it('an admin may answer any review; the people asked, whatever the case of their id', async () => {
    const h = await reviewing();
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 30 }, by: ADMIN })).kind, 'decided');
    const other = await reviewing();
    const shouting = { ...SPONSOR, id: SPONSOR.id.toUpperCase() };
    assert.equal((await decideReview(other.lifecycle, { userId: 'GUEST-1', reviewId: 'review-1', answer: { kind: 'remove' }, by: shouting })).kind, 'decided');
  });

  it('refuses people the review did not ask, and changes nothing', async () => {
    const h = await reviewing();
    for (const person of [DAVE, FALLBACK]) {
      assert.deepEqual(await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'remove' }, by: person }), { kind: 'notAllowed' });
    }
    assert.equal((await h.guests.get('guest-1'))!.value.review?.decision, undefined);
    assert.equal(h.cards.shown.length, 0);
  });

  it('refuses a stale review id, a second answer, and an unknown guest', async () => {
    const h = await reviewing();
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-0', answer: { kind: 'remove' }, by: SPONSOR })).kind, 'staleReview');
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 10 }, by: SPONSOR })).kind, 'decided');
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'remove' }, by: ADMIN })).kind, 'alreadyDecided');
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-9', reviewId: 'review-1', answer: { kind: 'remove' }, by: ADMIN })).kind, 'notFound');
    assert.equal((await h.guests.get('guest-1'))!.value.review?.decision?.kind, 'keep');
  });

  it('of two concurrent answers exactly one decides', async () => {
    const h = await reviewing();
    const outcomes = await Promise.all([
      decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 10 }, by: SPONSOR }),
      decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'remove' }, by: ADMIN }),
    ]);
    assert.deepEqual(outcomes.map((outcome) => outcome.kind).sort(), ['alreadyDecided', 'decided']);
    assert.equal(h.cards.shown.length, 1);
    assert.equal((await h.store.audit.latest(10)).filter((entry) => entry.event === 'guest.review.decided').length, 1);
  });

  it('bounds Keep by the policy maximum for the guest domain, and accepts up to it', async () => {
    const h = await reviewing({ access: { maxDays: 365, domains: [{ pattern: '*.example.com', maxDays: 10 }, { pattern: 'fabrikam.com', maxDays: 60 }] } });
    assert.deepEqual(await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 61 }, by: SPONSOR }), { kind: 'tooLong', maxDays: 60 });
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 0 }, by: SPONSOR })).kind, 'invalidDays');
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 2.5 }, by: SPONSOR })).kind, 'invalidDays');
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 60 }, by: SPONSOR })).kind, 'decided');
  });

  it('refuses an answer once the guest is no longer active', async () => {
    const h = await reviewing();
    const stored = (await h.guests.get('guest-1'))!;
    await h.guests.update({ ...stored.value, state: 'disabled', disabledAt: h.clock.now().toISOString() }, stored.etag);
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 10 }, by: SPONSOR })).kind, 'staleReview');
  });

  it('refuses a sponsor Entra no longer lists for the guest, while those the review went up to may still answer', async () => {
    const h = await reviewing();
    h.directoryAccounts.sponsors.set('guest-1', [DAVE.id]);
    assert.deepEqual(await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 30 }, by: SPONSOR }), { kind: 'notAllowed' });
    assert.equal((await h.guests.get('guest-1'))!.value.review?.decision, undefined);
    const stored = (await h.guests.get('guest-1'))!;
    await h.guests.update({ ...stored.value, review: { ...REVIEW, askedIds: [SPONSOR.id, FALLBACK.id], escalatedAt: '2026-12-04T09:00:00.000Z' } }, stored.etag);
    assert.equal((await decideReview(h.lifecycle, { userId: 'guest-1', reviewId: 'review-1', answer: { kind: 'keep', days: 30 }, by: FALLBACK })).kind, 'decided');
  });
});
