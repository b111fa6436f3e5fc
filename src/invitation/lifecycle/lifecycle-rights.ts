import { normalizeObjectId } from '../object-id';
import { Requester } from '../requester';
import { GovernedGuest } from './governed-guest';
import { LifecycleContext } from './lifecycle-context';

/** Whether `person` is among these object ids (ids compared without case). */
export function isAmong(ids: string[], person: Requester): boolean {
  const id = normalizeObjectId(person.id);
  return ids.some((candidate) => normalizeObjectId(candidate) === id);
}

/** A guest's sponsors (as last read from Entra) and admins may extend or remove the guest. */
export async function maySponsor(ctx: Pick<LifecycleContext, 'access'>, guest: GovernedGuest, person: Requester): Promise<boolean> {
  if (isAmong(guest.sponsorIds, person) && (await ctx.access.mayAct(person))) return true;
  return ctx.access.isAdmin(person);
}

/** The people a review asked (sponsors, then those it was escalated to) and admins may answer it. */
export async function mayAnswerReview(ctx: Pick<LifecycleContext, 'access'>, askedIds: string[], person: Requester): Promise<boolean> {
  if (isAmong(askedIds, person) && (await ctx.access.mayAct(person))) return true;
  return ctx.access.isAdmin(person);
}

/** The requester of the invitation and admins may withdraw it. */
export async function mayWithdraw(ctx: Pick<LifecycleContext, 'access'>, guest: GovernedGuest, person: Requester): Promise<boolean> {
  if (guest.invitedBy && isAmong([guest.invitedBy.id], person) && (await ctx.access.mayAct(person))) return true;
  return ctx.access.isAdmin(person);
}

/** Ten years, as the policy file's longest access: a longer Keep or extension is refused even without a maximum. */
export const LONGEST_ACCESS_DAYS = 3650;

/** Whole days of at least one, within the policy's maximum for the guest's domain. */
export function checkDays(days: number, maxDays: number | undefined): { kind: 'ok' } | { kind: 'invalidDays' } | { kind: 'tooLong'; maxDays: number } {
  if (!Number.isInteger(days) || days < 1) return { kind: 'invalidDays' };
  const bound = Math.min(maxDays ?? LONGEST_ACCESS_DAYS, LONGEST_ACCESS_DAYS);
  if (days > bound) return { kind: 'tooLong', maxDays: bound };
  return { kind: 'ok' };
}
