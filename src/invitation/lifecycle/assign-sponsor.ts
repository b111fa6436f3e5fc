import { DirectoryError } from '../directory-error';
import { DirectoryPort } from '../directory-port';
import { parseEmailAddress } from '../email-address';
import { normalizeObjectId } from '../object-id';
import { Requester } from '../requester';
import { GovernedGuest } from './governed-guest';
import { changeGovernedGuest } from './governed-guest-change';
import { LifecycleContext } from './lifecycle-context';

export type AssignSponsorOutcome =
  | { kind: 'assigned'; guest: GovernedGuest; sponsor: { id: string; displayName: string } }
  | { kind: 'adminsOnly' }
  | { kind: 'notFound' }
  | { kind: 'invalidAddress'; text: string }
  /** No member account has that address (a guest cannot sponsor: it is the organisation that vouches). */
  | { kind: 'sponsorNotFound'; address: string }
  | { kind: 'failed'; error: DirectoryError };

/**
 * An administrator names a sponsor for a guest without one (`orphans`): Entra records it
 * (`POST /users/{id}/sponsors/$ref`), then GuestPass, so the guest's next review goes to that person.
 */
export async function assignSponsor(
  ctx: LifecycleContext,
  directory: Pick<DirectoryPort, 'findUsersByEmail'>,
  input: { userId: string; sponsorAddress: string; by: Requester },
): Promise<AssignSponsorOutcome> {
  if (!(await ctx.access.isAdmin(input.by))) return { kind: 'adminsOnly' };
  const stored = await ctx.guests.get(normalizeObjectId(input.userId));
  if (!stored || stored.value.state === 'deleted') return { kind: 'notFound' };
  const address = parseEmailAddress(input.sponsorAddress);
  if (!address) return { kind: 'invalidAddress', text: input.sponsorAddress.slice(0, 320) };
  let sponsor: { id: string; displayName: string } | undefined;
  try {
    const found = await directory.findUsersByEmail(address.value);
    const member = found.filter((user) => user.userType !== 'Guest');
    sponsor = member.length === 1 ? { id: normalizeObjectId(member[0]!.id), displayName: member[0]!.displayName } : undefined;
    if (!sponsor) return { kind: 'sponsorNotFound', address: address.value };
    await ctx.accounts.addSponsor(stored.value.userId, sponsor.id);
  } catch (error) {
    if (error instanceof DirectoryError) return { kind: 'failed', error };
    throw error;
  }
  const now = ctx.clock.now().toISOString();
  const by = { id: input.by.id, displayName: input.by.displayName };
  const assigned = sponsor;
  const changed = await changeGovernedGuest<undefined>(ctx.guests, stored.value.userId, (guest) => {
    if (!guest.sponsorIds.includes(assigned.id)) guest.sponsorIds.push(assigned.id);
    guest.history.push({ at: now, what: `sponsor assigned: ${assigned.displayName}`, by });
    return { next: guest, result: undefined };
  });
  if (!('changed' in changed)) return { kind: 'notFound' };
  await ctx.audit.append({
    at: now,
    event: 'guest.sponsor.assigned',
    actor: by,
    subject: changed.changed.value.address,
    requestId: changed.changed.value.requestId,
    details: { userId: changed.changed.value.userId, sponsorId: assigned.id },
  });
  return { kind: 'assigned', guest: changed.changed.value, sponsor: assigned };
}
