import { DAY_MS } from './access-limit';
import { enrolMissedInvitations } from './enrol-invited-guest';
import { enrolTenantGuests } from './enrol-tenant-guests';
import { GovernedGuest } from './governed-guest';
import { GuestAccount } from './guest-account-port';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { disable, finishClaimedChange, markGone, remove } from './account-steps';
import { Facts, Run, schedule, withFacts } from './lifecycle-steps';
import { askReview, escalate, refresh, remindRequester, remindReviewers } from './review-steps';
import { LifecycleRunReport } from './lifecycle-use-cases';
import { isDue } from './next-action';
import { RemovalSlots, runRemovalSlots } from './removal-slots';
import { Versioned } from '../request-repository';
import { RemovalReason, ReviewReason } from './governed-guest';

/** Due guests one run looks at; the rest are still due on the next run (earliest first). */
export const DUE_PER_RUN = 1000;
/** Guests whose accounts are read in one call (the port batches them for Graph). */
export const BATCH_SIZE = 100;
/** A guest out of the policy's scope (not invited by GuestPass) is looked at again this much later. */
const OUT_OF_SCOPE_RECHECK_MS = DAY_MS;

export interface RunOptions {
  /** The cap shared with runs that may overlap this one (see `sharedRemovalSlots`); this run's own without it. */
  removals?: RemovalSlots;
}

/**
 * One lifecycle run: enrols guests the invite path missed (and, with the `allGuests` scope, the tenant's other
 * guests), then takes the step due for each due guest: a review, a reminder, an escalation, or, within the
 * run's cap, a disable or a delete. Every step is claimed by a compare-and-swap on the guest record before its
 * effect, so overlapping runs and a crash mid-run never do anything twice. Accounts that are not guests are never
 * changed. In report-only mode the run works out the same steps and changes nothing: no account, no card, no
 * record (except enrolments).
 */
export async function runLifecycle(ctx: LifecycleContext, options: RunOptions = {}): Promise<LifecycleRunReport> {
  const policy = ctx.policy.lifecycle;
  const enforce = policy.enforcement === 'enforce';
  // Report-only runs change nothing, the shared counter included: they count what they would do on their own.
  const removals = enforce && options.removals ? options.removals : runRemovalSlots(policy.maxRemovalsPerRun);
  const run: Run = { ctx, now: ctx.clock.now(), enforce, removals, actions: [], signIns: true, sponsors: new Map() };
  let signInActivity: LifecycleRunReport['signInActivity'] = policy.inactiveDays === undefined ? 'notNeeded' : 'available';

  const enrolled = await enrolMissedInvitations(ctx);
  if (policy.scope === 'allGuests') enrolled.push(...(await enrolTenantGuests(ctx)));
  for (const guest of enrolled) run.actions.push({ userId: guest.userId, address: guest.address, action: 'enrol', done: true });

  const due = await ctx.guests.listDue(run.now, DUE_PER_RUN);
  for (let start = 0; start < due.length; start += BATCH_SIZE) {
    const batch = due.slice(start, start + BATCH_SIZE);
    const ids = batch.map(({ value }) => value.userId);
    const { found, missingIds } = await ctx.accounts.getAccounts(ids);
    const accounts = new Map(found.map((account) => [account.id.toLowerCase(), account]));
    let lastSignIns: Map<string, string> | undefined;
    if (signInActivity === 'available') {
      const signIns = await ctx.accounts.lastSignIns(ids);
      if (signIns.available) lastSignIns = signIns.at;
      else {
        signInActivity = 'forbidden';
        run.signIns = false;
      }
    }
    run.sponsors = await sponsorsOfReviewsDue(run, batch, accounts, lastSignIns);
    for (const stored of batch) {
      const { userId } = stored.value;
      const account = accounts.get(userId);
      try {
        await visit(run, stored, account, missingIds.some((id) => id.toLowerCase() === userId), lastSignIns?.get(userId));
      } catch (error) {
        // One guest's failure (the store, the directory) does not stop the run; the guest is still due next time.
        run.actions.push({ userId, address: stored.value.address, action: 'skip', reason: `failed: ${(error as Error).name}`, done: false, failed: true });
      }
    }
  }

  // Said at start, not first when a guest falls due: the administrator should hear at once that inactivity reviews
  // cannot work. A failed probe says nothing either way; the next run asks again.
  if (signInActivity === 'available' && due.length === 0) {
    const probe = await ctx.accounts.lastSignIns([]).catch(() => undefined);
    if (probe && !probe.available) signInActivity = 'forbidden';
  }

  const report: LifecycleRunReport = { at: run.now.toISOString(), enforcement: policy.enforcement, actions: run.actions, signInActivity, examined: due.length + enrolled.length };
  if (!run.enforce && run.actions.some((action) => action.action !== 'enrol')) await auditReport(ctx, report);
  return report;
}

