import { randomUUID } from 'node:crypto';
import { DirectoryError } from '../directory-error';
import { normalizeObjectId } from '../object-id';
import { Versioned } from '../request-repository';
import { addDays, DAY_MS } from './access-limit';
import { GovernedGuest, RemovalReason, ReviewReason } from './governed-guest';
import { GuestAccount } from './guest-account-port';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { LifecycleAction, NextLifecycleAction } from './lifecycle-use-cases';
import { RemovalSlots } from './removal-slots';
import { isDue, nextAction, openReview } from './next-action';

/** Without last sign-ins, a guest governed for inactivity is looked at again after this long (the permission may come). */
const INACTIVITY_RECHECK_MS = DAY_MS;

/** One run as its steps share it: the time, the mode, the removals counted against the cap, what was done. */
export interface Run {
  ctx: LifecycleContext;
  now: Date;
  enforce: boolean;
  /** The cap on disables and deletes: shared with overlapping runs when enforcing, this run's own in report-only mode. */
  removals: RemovalSlots;
  actions: LifecycleAction[];
  /** Whether last sign-ins could be read, so inactivity can be judged. */
  signIns: boolean;
  /** Sponsors read in one batched call for the guests of the current batch due for review, by user id. */
  sponsors: Map<string, string[]>;
}

/** What the run read about a guest, applied to whichever version of the record a claim sees. */
export interface Facts {
  account: GuestAccount;
  lastSignInAt?: string;
}

export function withFacts(guest: GovernedGuest, facts: Facts): GovernedGuest {
  const state = facts.account.externalUserState;
  return {
    ...guest,
    displayName: facts.account.displayName || guest.displayName,
    redemption: state === 'Accepted' ? 'accepted' : state === 'PendingAcceptance' ? 'pending' : guest.redemption,
    lastSignInAt: facts.lastSignInAt ?? guest.lastSignInAt,
  };
}

export function schedule(run: Run, guest: GovernedGuest): NextLifecycleAction {
  return nextAction(guest, run.ctx, run.now, { signIns: run.signIns });
}

/** The guest with `dueAt` set to its next step (and, without last sign-ins, a look again within a day). */
export function withDueAt(run: Run, guest: GovernedGuest): GovernedGuest {
  let dueAt = schedule(run, guest).at;
  if (!run.signIns && run.ctx.policy.lifecycle.inactiveDays !== undefined && guest.state === 'active') {
    const recheck = new Date(run.now.getTime() + INACTIVITY_RECHECK_MS).toISOString();
    if (!dueAt || recheck < dueAt) dueAt = recheck;
  }
  return { ...guest, dueAt };
}

/**
 * Claims a step: a compare-and-swap on the guest record that writes the step as taken, decided again on the
 * current record (with the run's facts), so of two runs, or a run and a person, one claims it. Resolves with
 * the claimed record, or undefined when the step is no longer due.
 */
export async function claim(
  run: Run,
  target: Versioned<GovernedGuest> | string,
  facts: Facts | undefined,
  stillDue: (current: GovernedGuest) => boolean,
  take: (current: GovernedGuest) => GovernedGuest,
): Promise<GovernedGuest | undefined> {
  const update = await updateGuest(run.ctx.guests, target, (current) => {
    const fresh = facts ? withFacts(current, facts) : current;
    return stillDue(fresh) ? withDueAt(run, take(fresh)) : undefined;
  });
  return update.changed ? update.guest : undefined;
}

/** The predicate of a step the schedule says is due now. */
export function dueNow(run: Run, action: NextLifecycleAction['action']): (guest: GovernedGuest) => boolean {
  return (guest) => {
    const step = schedule(run, guest);
    return isDue(step, run.now) && step.action === action;
  };
}

function record(run: Run, guest: GovernedGuest, action: LifecycleAction['action'], fields: Partial<LifecycleAction>): void {
  run.actions.push({ userId: guest.userId, address: guest.address, action, done: false, ...fields });
}

