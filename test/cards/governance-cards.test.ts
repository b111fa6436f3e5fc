import assert from 'node:assert/strict';
import { renderGuestReview } from '../../src/cards/guest-review-card';
import { renderMyGuests } from '../../src/cards/my-guests-card';
import { renderOrphans } from '../../src/cards/orphans-card';
import { renderUnredeemedReminder } from '../../src/cards/unredeemed-reminder-card';
import { ASSIGN_SPONSOR, GUEST_EXTEND, GUEST_REMOVE, NEW_LINK, REFRESH_REVIEW, RESEND, REVIEW_KEEP, REVIEW_REMOVE, WITHDRAW } from '../../src/cards/verbs';
import { formatDate } from './fixtures';
import { GOVERNED, REVIEWER_IDS } from './governance-fixtures';
import { allStrings, findAll, strictTranslator } from './validate-card';

const t = strictTranslator('en-US');
const tr = strictTranslator('tr-TR');
const text = (card: unknown) => allStrings(card).join('\n');
/** The buttons' verbs (a card's refresh is no button). */
const verbsOf = (card: { body: unknown; actions?: unknown }) => findAll([card.body, card.actions], 'Action.Execute').map((action) => action.verb);
const choicesOf = (card: unknown) => findAll(card, 'Input.ChoiceSet').map((input) => (input.choices as { value: string }[]).map((choice) => Number(choice.value)));
const review = (guest = GOVERNED.open, view: Partial<Parameters<typeof renderGuestReview>[2]> = {}) =>
  renderGuestReview(t, guest, { mode: 'reviewer', reviewerIds: REVIEWER_IDS, formatDate, maxDays: 180, signInsReadable: true, ...view });

