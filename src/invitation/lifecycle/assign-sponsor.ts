import { Actor } from '../invitation-request';
import { normalizeObjectId } from '../object-id';
import { Requester } from '../requester';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { GovernedGuest } from './governed-guest';

export type AssignSponsorOutcome =
  | { kind: 'assigned'; guest: GovernedGuest }
  | { kind: 'alreadySponsor'; guest: GovernedGuest }
  | { kind: 'notAllowed' }
  | { kind: 'notFound' }
  /** The sponsor is unknown to the directory, disabled, or a guest. */
  | { kind: 'sponsorNotEligible' }
  | { kind: 'failed'; error: unknown };

/**
 * An administrator names a sponsor for a guest (`orphans`): Entra records it (`POST /users/{id}/sponsors/$ref`),
 * then GuestPass, so the guest's next review goes to that person. Only an enabled member may sponsor.
 */
export async function assignSponsor(ctx: LifecycleContext, input: { userId: string; sponsorId: string; by: Requester }): Promise<AssignSponsorOutcome> {
  if (!(await ctx.access.isAdmin(input.by))) return { kind: 'notAllowed' };
  const stored = await ctx.guests.get(input.userId.trim().toLowerCase());
  if (!stored || stored.value.state === 'deleted') return { kind: 'notFound' };
  const sponsorId = normalizeObjectId(input.sponsorId);
  if (stored.value.sponsorIds.some((id) => normalizeObjectId(id) === sponsorId)) return { kind: 'alreadySponsor', guest: stored.value };
  try {
    const { found } = await ctx.accounts.getAccounts([sponsorId]);
    const sponsor = found[0];
    if (!sponsor || sponsor.userType === 'Guest' || !sponsor.accountEnabled) return { kind: 'sponsorNotEligible' };
    await ctx.accounts.addSponsor(stored.value.userId, sponsorId);
  } catch (error) {
    return { kind: 'failed', error };
  }
  const now = ctx.clock.now().toISOString();
  const by: Actor = { id: input.by.id, displayName: input.by.displayName };
  const update = await updateGuest(ctx.guests, stored, (current) =>
    current.sponsorIds.includes(sponsorId) ? undefined : withEvent({ ...current, sponsorIds: [...current.sponsorIds, sponsorId] }, { at: now, what: 'sponsor assigned', by }),
  );
  if (!update.guest) return { kind: 'notFound' };
  await ctx.audit.append({
    at: now,
    event: 'guest.sponsor.assigned',
    requestId: update.guest.requestId,
    actor: by,
    subject: update.guest.address,
    details: { userId: update.guest.userId, sponsorId },
  });
  return { kind: 'assigned', guest: update.guest };
}