async function visit(run: Run, stored: Versioned<GovernedGuest>, account: GuestAccount | undefined, missing: boolean, lastSignInAt: string | undefined): Promise<void> {
  const guest = stored.value;
  const skip = (reason: string, done = false) => run.actions.push({ userId: guest.userId, address: guest.address, action: 'skip', reason, done });
  if (!account && !missing) return void skip('accountUnreadable');
  if (!account) {
    if (guest.pendingEffect) return finishClaimedChange(run, stored, undefined);
    if (!run.enforce) return void skip('accountGone');
    await markGone(run, stored);
    return void skip('accountGone', true);
  }
  // Members are never touched, whatever the record says (a guest converted to a member, a mistaken enrolment).
  if (account.userType !== 'Guest') return stopGoverning(run, stored, 'notAGuest');
  const facts: Facts = { account, lastSignInAt };
  if (guest.pendingEffect) return finishClaimedChange(run, stored, facts);
  if (run.ctx.policy.lifecycle.scope === 'invitedByGuestPass' && !guest.requestId) return lookLater(run, stored, 'notInScope');

  const step = schedule(run, withFacts(guest, facts));
  if (!isDue(step, run.now)) return refresh(run, stored, facts);
  switch (step.action) {
    case 'disable':
      return disable(run, stored, facts, step.reason as RemovalReason);
    case 'delete':
      return remove(run, stored, facts);
    case 'review':
      return askReview(run, stored, facts, step.reason as ReviewReason);
    case 'remindSponsors':
      return remindReviewers(run, stored, facts);
    case 'escalate':
      return escalate(run, stored, facts);
    case 'remindRequester':
      return remindRequester(run, stored, facts);
    default:
      return refresh(run, stored, facts);
  }
}

/**
 * The sponsors of the batch's guests whose next step is a review, read together (Graph answers them in JSON
 * batches). A read that fails leaves the map empty: each review then goes to the sponsors on record.
 */
async function sponsorsOfReviewsDue(run: Run, batch: Versioned<GovernedGuest>[], accounts: Map<string, GuestAccount>, lastSignIns: Map<string, string> | undefined): Promise<Map<string, string[]>> {
  if (!run.enforce) return new Map();
  const ids = batch
    .filter(({ value: guest }) => {
      const account = accounts.get(guest.userId);
      if (!account || account.userType !== 'Guest' || guest.pendingEffect) return false;
      if (run.ctx.policy.lifecycle.scope === 'invitedByGuestPass' && !guest.requestId) return false;
      const step = schedule(run, withFacts(guest, { account, lastSignInAt: lastSignIns?.get(guest.userId) }));
      return isDue(step, run.now) && step.action === 'review';
    })
    .map(({ value }) => value.userId);
  if (ids.length === 0) return new Map();
  const read = await run.ctx.accounts.sponsorIdsOfMany(ids).catch(() => new Map<string, string[]>());
  return new Map([...read].map(([id, sponsorIds]) => [id.toLowerCase(), sponsorIds]));
}

/** An account that is not a guest: never changed, and no longer governed. */
async function stopGoverning(run: Run, stored: Versioned<GovernedGuest>, reason: string): Promise<void> {
  const guest = stored.value;
  const done = run.enforce;
  if (done) {
    const at = run.now.toISOString();
    await updateGuest(run.ctx.guests, stored, (current) => withEvent({ ...current, dueAt: undefined }, { at, what: `not governed: ${reason}` }));
    await run.ctx.audit.append({ at, event: 'guest.lifecycle.notGoverned', requestId: guest.requestId, subject: guest.address, details: { userId: guest.userId, reason } });
  }
  run.actions.push({ userId: guest.userId, address: guest.address, action: 'skip', reason, done });
}

async function lookLater(run: Run, stored: Versioned<GovernedGuest>, reason: string): Promise<void> {
  const guest = stored.value;
  if (run.enforce) {
    const dueAt = new Date(run.now.getTime() + OUT_OF_SCOPE_RECHECK_MS).toISOString();
    await updateGuest(run.ctx.guests, stored, (current) => (current.dueAt === stored.value.dueAt ? { ...current, dueAt } : undefined));
  }
  run.actions.push({ userId: guest.userId, address: guest.address, action: 'skip', reason, done: false });
}

/** Report-only: one audit entry per run saying what it would have done. */
async function auditReport(ctx: LifecycleContext, report: LifecycleRunReport): Promise<void> {
  const count = (action: string) => report.actions.filter((entry) => entry.action === action).length;
  await ctx.audit.append({
    at: report.at,
    event: 'lifecycle.reportOnly',
    details: {
      wouldAskReview: count('askReview'),
      wouldRemind: count('remindSponsors') + count('remindRequester'),
      wouldEscalate: count('escalate'),
      wouldDisable: count('disable'),
      wouldDelete: count('delete'),
      capped: report.actions.filter((entry) => entry.capped).length,
      signInActivity: report.signInActivity,
    },
  });
}