describe('guest governance cards', () => {
  describe('the review card', () => {
    it('says who the guest is, who invited them, when and why, when access ends and the last sign-in', () => {
      const all = text(review());
      for (const expected of ['gita@fabrikam.example', 'Ayşe Yılmaz', '2025-03-01 09:00', 'Falcon design reviews', '2025-06-01 09:00', '2025-05-10 08:00', 'Active']) {
        assert.ok(all.includes(expected), expected);
      }
      assert.match(all, /access ends soon/);
      assert.match(all, /Gita \[Guest\]\u200B\(https:\/\/evil\.example\)/, 'a name cannot become a link');
    });

    it('offers Keep with lengths bounded by the domain maximum, and Remove, to those asked only', () => {
      const card = review();
      assert.deepEqual(verbsOf(card), [REVIEW_KEEP, REVIEW_REMOVE]);
      assert.deepEqual(choicesOf(card), [[30, 90, 180]]);
      assert.deepEqual(choicesOf(review(GOVERNED.open, { maxDays: 100 })), [[30, 90, 100]]);
      assert.deepEqual(choicesOf(review(GOVERNED.open, { maxDays: undefined })), [[30, 90, 180, 365]]);
      const data = findAll(card, 'Action.Execute')[0]!.data as Record<string, string>;
      assert.equal(data.userId, 'guest-object-1');
      assert.equal(data.reviewId, 'review-1', 'an answer names its round');
      assert.deepEqual((card.refresh as { userIds: string[]; action: { verb: string } }).userIds, REVIEWER_IDS);
      assert.equal(card.refresh!.action.verb, REFRESH_REVIEW);
      assert.deepEqual(verbsOf(review(GOVERNED.open, { mode: 'readOnly' })), [], 'the posted copy is read-only');
    });

    it('shows a decided, lapsed or removed review in place, with nothing to press and no refresh', () => {
      const expectations: [keyof typeof GOVERNED, RegExp][] = [
        ['kept', /Kept by Bora Demir on 2025-05-19 10:00: access now ends 2025-08-17 10:00/],
        ['removing', /Bora Demir asked on 2025-05-19 10:00 to remove the guest/],
        ['disabledByRemoval', /Sign-in blocked \(Bora Demir asked to remove the guest\); the account is deleted on 2025-06-19 02:00/],
        ['expired', /Sign-in blocked \(nobody answered the review\)/],
        ['deleted', /The account was deleted on 2025-07-08 02:00/],
      ];
      for (const [state, expected] of expectations) {
        const card = review(GOVERNED[state]);
        assert.match(text(card), expected, state);
        assert.deepEqual(verbsOf(card), [], state);
        assert.equal(card.refresh, undefined, state);
      }
    });

    it('tells an unknown last sign-in from one the tenant does not let GuestPass read', () => {
      assert.match(text(review(GOVERNED.pendingNoEnd)), /Last sign-in\nNot known/);
      assert.match(text(review(GOVERNED.open, { signInsReadable: false })), /Last sign-in\nNot available \(needs AuditLog\.Read\.All and Entra ID P1\)/);
      assert.match(text(review(GOVERNED.pendingNoEnd)), /Access ends\nDoes not end/);
    });

    it('reads in Turkish, buttons carrying the language', () => {
      const card = renderGuestReview(tr, GOVERNED.open, { mode: 'reviewer', reviewerIds: [], formatDate, maxDays: 30, signInsReadable: true });
      assert.match(text(card), /erişime hâlâ ihtiyaç duyuyor mu/);
      assert.match(text(card), /en çok 30 gün/);
      for (const action of findAll(card, 'Action.Execute')) assert.equal((action.data as Record<string, string>).locale, 'tr');
    });
  });

  it('the reminder offers Resend and New link (the status card verbs) and Withdraw, never a link', () => {
    const card = renderUnredeemedReminder(t, GOVERNED.pendingNoEnd, { formatDate, requestId: '7KQ2M9XD', removeAt: '2025-04-01T09:00:00.000Z' });
    assert.deepEqual(verbsOf(card), [RESEND, NEW_LINK, WITHDRAW]);
    assert.deepEqual(findAll(card, 'Action.OpenUrl'), []);
    assert.match(text(card), /Seán O'Brien has not accepted your invitation yet/);
    assert.match(text(card), /still not accepted by 2025-04-01 09:00, the pending account is removed/);
    const resend = findAll(card, 'Action.Execute')[0]!.data as Record<string, string>;
    assert.equal(resend.userId, 'guest-object-2');
    assert.equal(resend.email, 'sean@adatum.example');
  });

  it('my guests lists state, end date and last sign-in with Extend and Remove for active guests only', () => {
    const card = renderMyGuests(t, [GOVERNED.open, { ...GOVERNED.expired, userId: 'guest-x' }], {
      formatDate,
      signInsReadable: true,
      maxDaysOf: () => 90,
      more: false,
    });
    assert.deepEqual(verbsOf(card), [GUEST_EXTEND, GUEST_REMOVE]);
    assert.deepEqual(choicesOf(card), [[30, 90]]);
    const extend = findAll(card, 'Action.Execute')[0]!.data as Record<string, string>;
    assert.equal(extend.field, 'keepDays.guest-object-1', "names its own guest's input");
    assert.ok(findAll(card, 'Input.ChoiceSet').some((input) => input.id === extend.field));
    assert.match(text(card), /Sign-in blocked since 2025-06-08 02:00/);
  });

  it('orphans offers each guest an address field to name a sponsor', () => {
    const card = renderOrphans(t, [GOVERNED.minimal, GOVERNED.pendingNoEnd], { formatDate, signInsReadable: true, more: false });
    assert.deepEqual(verbsOf(card), [ASSIGN_SPONSOR, ASSIGN_SPONSOR]);
    const fields = findAll(card, 'Action.Execute').map((action) => (action.data as Record<string, string>).field);
    assert.deepEqual(fields, ['sponsor.guest-object-3', 'sponsor.guest-object-2']);
    assert.deepEqual(findAll(card, 'Input.Text').map((input) => input.id), fields);
  });
});
