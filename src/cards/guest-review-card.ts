import { Translate } from '../i18n';
import { GovernedGuest, GuestReview } from '../invitation/lifecycle/governed-guest';
import { AdaptiveCard, CardElement, Refresh } from './adaptive-card';
import { adaptiveCard, attention, execute, factSet, heading, stateLine, subtle, textBlock, Tone, withCardLocale } from './elements';
import { FormatDate } from './format-date';
import { governedGuestFacts, SignInsReadable } from './governed-guest-facts';
import { KEEP_DAYS_FIELD } from './input-ids';
import { keepDaysInput } from './keep-days';
import { REFRESH_REVIEW, REVIEW_KEEP, REVIEW_REMOVE, ReviewActionData } from './verbs';

export interface GuestReviewView {
  /** `reviewer` shows Keep / Remove while the review is open; `readOnly` never does. */
  mode: 'reviewer' | 'readOnly';
  /** Teams user ids (MRIs) of those asked: Teams refreshes the card for them so each sees the reviewer view. */
  reviewerIds: string[];
  formatDate: FormatDate;
  /** The policy's longest access for the guest's domain, which bounds "Keep for"; none: no limit. */
  maxDays?: number;
  signInsReadable: SignInsReadable;
  /** How an answer ended, when it did not decide (shown under the state). */
  problem?: string;
}

/** Whether the guest's current review still waits for an answer (and the guest is still there to keep). */
export function reviewIsOpen(guest: GovernedGuest): guest is GovernedGuest & { review: GuestReview } {
  return guest.state === 'active' && guest.review !== undefined && guest.review.decision === undefined;
}

/**
 * The sponsor's review card: who the guest is, who invited them, when and why, when access ends and when they
 * last signed in, and Keep for N days or Remove. Posted read-only to each person asked; while the review is open
 * its `refresh` makes Teams ask the bot for the viewer's own view, which has the buttons for those asked. Every
 * copy is updated in place once someone answers, the review lapses or the account is removed.
 */
export function renderGuestReview(t: Translate, guest: GovernedGuest, view: GuestReviewView): AdaptiveCard {
  const open = reviewIsOpen(guest);
  const review = guest.review;
  const name = guest.displayName || guest.address;
  const status = reviewStatus(t, guest, view.formatDate);
  const body: CardElement[] = [
    heading(t('cards:review.title', { name })),
    textBlock(t(`cards:review.reason.${review?.reason ?? 'accessEnding'}`, { name }), { spacing: 'small' }),
    ...factSet([
      ...governedGuestFacts(t, guest, view.formatDate, view.signInsReadable),
      [t('cards:governed.facts.invitedBy'), guest.invitedBy?.displayName],
      [t('cards:governed.facts.invitedAt'), guest.invitedAt ? view.formatDate(guest.invitedAt) : undefined],
      [t('cards:governed.facts.why'), guest.reason],
      [t('cards:review.facts.answerBy'), open ? view.formatDate(review!.answerBy) : undefined],
    ]),
    stateLine(status.text, status.tone, { separator: true }),
    ...(view.problem ? [attention(view.problem, { spacing: 'small' })] : []),
    ...(open && review?.escalatedAt ? [subtle(t('cards:review.escalated', { at: view.formatDate(review.escalatedAt) }), { spacing: 'none' })] : []),
    ...(open && view.mode === 'reviewer' ? [keepDaysInput(t, KEEP_DAYS_FIELD, view.maxDays)] : []),
  ];
  const data: ReviewActionData = { userId: guest.userId, reviewId: review?.id ?? '' };
  const actions =
    open && view.mode === 'reviewer'
      ? [
          execute(t, REVIEW_KEEP, t('cards:review.keep'), { ...data }, { style: 'positive' }),
          execute(t, REVIEW_REMOVE, t('cards:review.remove'), { ...data }, { style: 'destructive', associatedInputs: 'none' }),
        ]
      : [];
  return adaptiveCard(body, actions, open ? refreshFor(t, data, view.reviewerIds) : undefined);
}

function refreshFor(t: Translate, data: ReviewActionData, reviewerIds: string[]): Refresh {
  return { action: { type: 'Action.Execute', verb: REFRESH_REVIEW, data: withCardLocale(t, { ...data }) }, userIds: [...reviewerIds] };
}

/** Where the review stands: waiting, kept (until when), removal asked, or lapsed, and what became of the account. */
function reviewStatus(t: Translate, guest: GovernedGuest, formatDate: FormatDate): { text: string; tone: Tone } {
  const decision = guest.review?.decision;
  if (guest.state === 'deleted') return { text: t('cards:review.status.deleted', { at: formatDate(guest.deletedAt ?? '') }), tone: 'problem' };
  if (guest.state === 'disabled') {
    const because = decision?.kind === 'remove' ? t('cards:review.status.removedBy', { name: decision.by.displayName }) : t(`cards:review.removal.${guest.removalReason ?? 'accessEnded'}`);
    const deleteAt = guest.deleteAt ? formatDate(guest.deleteAt) : '';
    return { text: t('cards:review.status.disabled', { because, deleteAt }), tone: 'problem' };
  }
  if (decision?.kind === 'keep') {
    const until = guest.accessEndsAt ? formatDate(guest.accessEndsAt) : t('cards:governed.noEnd');
    return { text: t('cards:review.status.kept', { name: decision.by.displayName, at: formatDate(decision.at), until }), tone: 'done' };
  }
  if (decision?.kind === 'remove') return { text: t('cards:review.status.removing', { name: decision.by.displayName, at: formatDate(decision.at) }), tone: 'problem' };
  if (!guest.review) return { text: t('cards:review.status.none'), tone: 'neutral' };
  return { text: t('cards:review.status.waiting'), tone: 'waiting' };
}
