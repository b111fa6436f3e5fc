import { Actor } from '../invitation-request';
import { Requester } from '../requester';
import { extendedAccess } from './access-limit';
import { withEvent, updateGuest } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { mayAnswerReview } from './sponsor-rights';
import { DecideReviewOutcome, ReviewAnswer } from './lifecycle-use-cases';
import { nextAction, openReview } from './next-action';

/**
 * A sponsor's (or, after escalation, an admin's) answer on a review card. Only the people the review asked and
 * admins may answer, only the review the card belongs to, and only once: the decision is a compare-and-swap, so
 * of two presses (or two copies of the card) exactly one decides. Keep sets a new end of access, bounded by the
 * policy's maximum for the guest's domain; Remove marks the guest for the next run, which disables it within
 * its cap. Every copy of the card then shows the decision.
 */
export async function decideReview(
  ctx: LifecycleContext,
  input: { userId: string; reviewId: string; answer: ReviewAnswer; by: Requester },
): Promise<DecideReviewOutcome> {
  const stored = await ctx.guests.get(input.userId.trim().toLowerCase());
  if (!stored) return { kind: 'notFound' };
  const guest = stored.value;
  if (guest.review?.id !== input.reviewId) return { kind: 'staleReview', guest };
  if (guest.review.decision) return { kind: 'alreadyDecided', guest };
  if (!openReview(guest)) return { kind: 'staleReview', guest };
  if (!(await mayAnswerReview(ctx, guest, guest.review.askedIds, input.by))) return { kind: 'notAllowed' };
  const now = ctx.clock.now();
  let endsAt: string | undefined;
  if (input.answer.kind === 'keep') {
    const extension = extendedAccess(ctx.policy.access, guest.address, input.answer.days, now);
    if (extension.kind !== 'ok') return extension;
    endsAt = extension.endsAt;
  }

  const by: Actor = { id: input.by.id, displayName: input.by.displayName };
  const { answer } = input;
  const update = await updateGuest(ctx.guests, stored, (current) => {
    const review = openReview(current);
    if (!review || review.id !== input.reviewId) return undefined;
    const decided = {
      ...current,
      review: { ...review, decision: { kind: answer.kind, by, at: now.toISOString(), ...(answer.kind === 'keep' ? { days: answer.days } : {}) } },
      ...(answer.kind === 'keep'
        ? { accessEndsAt: endsAt }
        : { removalReason: 'sponsorRemoved' as const, dueAt: now.toISOString() }),
    };
    const next = withEvent(decided, { at: now.toISOString(), what: answer.kind === 'keep' ? `kept ${answer.days} days` : 'removal asked', by });
    return { ...next, dueAt: nextAction(next, ctx, now).at };
  });
  if (!update.guest) return { kind: 'notFound' };
  if (!update.changed) {
    const current = update.guest;
    return current.review?.id === input.reviewId && current.review.decision ? { kind: 'alreadyDecided', guest: current } : { kind: 'staleReview', guest: current };
  }

  await ctx.audit.append({
    at: now.toISOString(),
    event: 'guest.review.decided',
    requestId: update.guest.requestId,
    actor: by,
    subject: update.guest.address,
    details: {
      userId: update.guest.userId,
      reviewId: input.reviewId,
      decision: answer.kind,
      days: answer.kind === 'keep' ? answer.days : null,
      accessEndsAt: update.guest.accessEndsAt ?? null,
    },
  });
  await ctx.notifier.showReviewState(update.guest);
  return { kind: 'decided', guest: update.guest };
}
