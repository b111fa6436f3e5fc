import { Actor } from '../invitation-request';
import { Requester } from '../requester';
import { GovernedGuest } from './governed-guest';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { nextAction, openReview } from './next-action';
import { maySponsor } from './sponsor-rights';

export type RemoveOutcome =
  /** Marked for removal: the next run disables the account (within its cap, and only when enforcing). */
  | { kind: 'removalScheduled'; guest: GovernedGuest }
  | { kind: 'notAllowed' }
  | { kind: 'notFound' }
  | { kind: 'notActive'; guest: GovernedGuest };

/**
 * `my guests` Remove: a sponsor (or an admin) marks an active guest for removal; the next run disables the account
 * within its cap (only when enforcing), as for a review's Remove. An open review is answered by it.
 */
export async function removeGuest(ctx: LifecycleContext, input: { userId: string; by: Requester }): Promise<RemoveOutcome> {
  const stored = await ctx.guests.get(input.userId.trim().toLowerCase());
  if (!stored) return { kind: 'notFound' };
  if (!(await maySponsor(ctx, stored.value, input.by))) return { kind: 'notAllowed' };
  if (stored.value.state !== 'active') return { kind: 'notActive', guest: stored.value };

  const now = ctx.clock.now();
  const by: Actor = { id: input.by.id, displayName: input.by.displayName };
  let answered = false;
  const update = await updateGuest(ctx.guests, stored, (current) => {
    if (current.state !== 'active') return undefined;
    const review = openReview(current);
    answered = review !== undefined;
    const marked = {
      ...current,
      removalReason: 'sponsorRemoved' as const,
      dueAt: now.toISOString(),
      ...(review ? { review: { ...review, decision: { kind: 'remove' as const, by, at: now.toISOString() } } } : {}),
    };
    const next = withEvent(marked, { at: now.toISOString(), what: 'removal asked', by });
    return { ...next, dueAt: nextAction(next, ctx, now).at };
  });
  if (!update.guest) return { kind: 'notFound' };
  if (!update.changed) return { kind: 'notActive', guest: update.guest };
  await ctx.audit.append({
    at: now.toISOString(),
    event: 'guest.removal.requested',
    requestId: update.guest.requestId,
    actor: by,
    subject: update.guest.address,
    details: { userId: update.guest.userId },
  });
  if (answered) await ctx.notifier.showReviewState(update.guest);
  return { kind: 'removalScheduled', guest: update.guest };
}
