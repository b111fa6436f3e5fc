import { randomUUID } from 'node:crypto';
import { normalizeObjectId } from '../object-id';
import { Versioned } from '../request-repository';
import { addDays } from './access-limit';
import { GovernedGuest, ReviewReason } from './governed-guest';
import { updateGuest, withEvent } from './guest-update';
import { openReview } from './next-action';
import { audit, claim, dueNow, Facts, record, Run, withDueAt, withFacts } from './lifecycle-steps';

/* Steps that ask people (sponsors, admins, the requester) and keep the record's schedule current. */

/** Asks the guest's sponsors who are still there (or, if none is, the admins) to review the guest. */
export async function askReview(run: Run, stored: Versioned<GovernedGuest>, facts: Facts, reason: ReviewReason): Promise<void> {
  const guest = stored.value;
  if (!run.enforce) return record(run, guest, 'askReview', { reason });
  const { accounts, approvers } = run.ctx;
  // A guest whose sponsors Graph could not read is asked of the sponsors on record.
  const sponsorIds = (run.sponsors.get(guest.userId) ?? guest.sponsorIds).map(normalizeObjectId);
  const present = sponsorIds.length > 0 ? await accounts.getAccounts(sponsorIds) : { found: [], missingIds: [] };
  // Sponsors who left (deleted or disabled) cannot answer: without one, the admins decide.
  const remaining = present.found.filter((sponsor) => sponsor.accountEnabled).map((sponsor) => normalizeObjectId(sponsor.id));
  const toAdmins = remaining.length === 0;
  const askedIds = toAdmins ? await approvers.people('admins') : remaining;
  const at = run.now.toISOString();
  const claimed = await claim(run, stored, facts, dueNow(run, 'review'), (current) =>
    withEvent(
      {
        ...current,
        sponsorIds,
        review: {
          id: randomUUID(),
          reason,
          startedAt: at,
          answerBy: addDays(run.now, run.ctx.policy.lifecycle.answerWithinDays).toISOString(),
          askedIds,
          ...(toAdmins ? { escalatedAt: at } : {}),
        },
      },
      { at, what: `review asked: ${reason}${toAdmins ? ' (admins: no sponsor left)' : ''}` },
    ),
  );
  if (!claimed) return;
  const reached = await send(run, claimed, askedIds);
  await audit(run, claimed, 'guest.review.asked', { reviewId: claimed.review!.id, reason, asked: askedIds.length, reached: reached ?? null, toAdmins });
  record(run, claimed, 'askReview', { reason, done: reached !== undefined, failed: reached === undefined });
  // A card that reached none of the sponsors (no chat with the bot, no permission to open one) goes up at once.
  if (reached === 0 && !toAdmins) await escalate(run, claimed.userId, undefined, true);
}

/** The review card once more to the people it asked, when they did not answer within `answerWithinDays`. */
export async function remindReviewers(run: Run, stored: Versioned<GovernedGuest>, facts: Facts): Promise<void> {
  const guest = stored.value;
  if (!run.enforce) return record(run, guest, 'remindSponsors', { reason: guest.review?.reason });
  const at = run.now.toISOString();
  const claimed = await claim(run, stored, facts, dueNow(run, 'remindSponsors'), (current) =>
    withEvent({ ...current, review: { ...openReview(current)!, remindedAt: at } }, { at, what: 'reviewers reminded' }),
  );
  if (!claimed) return;
  const reached = await send(run, claimed, claimed.review!.askedIds);
  await audit(run, claimed, 'guest.review.reminded', { reviewId: claimed.review!.id, reached: reached ?? null });
  record(run, claimed, 'remindSponsors', { reason: claimed.review!.reason, done: reached !== undefined, failed: reached === undefined });
}

/**
 * The review to the fallback approvers (the admins when the policy has none, or none can be reached) when
 * nobody answered within twice the window; `now` when the sponsors' card reached nobody.
 */
export async function escalate(run: Run, target: Versioned<GovernedGuest> | string, facts: Facts | undefined, now = false): Promise<void> {
  const guest = typeof target === 'string' ? undefined : target.value;
  if (guest && !run.enforce) return record(run, guest, 'escalate', { reason: guest.review?.reason });
  const { approvers } = run.ctx;
  const fallback = await approvers.people('fallbackApprovers');
  const recipients = fallback.length > 0 ? fallback : await approvers.people('admins');
  const at = run.now.toISOString();
  let newlyAsked: string[] = [];
  const stillDue = now ? (current: GovernedGuest) => !!openReview(current) && !openReview(current)!.escalatedAt : dueNow(run, 'escalate');
  const claimed = await claim(run, target, facts, stillDue, (current) => {
    const review = openReview(current)!;
    newlyAsked = recipients.filter((id) => !review.askedIds.includes(id));
    return withEvent({ ...current, review: { ...review, escalatedAt: at, askedIds: [...review.askedIds, ...newlyAsked] } }, { at, what: 'review escalated' });
  });
  if (!claimed) return;
  const reached = newlyAsked.length > 0 ? await send(run, claimed, newlyAsked) : 0;
  await audit(run, claimed, 'guest.review.escalated', { reviewId: claimed.review!.id, asked: newlyAsked.length, reached: reached ?? null });
  record(run, claimed, 'escalate', { reason: claimed.review!.reason, done: reached !== undefined, failed: reached === undefined });
}

/** Reminds the requester, once, that the invitation is still not redeemed (with Resend / New link / Withdraw). */
export async function remindRequester(run: Run, stored: Versioned<GovernedGuest>, facts: Facts): Promise<void> {
  const guest = stored.value;
  if (!run.enforce) return record(run, guest, 'remindRequester', {});
  const at = run.now.toISOString();
  const claimed = await claim(run, stored, facts, dueNow(run, 'remindRequester'), (current) =>
    withEvent({ ...current, unredeemedReminderAt: at }, { at, what: 'requester reminded: not redeemed' }),
  );
  if (!claimed) return;
  let failed = false;
  try {
    await run.ctx.notifier.remindRequester(claimed, claimed.requestId!);
  } catch {
    failed = true;
  }
  await audit(run, claimed, 'guest.unredeemed.reminded', { delivered: !failed });
  record(run, claimed, 'remindRequester', { done: !failed, failed });
}

/** Sends the review card; resolves with how many it reached, or undefined when sending failed (not retried). */
async function send(run: Run, guest: GovernedGuest, recipientIds: string[]): Promise<number | undefined> {
  if (recipientIds.length === 0) return 0;
  try {
    return await run.ctx.notifier.askReview(guest, recipientIds);
  } catch {
    return undefined;
  }
}

/** Records the facts read and the next due time without taking a step (nothing due, or not any more). */
export async function refresh(run: Run, stored: Versioned<GovernedGuest>, facts: Facts): Promise<void> {
  if (!run.enforce) return;
  await updateGuest(run.ctx.guests, stored, (current) => {
    const next = withDueAt(run, withFacts(current, facts));
    return sameFacts(current, next) ? undefined : next;
  });
}

function sameFacts(a: GovernedGuest, b: GovernedGuest): boolean {
  return a.dueAt === b.dueAt && a.redemption === b.redemption && a.lastSignInAt === b.lastSignInAt && a.displayName === b.displayName;
}
