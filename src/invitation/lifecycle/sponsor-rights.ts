import { Requester } from '../requester';
import { GovernedGuest } from './governed-guest';
import { LifecycleContext } from './lifecycle-context';
import { isAmong } from './lifecycle-rights';

/**
 * A guest's sponsors and admins may extend or remove the guest from `my guests`. The record's sponsors are as
 * last read from Entra; someone removed as sponsor since would still be among them, so Entra is asked again
 * before a sponsor acts (its answer is the truth; should it not answer, the record is).
 */
export async function maySponsor(ctx: Pick<LifecycleContext, 'access' | 'accounts'>, guest: GovernedGuest, person: Requester): Promise<boolean> {
  if (isAmong(guest.sponsorIds, person) && (await ctx.access.mayAct(person)) && (await stillSponsor(ctx, guest, person))) return true;
  return ctx.access.isAdmin(person);
}

/** The requester of the invitation and admins may withdraw it. */
export async function mayWithdraw(ctx: Pick<LifecycleContext, 'access'>, guest: GovernedGuest, person: Requester): Promise<boolean> {
  if (guest.invitedBy && isAmong([guest.invitedBy.id], person) && (await ctx.access.mayAct(person))) return true;
  return ctx.access.isAdmin(person);
}

/**
 * Those a review asked (sponsors, then those it went up to) and admins may answer it; someone asked as a sponsor only while Entra still lists them as
 * one (those it went up to answer as fallback approvers or admins).
 */
export async function mayAnswerReview(ctx: Pick<LifecycleContext, 'access' | 'accounts'>, guest: GovernedGuest, askedIds: string[], person: Requester): Promise<boolean> {
  const askedAsSponsor = isAmong(guest.sponsorIds, person);
  if (isAmong(askedIds, person) && (await ctx.access.mayAct(person)) && (!askedAsSponsor || (await stillSponsor(ctx, guest, person)))) return true;
  return ctx.access.isAdmin(person);
}

async function stillSponsor(ctx: Pick<LifecycleContext, 'accounts'>, guest: GovernedGuest, person: Requester): Promise<boolean> {
  const current = await ctx.accounts.sponsorIdsOf(guest.userId).catch(() => undefined);
  return current === undefined || isAmong(current, person);
}
