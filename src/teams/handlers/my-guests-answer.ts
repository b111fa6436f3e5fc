import { GuestNote } from '../../cards/guest-status-card';
import { renderMyGuests } from '../../cards/my-guests-card';
import { renderOrphans } from '../../cards/orphans-card';
import { accessDaysFor } from '../../invitation/access-end';
import { GovernedGuest } from '../../invitation/lifecycle/governed-guest';
import { LifecycleServices } from '../lifecycle-services';
import { domainOf } from '../review-card-view';
import { Turn } from '../turn';

/** Guests a card lists; one more is asked for to know whether there are more. */
const LISTED = 25;

export type GuestNoteFor = { userId: string; guest?: GovernedGuest } & GuestNote;

/** `my guests` as it stands, with an optional note in the entry of the guest a button was pressed for. */
export async function myGuestsCard(turn: Turn, lifecycle: LifecycleServices, note?: GuestNoteFor): Promise<object> {
  const guests = await lifecycle.useCases.sponsoredGuests(lifecycle.ctx, turn.requester, LISTED + 1);
  return renderMyGuests(turn.t, withNoted(guests.slice(0, LISTED), note), {
    formatDate: turn.formatDate,
    signInsReadable: lifecycle.signInsReadable(),
    maxDaysOf: (guest) => accessDaysFor(lifecycle.ctx.policy.access, domainOf(guest.address)).maxDays,
    more: guests.length > LISTED,
    notes: noteMap(note),
  });
}

/** `orphans` as it stands, for an administrator; undefined for anyone else. */
export async function orphansCard(turn: Turn, lifecycle: LifecycleServices, note?: GuestNoteFor): Promise<object | undefined> {
  const listed = await lifecycle.useCases.orphanedGuests(lifecycle.ctx, turn.requester, LISTED + 1);
  if (listed.kind !== 'listed') return undefined;
  return renderOrphans(turn.t, withNoted(listed.guests.slice(0, LISTED), note), {
    formatDate: turn.formatDate,
    signInsReadable: lifecycle.signInsReadable(),
    more: listed.guests.length > LISTED,
    notes: noteMap(note),
  });
}

/** A guest who just left the list (a sponsor assigned, access removed) stays on this card once, with the outcome. */
function withNoted(guests: GovernedGuest[], note: GuestNoteFor | undefined): GovernedGuest[] {
  if (!note?.guest || guests.some((guest) => guest.userId === note.userId)) return guests;
  return [note.guest, ...guests];
}

function noteMap(note: GuestNoteFor | undefined): ReadonlyMap<string, GuestNote> | undefined {
  return note ? new Map([[note.userId, { text: note.text, refused: note.refused }]]) : undefined;
}
