import { Actor } from '../invitation-request';
import { normalizeObjectId } from '../object-id';
import { Requester } from '../requester';
import { accessDaysFor, decideAccessEnd, MAX_ACCESS_DAYS } from '../access-end';
import { GovernedGuest } from './governed-guest';
import { changeGovernedGuest } from './governed-guest-change';
import { LifecycleContext } from './lifecycle-context';

const DAY_MS = 24 * 60 * 60 * 1000;

export type SponsorDecision = { kind: 'extend'; days: number } | { kind: 'remove' };

export type SponsorDecisionOutcome =
  | { kind: 'extended'; guest: GovernedGuest }
  /** Recorded: the next run disables the account (or, in report-only mode, says it would). */
  | { kind: 'removing'; guest: GovernedGuest; reportOnly: boolean }
  | { kind: 'notFound' }
  | { kind: 'notYours' }
  | { kind: 'tooLong'; maxDays: number }
  /** Disabled or deleted already: `restore` (administrators) brings a disabled guest back. */
  | { kind: 'notActive'; guest: GovernedGuest };

/**
 * A sponsor (or an administrator) extends a guest's access or asks for its removal from `my guests`, outside any
 * review round. Removal is recorded, not carried out: the lifecycle run disables the account with its safety net
 * (scope, cap, report-only) like any other ended access. An open review is answered by the same decision, so its
 * cards stop asking.
 */
export async function decideAsSponsor(
  ctx: LifecycleContext,
  input: { userId: string; decision: SponsorDecision; by: Requester },
): Promise<SponsorDecisionOutcome> {
  const stored = await ctx.guests.get(normalizeObjectId(input.userId));
  if (!stored) return { kind: 'notFound' };
  const isSponsor = stored.value.sponsorIds.some((id) => normalizeObjectId(id) === normalizeObjectId(input.by.id));
  if (!isSponsor && !(await ctx.access.isAdmin(input.by))) return { kind: 'notYours' };
  const now = ctx.clock.now();
  const domain = stored.value.address.slice(stored.value.address.lastIndexOf('@') + 1);
  let endsAt: string | undefined;
  if (input.decision.kind === 'extend') {
    // The same rule as a request's end date: whole UTC days, bounded by the domain's maximum.
    const end = decideAccessEnd(ctx.policy.access, { domain, requested: { days: String(input.decision.days) } }, now);
    if (!end.ok || !end.endsAt) return { kind: 'tooLong', maxDays: accessDaysFor(ctx.policy.access, domain).maxDays ?? MAX_ACCESS_DAYS };
    endsAt = end.endsAt;
  }

  const by: Actor = { id: input.by.id, displayName: input.by.displayName };
  const { decision } = input;
  const changed = await changeGovernedGuest<SponsorDecisionOutcome | undefined>(ctx.guests, stored.value.userId, (guest) => {
    if (guest.state !== 'active') return { refused: { kind: 'notActive', guest } };
    const openReview = guest.review && !guest.review.decision ? guest.review : undefined;
    if (decision.kind === 'extend') {
      const reviewAt = new Date(Date.parse(endsAt!) - ctx.policy.lifecycle.reviewBeforeDays * DAY_MS);
      guest.accessEndsAt = endsAt;
      guest.dueAt = (reviewAt > now ? reviewAt : now).toISOString();
      if (openReview) openReview.decision = { kind: 'keep', by, at: now.toISOString(), days: decision.days };
      guest.history.push({ at: now.toISOString(), what: `extended ${decision.days} days`, by });
    } else {
      guest.accessEndsAt = now.toISOString();
      guest.dueAt = now.toISOString();
      guest.removalReason = 'sponsorRemoved';
      if (openReview) openReview.decision = { kind: 'remove', by, at: now.toISOString() };
      guest.history.push({ at: now.toISOString(), what: 'removal asked', by });
    }
    return { next: guest, result: undefined };
  });
  if ('notFound' in changed) return { kind: 'notFound' };
  if ('refused' in changed) return changed.refused!;
  const guest = changed.changed.value;
  await ctx.audit.append({
    at: now.toISOString(),
    event: decision.kind === 'extend' ? 'guest.access.extended' : 'guest.removal.requested',
    actor: by,
    subject: guest.address,
    requestId: guest.requestId,
    details: decision.kind === 'extend' ? { userId: guest.userId, days: decision.days, accessEndsAt: guest.accessEndsAt ?? null } : { userId: guest.userId },
  });
  if (guest.review?.decision) await ctx.notifier.showReviewState(guest);
  return decision.kind === 'extend' ? { kind: 'extended', guest } : { kind: 'removing', guest, reportOnly: ctx.policy.lifecycle.enforcement === 'reportOnly' };
}
