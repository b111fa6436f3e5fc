import { Versioned } from '../request-repository';
import { addDays } from './access-limit';
import { GovernedGuest, RemovalReason } from './governed-guest';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleAction } from './lifecycle-use-cases';
import { audit, claim, dueNow, errorKind, Facts, record, Run, withDueAt } from './lifecycle-steps';

/* Steps that change the guest's account in Entra (disable, delete, enable again), each claimed before Graph is called. */

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
