import { normalizeObjectId } from '../object-id';
import { Requester } from '../requester';
import { LifecycleContext } from './lifecycle-context';

/** Whether `person` is among these object ids (ids compared without case). */
export function isAmong(ids: string[], person: Requester): boolean {
  const id = normalizeObjectId(person.id);
  return ids.some((candidate) => normalizeObjectId(candidate) === id);
}

/** The people a review asked (sponsors, then those it was escalated to) and admins may answer it. */
export async function mayAnswerReview(ctx: Pick<LifecycleContext, 'access'>, askedIds: string[], person: Requester): Promise<boolean> {
  if (isAmong(askedIds, person) && (await ctx.access.mayAct(person))) return true;
  return ctx.access.isAdmin(person);
}
