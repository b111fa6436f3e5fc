import { renderMyGuests } from '../../cards/my-guests-card';
import { renderOrphans } from '../../cards/orphans-card';
import { GuestNote } from '../../cards/guest-status-card';
import { accessDaysFor } from '../../invitation/access-end';
import { GovernedGuest } from '../../invitation/lifecycle/governed-guest';
import { listOrphans, listSponsoredGuests } from '../../invitation/lifecycle/sponsored-guests';
import { LifecycleServices } from '../lifecycle-services';
import { Turn } from '../turn';
import { domainOf } from '../review-card-view';

/** `my guests` as it stands, with an optional note in the entry of the guest a button was pressed for. */
export async function myGuestsCard(turn: Turn, lifecycle: LifecycleServices, note?: { userId: string } & GuestNote): Promise<object> {
  const { guests, more } = await listSponsoredGuests(lifecycle.ctx, turn.requester);
  return renderMyGuests(turn.t, guests, {
    formatDate: turn.formatDate,
    signInsReadable: lifecycle.signInsReadable(),
    maxDaysOf: (guest) => accessDaysFor(lifecycle.ctx.policy.access, domainOf(guest.address)).maxDays,
    more,
    notes: noteMap(note),
  });
}

/** `orphans` as it stands, for an administrator; undefined for anyone else. */
export async function orphansCard(
  turn: Turn,
  lifecycle: LifecycleServices,
  note?: { userId: string; guest?: GovernedGuest } & GuestNote,
): Promise<object | undefined> {
  const listed = await listOrphans(lifecycle.ctx, turn.requester);
  if ('kind' in listed) return undefined;
  // A guest who just got a sponsor is no longer an orphan: it stays on this card once, with the outcome beside it.
  const kept = note?.guest && !listed.guests.some((guest) => guest.userId === note.userId) ? note.guest : undefined;
  const guests = kept ? [kept, ...listed.guests] : listed.guests;
  return renderOrphans(turn.t, guests, { formatDate: turn.formatDate, signInsReadable: lifecycle.signInsReadable(), more: listed.more, notes: noteMap(note) });
}

function noteMap(note: ({ userId: string } & GuestNote) | undefined): ReadonlyMap<string, GuestNote> | undefined {
  return note ? new Map([[note.userId, { text: note.text, refused: note.refused }]]) : undefined;
}