async function audit(run: Run, guest: GovernedGuest, event: string, details: Record<string, string | number | boolean | null> = {}): Promise<void> {
  await run.ctx.audit.append({
    at: run.now.toISOString(),
    event,
    requestId: guest.requestId,
    subject: guest.address,
    details: { userId: guest.userId, ...details },
  });
}

function errorKind(error: unknown): string {
  return error instanceof DirectoryError ? error.kind : 'unknown';
}

/** Disables the account (access ended, a sponsor removed it, never redeemed, nobody answered). */
export async function disable(run: Run, stored: Versioned<GovernedGuest>, facts: Facts, reason: RemovalReason): Promise<void> {
  const guest = stored.value;
  if (!(await run.removals.take())) return record(run, guest, 'disable', { reason, capped: true });
  if (!run.enforce) return record(run, guest, 'disable', { reason });
  const at = run.now.toISOString();
  const claimed = await claim(run, stored, facts, dueNow(run, 'disable'), (current) =>
    withEvent(
      {
        ...current,
        state: 'disabled',
        disabledAt: at,
        deleteAt: addDays(run.now, run.ctx.policy.lifecycle.deleteAfterDays).toISOString(),
        removalReason: reason,
        pendingEffect: { action: 'disable', claimedAt: at },
      },
      { at, what: `disabled: ${reason}` },
    ),
  );
  if (!claimed) {
    await run.removals.giveBack();
    return;
  }
  await changeAccount(run, claimed, 'disable', { reason });
  // The review card, if any, now says the guest was removed.
  if (claimed.review) await run.ctx.notifier.showReviewState(claimed).catch(() => undefined);
}

/** Deletes the account of a guest disabled `deleteAfterDays` ago; one someone re-enabled meanwhile is kept. */
export async function remove(run: Run, stored: Versioned<GovernedGuest>, facts: Facts): Promise<void> {
  const guest = stored.value;
  if (facts.account.accountEnabled) return keepReEnabled(run, stored, facts);
  if (!(await run.removals.take())) return record(run, guest, 'delete', { reason: guest.removalReason, capped: true });
  if (!run.enforce) return record(run, guest, 'delete', { reason: guest.removalReason });
  const at = run.now.toISOString();
  const claimed = await claim(run, stored, facts, dueNow(run, 'delete'), (current) =>
    withEvent({ ...current, state: 'deleted', deletedAt: at, pendingEffect: { action: 'delete', claimedAt: at } }, { at, what: 'deleted' }),
  );
  if (!claimed) {
    await run.removals.giveBack();
    return;
  }
  await changeAccount(run, claimed, 'delete', { reason: guest.removalReason });
}

/**
 * A disabled guest whose account is enabled again at deletion time was re-enabled in Entra by an administrator:
 * GuestPass does not delete it, and governs it again as active (an ended access date no longer applies).
 */
async function keepReEnabled(run: Run, stored: Versioned<GovernedGuest>, facts: Facts): Promise<void> {
  const guest = stored.value;
  if (!run.enforce) return record(run, guest, 'skip', { reason: 'enabledElsewhere' });
  const at = run.now.toISOString();
  const claimed = await claim(run, stored, facts, dueNow(run, 'delete'), (current) =>
    withEvent(
      {
        ...current,
        state: 'active',
        disabledAt: undefined,
        deleteAt: undefined,
        removalReason: undefined,
        accessEndsAt: current.accessEndsAt && new Date(current.accessEndsAt) <= run.now ? undefined : current.accessEndsAt,
      },
      { at, what: 'enabled outside GuestPass: not deleted' },
    ),
  );
  if (!claimed) return;
  await audit(run, claimed, 'guest.lifecycle.enabledElsewhere');
  record(run, guest, 'skip', { reason: 'enabledElsewhere', done: true });
}

/**
 * Carries out a claimed account change (`pendingEffect`), then clears the claim. A failure leaves the claim: the
 * run after `EFFECT_SETTLE_MS` looks at the account and repeats the change only if it did not happen.
 */
