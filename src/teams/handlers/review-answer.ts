import { renderGuestReview, reviewIsOpen } from '../../cards/guest-review-card';
import { accessDaysFor } from '../../invitation/access-end';
import { GovernedGuest } from '../../invitation/lifecycle/governed-guest';
import { DecideReviewOutcome, ReviewAnswer } from '../../invitation/lifecycle/lifecycle-use-cases';
import { normalizeObjectId } from '../../invitation/object-id';
import { BotServices } from '../bot-services';
import { LifecycleServices } from '../lifecycle-services';
import { domainOf, reviewerIds } from '../review-card-view';
import { Turn } from '../turn';
import { readReviewRef } from './governed-guest-data';
import { cardResponse, messageResponse } from './responses';

/** The review card as this person should see it: Keep / Remove for those asked while it is open, read-only otherwise. */
export function reviewCardFor(turn: Turn, lifecycle: LifecycleServices, guest: GovernedGuest, problem?: string): object {
  const asked = reviewIsOpen(guest) && guest.review.askedIds.some((id) => normalizeObjectId(id) === normalizeObjectId(turn.requester.id));
  return renderGuestReview(turn.t, guest, {
    mode: asked ? 'reviewer' : 'readOnly',
    reviewerIds: reviewerIds(guest),
    formatDate: turn.formatDate,
    maxDays: accessDaysFor(lifecycle.ctx.policy.access, domainOf(guest.address)).maxDays,
    signInsReadable: lifecycle.signInsReadable(),
    problem,
  });
}

/**
 * A sponsor's answer on the review card. Forged or stale data (another guest's review, an old round, days over the
 * maximum, someone not asked) is refused in words and changes nothing; a decision replaces the pressed card with
 * the decided one and brings every other copy up to date. Recording the answer is quick (the store); the answer
 * still goes through `answerWithin`, since the access checks may wait on a throttled Graph.
 */
export function answerReview(turn: Turn, services: BotServices, data: Record<string, unknown>, answer: ReviewAnswer | undefined) {
  const lifecycle = services.lifecycle;
  if (!lifecycle) return Promise.resolve(messageResponse(turn.t('lifecycle.notSetUp')));
  const ref = readReviewRef(data);
  if (!ref) return Promise.resolve(messageResponse(turn.t('decision.badRequest')));
  if (!answer) return Promise.resolve(messageResponse(turn.t('lifecycle.badDays')));
  return services.followUp.answerWithin(turn, `review.${answer.kind}`, async (late) => {
    const by = { id: late.requester.id, displayName: late.requester.displayName };
    const outcome = await lifecycle.useCases.decideReview(lifecycle.ctx, { ...ref, answer, by });
    services.logger.info({ outcome: outcome.kind, answer: answer.kind }, 'review answered');
    return reviewOutcomeResponse(late, lifecycle, outcome);
  });
}

async function reviewOutcomeResponse(turn: Turn, lifecycle: LifecycleServices, outcome: DecideReviewOutcome) {
  switch (outcome.kind) {
    case 'decided':
      // decideReview has brought every other copy up to date; this one is the answer.
      return cardResponse(reviewCardFor(turn, lifecycle, outcome.guest));
    case 'alreadyDecided':
      // Someone answered first: the card shows who, and when.
      return cardResponse(reviewCardFor(turn, lifecycle, outcome.guest));
    case 'staleReview':
      return messageResponse(turn.t('lifecycle.staleReview'));
    case 'notAllowed':
      return messageResponse(turn.t('lifecycle.notAsked'));
    case 'tooLong':
      return messageResponse(turn.t('lifecycle.tooLong', { maxDays: outcome.maxDays }));
    case 'invalidDays':
      return messageResponse(turn.t('lifecycle.badDays'));
    case 'notFound':
      return messageResponse(turn.t('lifecycle.notFound'));
  }
}
