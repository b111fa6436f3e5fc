import { GovernedGuest } from '../invitation/lifecycle/governed-guest';
import { normalizeObjectId } from '../invitation/object-id';

/** Teams user-specific views accept at most 60 user ids. */
const MAX_REFRESH_USERS = 60;

export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/** The MRIs of those asked, for the review card's user-specific view (`8:orgid:<object id>`, as for approval cards). */
export function reviewerIds(guest: GovernedGuest): string[] {
  return (guest.review?.askedIds ?? []).slice(0, MAX_REFRESH_USERS).map((id) => `8:orgid:${normalizeObjectId(id)}`);
}

/**
 * Under which key the copies of one review round's card are recorded with the approval cards' locations: a
 * request id never contains a colon, so the two kinds of key cannot meet.
 */
export function reviewCardsKey(guest: Pick<GovernedGuest, 'userId' | 'review'>): string | undefined {
  return guest.review ? `guestReview:${normalizeObjectId(guest.userId)}:${guest.review.id}` : undefined;
}
