import { Requester } from '../requester';
import { GovernedGuest } from './governed-guest';
import { LifecycleContext } from './lifecycle-context';
import { isAmong } from './lifecycle-rights';

/** A guest's sponsors (as last read from Entra) and admins may extend or remove the guest from `my guests`. */
export async function maySponsor(ctx: Pick<LifecycleContext, 'access'>, guest: GovernedGuest, person: Requester): Promise<boolean> {
  if (isAmong(guest.sponsorIds, person) && (await ctx.access.mayAct(person))) return true;
  return ctx.access.isAdmin(person);
}

/** The requester of the invitation and admins may withdraw it. */
export async function mayWithdraw(ctx: Pick<LifecycleContext, 'access'>, guest: GovernedGuest, person: Requester): Promise<boolean> {
  if (guest.invitedBy && isAmong([guest.invitedBy.id], person) && (await ctx.access.mayAct(person))) return true;
  return ctx.access.isAdmin(person);
}
