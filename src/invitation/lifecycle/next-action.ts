import { GovernedGuest, GuestReview } from './governed-guest';
import { addDays } from './access-limit';
import { LifecycleContext } from './lifecycle-context';
import { NextLifecycleAction } from './lifecycle-use-cases';

/**
 * How long a claimed account change is left to the run that claimed it before another run looks at the account
 * again: longer than a Graph call can take with its retries and Retry-After waits.
 */
export const EFFECT_SETTLE_MS = 30 * 60_000;

export interface ScheduleOptions {
  /** Whether last sign-ins can be judged (false when Graph refuses signInActivity): inactivity is left out. */
  signIns?: boolean;
}

/** When steps fall at the same instant, the first of these goes first. */
const PRIORITY: NextLifecycleAction['action'][] = ['enable', 'delete', 'disable', 'escalate', 'remindSponsors', 'review', 'remindRequester'];

/**
 * The lifecycle's rules in one place: the next step for a guest and when it is due (in the past: due now). The
 * stored `dueAt` is this step's time, so the store's due index and `my guests` say the same thing.
 */
export function nextAction(guest: GovernedGuest, ctx: Pick<LifecycleContext, 'policy'>, now: Date, options: ScheduleOptions = {}): NextLifecycleAction {
  const steps = candidateSteps(guest, ctx.policy.lifecycle, now, options.signIns ?? true);
  if (steps.length === 0) return { action: 'none' };
  const time = (step: NextLifecycleAction) => new Date(step.at!).getTime();
  steps.sort((a, b) => time(a) - time(b) || PRIORITY.indexOf(a.action) - PRIORITY.indexOf(b.action));
  return steps[0]!;
}

/** Whether the step is due at `now`. */
export function isDue(step: NextLifecycleAction, now: Date): boolean {
  return step.action !== 'none' && step.at !== undefined && new Date(step.at) <= now;
}

/** The review still waiting for an answer, if any (decided reviews and those of a guest no longer active are over). */
export function openReview(guest: GovernedGuest): GuestReview | undefined {
  return guest.state === 'active' && guest.review && !guest.review.decision ? guest.review : undefined;
}

function candidateSteps(
  guest: GovernedGuest,
  policy: LifecycleContext['policy']['lifecycle'],
  now: Date,
  signIns: boolean,
): NextLifecycleAction[] {
  if (guest.pendingEffect) {
    const at = new Date(new Date(guest.pendingEffect.claimedAt).getTime() + EFFECT_SETTLE_MS).toISOString();
    return [{ action: guest.pendingEffect.action, at }];
  }
  if (guest.state === 'deleted') return [];
  if (guest.state === 'disabled') return guest.deleteAt ? [{ action: 'delete', at: guest.deleteAt, reason: guest.removalReason }] : [];

  const steps: NextLifecycleAction[] = [];
  // Marked for removal (a sponsor's Remove): due from the moment it was asked for.
  if (guest.removalReason) steps.push({ action: 'disable', at: guest.dueAt ?? now.toISOString(), reason: guest.removalReason });
  if (guest.accessEndsAt) steps.push({ action: 'disable', at: guest.accessEndsAt, reason: 'accessEnded' });
  const since = guest.invitedAt ?? now.toISOString();
  if (guest.redemption === 'pending') {
    if (guest.requestId && !guest.unredeemedReminderAt) steps.push({ action: 'remindRequester', at: iso(addDays(since, policy.remindAfterDays)) });
    if (policy.removeUnredeemedAfterDays !== undefined) {
      steps.push({ action: 'disable', at: iso(addDays(since, policy.removeUnredeemedAfterDays)), reason: 'neverRedeemed' });
    }
  }

  const review = openReview(guest);
  if (review) {
    const window = policy.answerWithinDays;
    if (!review.remindedAt) steps.push({ action: 'remindSponsors', at: review.answerBy, reason: review.reason });
    if (!review.escalatedAt) steps.push({ action: 'escalate', at: iso(addDays(review.startedAt, 2 * window)), reason: review.reason });
    // A review about the end of access ends with it (the disable above); other reviews need an answer.
    else if (review.reason !== 'accessEnding' || !guest.accessEndsAt) steps.push({ action: 'disable', at: iso(addDays(review.startedAt, 3 * window)), reason: 'noAnswer' });
    return steps;
  }

  const last = guest.review;
  if (guest.accessEndsAt) {
    const askAt = addDays(guest.accessEndsAt, -policy.reviewBeforeDays);
    // Already asked (or answered) about this end date: a Keep that sets a near end date is not asked again.
    const asked = last && (new Date(last.startedAt) >= askAt || (last.decision && new Date(last.decision.at) >= askAt));
    // Once access has ended it is too late to ask: the guest is disabled (and may be restored).
    if (!asked && new Date(guest.accessEndsAt) > now) steps.push({ action: 'review', at: iso(askAt), reason: 'accessEnding' });
  } else if (policy.reviewEveryDays !== undefined) {
    steps.push({ action: 'review', at: iso(addDays(last?.startedAt ?? since, policy.reviewEveryDays)), reason: 'periodic' });
  }
  if (signIns && policy.inactiveDays !== undefined && guest.redemption === 'accepted') {
    const base = latest(guest.lastSignInAt ?? since, last?.startedAt);
    steps.push({ action: 'review', at: iso(addDays(base, policy.inactiveDays)), reason: 'inactive' });
  }
  return steps;
}

function latest(a: string, b: string | undefined): string {
  return b && new Date(b) > new Date(a) ? b : a;
}

function iso(at: Date): string {
  return at.toISOString();
}