async function changeAccount(run: Run, claimed: GovernedGuest, action: 'disable' | 'delete' | 'enable', fields: Partial<LifecycleAction>): Promise<void> {
  const { accounts } = run.ctx;
  const claimedAt = claimed.pendingEffect!.claimedAt;
  try {
    if (action === 'delete') await accounts.deleteAccount(claimed.userId);
    else await accounts.setAccountEnabled(claimed.userId, action === 'enable');
  } catch (error) {
    await audit(run, claimed, `guest.${action}.failed`, { errorKind: errorKind(error), willRetry: true });
    return record(run, claimed, action, { ...fields, failed: true });
  }
  await settle(run, claimed.userId, claimedAt);
  await audit(run, claimed, EFFECT_EVENTS[action], {
    reason: claimed.removalReason ?? null,
    deleteAt: action === 'disable' ? (claimed.deleteAt ?? null) : null,
    byPerson: claimed.pendingEffect?.by?.id ?? null,
  });
  record(run, claimed, action, { ...fields, done: true });
}

const EFFECT_EVENTS = { disable: 'guest.disabled', delete: 'guest.deleted', enable: 'guest.enabled' } as const;

/** Clears a claim once its account change happened (unless a later claim replaced it). */
export async function settle(run: Run, userId: string, claimedAt: string): Promise<GovernedGuest | undefined> {
  const update = await updateGuest(run.ctx.guests, userId, (current) =>
    current.pendingEffect?.claimedAt === claimedAt ? withDueAt(run, { ...current, pendingEffect: undefined }) : undefined,
  );
  return update.guest;
}

/**
 * A claimed account change found unconfirmed (the process stopped, or the call failed): done if the account
 * shows it, otherwise made once more under a new claim. Changes a person asked for (restore, withdraw) are
 * finished even in report-only mode; the run's own count against the cap.
 */
export async function finishClaimedChange(run: Run, stored: Versioned<GovernedGuest>, facts: Facts | undefined): Promise<void> {
  const guest = stored.value;
  const effect = guest.pendingEffect!;
  const happened = effect.action === 'delete' ? facts === undefined : facts !== undefined && facts.account.accountEnabled === (effect.action === 'enable');
  if (happened) {
    await settle(run, guest.userId, effect.claimedAt);
    if (effect.action === 'delete') await markGone(run, stored);
    // The change's own entry was not written (the claimant stopped, or its call failed after reaching Entra).
    await audit(run, guest, EFFECT_EVENTS[effect.action], { reason: guest.removalReason ?? null, confirmed: true });
    return;
  }
  const byPerson = effect.by !== undefined;
  const removal = effect.action !== 'enable';
  if (!byPerson && removal && !(await run.removals.take())) return record(run, guest, effect.action, { reason: 'retry', capped: true });
  if (!byPerson && !run.enforce) return record(run, guest, effect.action, { reason: 'retry' });
  const at = run.now.toISOString();
  const claimed = await claim(run, stored, facts, (current) => current.pendingEffect?.claimedAt === effect.claimedAt, (current) => ({
    ...current,
    pendingEffect: { ...effect, claimedAt: at },
  }));
  if (!claimed) {
    if (!byPerson && removal) await run.removals.giveBack();
    return;
  }
  await changeAccount(run, claimed, effect.action, { reason: 'retry' });
}

/** The account is gone from the directory (deleted here or in Entra): recorded, nothing more to do. */
export async function markGone(run: Run, stored: Versioned<GovernedGuest>): Promise<void> {
  const at = run.now.toISOString();
  const update = await updateGuest(run.ctx.guests, stored.value.userId, (current) =>
    current.state === 'deleted' && !current.pendingEffect && !current.dueAt
      ? undefined
      : withEvent({ ...current, state: 'deleted', deletedAt: current.deletedAt ?? at, pendingEffect: undefined, dueAt: undefined }, { at, what: 'gone from the directory' }),
  );
  if (update.changed && stored.value.state !== 'deleted') await audit(run, update.guest!, 'guest.lifecycle.gone');
}

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
