import { REFRESH_REVIEW } from '../../cards/verbs';
import { CardActionHandler } from './handler';
import { readReviewRef } from './governed-guest-data';
import { cardResponse, messageResponse } from './responses';
import { reviewCardFor } from './review-answer';

/** Teams asks for a fresh review card (user-specific views): those asked get the buttons, everyone else reads it. */
export const reviewRefreshAction: CardActionHandler = {
  verb: REFRESH_REVIEW,
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  async handle(turn, data, services) {
    const lifecycle = services.lifecycle;
    if (!lifecycle) return messageResponse(turn.t('lifecycle.notSetUp'));
    const ref = readReviewRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    const stored = await lifecycle.ctx.guests.get(ref.userId.toLowerCase());
    if (!stored) return messageResponse(turn.t('lifecycle.notFound'));
    // Only sponsors (and those asked) may see a guest's details; a forged refresh learns nothing.
    const viewer = turn.requester.id.toLowerCase();
    const involved = [...stored.value.sponsorIds, ...(stored.value.review?.askedIds ?? [])].some((id) => id.toLowerCase() === viewer);
    if (!involved && !(await lifecycle.ctx.access.isAdmin(turn.requester))) return messageResponse(turn.t('lifecycle.notAsked'));
    return cardResponse(reviewCardFor(turn, lifecycle, stored.value));
  },
};
