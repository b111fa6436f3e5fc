import { DirectoryError } from '../directory-error';
import { Versioned } from '../request-repository';
import { DAY_MS } from './access-limit';
import { GovernedGuest } from './governed-guest';
import { GuestAccount } from './guest-account-port';
import { updateGuest } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { LifecycleAction, NextLifecycleAction } from './lifecycle-use-cases';
import { RemovalSlots } from './removal-slots';
import { isDue, nextAction } from './next-action';

/*
 * What the lifecycle run's steps share: the run, the facts read about a guest, the claim every step starts with,
 * and how a step is recorded and audited. The steps: account-steps.ts (account changes) and review-steps.ts
 * (reviews, reminders, escalation).
 */

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

export function record(run: Run, guest: GovernedGuest, action: LifecycleAction['action'], fields: Partial<LifecycleAction>): void {
  run.actions.push({ userId: guest.userId, address: guest.address, action, done: false, ...fields });
}

export async function audit(run: Run, guest: GovernedGuest, event: string, details: Record<string, string | number | boolean | null> = {}): Promise<void> {
  await run.ctx.audit.append({
    at: run.now.toISOString(),
    event,
    requestId: guest.requestId,
    subject: guest.address,
    details: { userId: guest.userId, ...details },
  });
}

export function errorKind(error: unknown): string {
  return error instanceof DirectoryError ? error.kind : 'unknown';
}
