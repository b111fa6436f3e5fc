import { normalizeObjectId } from '../object-id';
import { Requester } from '../requester';
import { GovernedGuest } from './governed-guest';
import { LifecycleContext } from './lifecycle-context';

/** A chat card is no place for more; the report (`guestpass review --report`) lists everyone. */
export const MAX_LISTED_GUESTS = 25;

export type SponsoredGuests = { guests: GovernedGuest[]; more: boolean };

/** `my guests`: the guests this person sponsors, as last read from Entra, soonest end first. */
export async function listSponsoredGuests(ctx: Pick<LifecycleContext, 'guests'>, person: Requester): Promise<SponsoredGuests> {
  const listed = await ctx.guests.listBySponsor(normalizeObjectId(person.id), MAX_LISTED_GUESTS + 1);
  return { guests: byEndDate(listed.slice(0, MAX_LISTED_GUESTS).map((entry) => entry.value)), more: listed.length > MAX_LISTED_GUESTS };
}

/** `orphans`: governed guests without any sponsor, for administrators, who can name one. */
export async function listOrphans(ctx: Pick<LifecycleContext, 'guests' | 'access'>, person: Requester): Promise<SponsoredGuests | { kind: 'adminsOnly' }> {
  if (!(await ctx.access.isAdmin(person))) return { kind: 'adminsOnly' };
  const listed = await ctx.guests.listWithoutSponsor(MAX_LISTED_GUESTS + 1);
  return { guests: byEndDate(listed.slice(0, MAX_LISTED_GUESTS).map((entry) => entry.value)), more: listed.length > MAX_LISTED_GUESTS };
}

/** Access that ends soonest first; access that does not end last, by name. */
function byEndDate(guests: GovernedGuest[]): GovernedGuest[] {
  const key = (guest: GovernedGuest) => guest.accessEndsAt ?? '9999';
  return [...guests].sort((a, b) => key(a).localeCompare(key(b)) || (a.displayName ?? a.address).localeCompare(b.displayName ?? b.address));
}
