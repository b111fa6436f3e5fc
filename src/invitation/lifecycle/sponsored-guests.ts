import { normalizeObjectId } from '../object-id';
import { Requester } from '../requester';
import { GovernedGuest } from './governed-guest';
import { LifecycleContext } from './lifecycle-context';

export type GuestListing = { kind: 'listed'; guests: GovernedGuest[] } | { kind: 'notAllowed' };

/** A chat card is no place for more; the report (`guestpass review --report`) lists everyone. */
export const MAX_LISTED_GUESTS = 25;

/** `my guests`: the guests this person sponsors (as last read from Entra), soonest end first. */
export async function sponsoredGuests(ctx: LifecycleContext, sponsor: Requester, limit = MAX_LISTED_GUESTS): Promise<GovernedGuest[]> {
  const listed = await ctx.guests.listBySponsor(normalizeObjectId(sponsor.id), limit);
  return byEndDate(listed.map((entry) => entry.value));
}

/** `orphans` (admins): governed guests without any sponsor, soonest end first. */
export async function orphanedGuests(ctx: LifecycleContext, by: Requester, limit = MAX_LISTED_GUESTS): Promise<GuestListing> {
  if (!(await ctx.access.isAdmin(by))) return { kind: 'notAllowed' };
  const listed = await ctx.guests.listWithoutSponsor(limit);
  return { kind: 'listed', guests: byEndDate(listed.map((entry) => entry.value)) };
}

/** Access that ends soonest first; access that does not end last, by name. */
function byEndDate(guests: GovernedGuest[]): GovernedGuest[] {
  const key = (guest: GovernedGuest) => guest.accessEndsAt ?? '9999';
  return [...guests].sort((a, b) => key(a).localeCompare(key(b)) || (a.displayName ?? a.address).localeCompare(b.displayName ?? b.address));
}
