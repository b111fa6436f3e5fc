import { AdaptiveCard } from '../../src/cards/adaptive-card';
import { renderGuestReview } from '../../src/cards/guest-review-card';
import { renderMyGuests } from '../../src/cards/my-guests-card';
import { renderOrphans } from '../../src/cards/orphans-card';
import { renderRestoredGuest } from '../../src/cards/restored-guest-card';
import { renderUnredeemedReminder } from '../../src/cards/unredeemed-reminder-card';
import { Translate } from '../../src/i18n';
import { formatDate } from './fixtures';
import { GOVERNED, REVIEWER_IDS } from './governance-fixtures';

/** The guest lifecycle's cards in every state, for the card tests (validity, legibility, languages, redeem URL). */
export const GOVERNANCE_VARIANTS: Record<string, (t: Translate) => AdaptiveCard> = {
  ...Object.fromEntries(
    Object.entries(GOVERNED).flatMap(([state, guest]) =>
      (['reviewer', 'readOnly'] as const).map((mode) => [
        `review: ${state}, ${mode}`,
        (t: Translate) => renderGuestReview(t, guest, { mode, reviewerIds: REVIEWER_IDS, formatDate, maxDays: 180, signInsReadable: true }),
      ]),
    ),
  ),
  'review: no maximum, sign-ins not readable, with a problem': (t) =>
    renderGuestReview(t, GOVERNED.open, { mode: 'reviewer', reviewerIds: [], formatDate, signInsReadable: false, problem: t('errors.unfinished') }),
  'review: maximum under every offered length': (t) =>
    renderGuestReview(t, GOVERNED.open, { mode: 'reviewer', reviewerIds: REVIEWER_IDS, formatDate, maxDays: 1, signInsReadable: true }),
  'reminder: with removal date': (t) =>
    renderUnredeemedReminder(t, GOVERNED.pendingNoEnd, { formatDate, requestId: '7KQ2M9XD', removeAt: '2025-04-01T09:00:00.000Z' }),
  'reminder: minimal': (t) => renderUnredeemedReminder(t, GOVERNED.minimal, { formatDate, requestId: 'R1' }),
  'my guests: every state': (t) =>
    renderMyGuests(t, Object.values(GOVERNED).map((guest, i) => ({ ...guest, userId: `guest-${i}` })), {
      formatDate,
      signInsReadable: true,
      maxDaysOf: (guest) => (guest.address.endsWith('adatum.example') ? 30 : undefined),
      more: true,
      notes: new Map([['guest-0', { text: 'Access extended.' }], ['guest-1', { text: 'Refused.', refused: true }]]),
    }),
  'my guests: empty': (t) => renderMyGuests(t, [], { formatDate, signInsReadable: true, maxDaysOf: () => undefined, more: false }),
  'orphans: several, one with a note': (t) =>
    renderOrphans(t, [GOVERNED.minimal, GOVERNED.pendingNoEnd, { ...GOVERNED.deleted, userId: 'gone' }], {
      formatDate,
      signInsReadable: false,
      more: true,
      notes: new Map([[GOVERNED.minimal.userId, { text: 'Bora Demir now sponsors the guest.' }]]),
    }),
  'orphans: empty': (t) => renderOrphans(t, [], { formatDate, signInsReadable: true, more: false }),
  'restore: done': (t) => renderRestoredGuest(t, GOVERNED.kept, { formatDate, signInsReadable: true }),
  'restore: still disabled': (t) => renderRestoredGuest(t, GOVERNED.expired, { formatDate, signInsReadable: false }),
};
