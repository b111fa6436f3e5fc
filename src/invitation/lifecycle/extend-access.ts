import { randomUUID } from 'node:crypto';
import { Actor } from '../invitation-request';
import { normalizeObjectId } from '../object-id';
import { Requester } from '../requester';
import { extendedAccess } from './access-limit';
import { GovernedGuest, GuestReview } from './governed-guest';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { nextAction, openReview } from './next-action';
import { maySponsor } from './sponsor-rights';

export type ExtendOutcome =
  | { kind: 'extended'; guest: GovernedGuest }
  | { kind: 'notAllowed' }
  | { kind: 'notFound' }
  | { kind: 'notActive'; guest: GovernedGuest }
  | { kind: 'tooLong'; maxDays: number }
  | { kind: 'invalidDays' };

/**
 * `my guests` Extend: a sponsor (or an admin) gives an active guest `days` more from today, within the policy's
 * maximum for the guest's domain. An open review is answered by it (Keep), so its cards stop asking.
 */
export async function extendAccess(ctx: LifecycleContext, input: { userId: string; days: number; by: Requester }): Promise<ExtendOutcome> {
  const stored = await ctx.guests.get(input.userId.trim().toLowerCase());
  if (!stored) return { kind: 'notFound' };
  if (!(await maySponsor(ctx, stored.value, input.by))) return { kind: 'notAllowed' };
  const now = ctx.clock.now();
  // The same end-of-access rule as a request's and a review's Keep: whole UTC days within the domain's maximum.
  const extension = extendedAccess(ctx.policy.access, stored.value.address, input.days, now);
  if (extension.kind !== 'ok') return extension;
  if (stored.value.state !== 'active') return { kind: 'notActive', guest: stored.value };

  const by: Actor = { id: input.by.id, displayName: input.by.displayName };
  let answered = false;
  const vouched = (at: Date): GuestReview => ({ id: randomUUID(), reason: 'accessEnding', startedAt: at.toISOString(), answerBy: at.toISOString(), askedIds: [normalizeObjectId(by.id)] });
  const update = await updateGuest(ctx.guests, stored, (current) => {
    if (current.state !== 'active') return undefined;
    const review = openReview(current);
    answered = review !== undefined;
    const extended = {
      ...current,
      accessEndsAt: extension.endsAt,
      // A removal asked before is replaced by this decision.
      removalReason: undefined,
      // Without an open review the extension is recorded as one answered at once: the sponsor has just vouched for
      // the guest, so the next review is asked before the new end (or a period from now), not right away.
      review: { ...(review ?? vouched(now)), decision: { kind: 'keep' as const, by, at: now.toISOString(), days: input.days } },
    };
    const next = withEvent(extended, { at: now.toISOString(), what: `extended ${input.days} days`, by });
    return { ...next, dueAt: nextAction(next, ctx, now).at };
  });
  if (!update.guest) return { kind: 'notFound' };
  if (!update.changed) return { kind: 'notActive', guest: update.guest };
  await ctx.audit.append({
    at: now.toISOString(),
    event: 'guest.access.extended',
    requestId: update.guest.requestId,
    actor: by,
    subject: update.guest.address,
    details: { userId: update.guest.userId, days: input.days, accessEndsAt: update.guest.accessEndsAt ?? null },
  });
  if (answered) await ctx.notifier.showReviewState(update.guest);
  return { kind: 'extended', guest: update.guest };
}
