import { Actor } from '../invitation-request';
import { Requester } from '../requester';
import { GovernedGuest } from './governed-guest';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { nextAction } from './next-action';
import { mayWithdraw } from './sponsor-rights';

export type WithdrawOutcome =
  | { kind: 'withdrawn'; guest: GovernedGuest }
  /** Someone (another press, another copy of the card) withdrew it first. */
  | { kind: 'alreadyWithdrawn'; guest: GovernedGuest }
  | { kind: 'notAllowed' }
  | { kind: 'notFound' }
  /** The guest accepted meanwhile, or the account is gone or not a guest: nothing withdrawn. */
  | { kind: 'notPending'; guest: GovernedGuest }
  | { kind: 'failed'; guest: GovernedGuest; error: unknown };

/**
 * The requester takes back an invitation that was never redeemed (the reminder's Withdraw): the pending guest
 * account is deleted at once, since nobody ever signed in with it (Entra keeps it restorable for 30 days). Only a
 * `Guest` account Entra still shows as `PendingAcceptance` is deleted, checked just before. The deletion is
 * claimed on the guest record first (a compare-and-swap naming it as pending, by this person), so of two presses
 * one deletes; should the process stop inside the call, a later run finishes it once.
 */
export async function withdrawInvitation(ctx: LifecycleContext, input: { userId: string; by: Requester }): Promise<WithdrawOutcome> {
  const stored = await ctx.guests.get(input.userId.trim().toLowerCase());
  if (!stored) return { kind: 'notFound' };
  const guest = stored.value;
  if (!(await mayWithdraw(ctx, guest, input.by))) return { kind: 'notAllowed' };
  if (guest.removalReason === 'withdrawn') return { kind: 'alreadyWithdrawn', guest };
  if (!isPending(guest)) return { kind: 'notPending', guest };
  try {
    const { found } = await ctx.accounts.getAccounts([guest.userId]);
    const account = found[0];
    if (!account || account.userType !== 'Guest' || account.externalUserState !== 'PendingAcceptance') return { kind: 'notPending', guest };
  } catch (error) {
    return { kind: 'failed', guest, error };
  }

  const now = ctx.clock.now();
  const at = now.toISOString();
  const by: Actor = { id: input.by.id, displayName: input.by.displayName };
  const claim = await updateGuest(ctx.guests, stored, (current) => {
    if (!isPending(current)) return undefined;
    const claimed: GovernedGuest = withEvent(
      { ...current, state: 'deleted', deletedAt: at, removalReason: 'withdrawn', pendingEffect: { action: 'delete', claimedAt: at, by } },
      { at, what: 'invitation withdrawn', by },
    );
    // Due when the claim has had time to settle: a run then finishes a deletion this call did not.
    return { ...claimed, dueAt: nextAction(claimed, ctx, now).at };
  });
  if (!claim.guest) return { kind: 'notFound' };
  if (!claim.changed) {
    return claim.guest.removalReason === 'withdrawn' ? { kind: 'alreadyWithdrawn', guest: claim.guest } : { kind: 'notPending', guest: claim.guest };
  }

  try {
    await ctx.accounts.deleteAccount(guest.userId);
  } catch (error) {
    // Back to pending, as it was: the person is told and may try again. Should the call have reached Entra after
    // all, the next run finds the account gone and records it.
    await updateGuest(ctx.guests, guest.userId, (current) =>
      current.pendingEffect?.claimedAt === at ? withEvent({ ...guest, history: current.history }, { at, what: 'withdrawal failed', by }) : undefined,
    );
    await ctx.audit.append({ at, event: 'guest.invitation.withdraw.failed', requestId: guest.requestId, actor: by, subject: guest.address, details: { userId: guest.userId } });
    return { kind: 'failed', guest, error };
  }
  const settled = await updateGuest(ctx.guests, guest.userId, (current) =>
    current.pendingEffect?.claimedAt === at ? { ...current, pendingEffect: undefined, dueAt: undefined } : undefined,
  );
  const withdrawn = settled.guest ?? claim.guest;
  await ctx.audit.append({
    at,
    event: 'guest.invitation.withdrawn',
    requestId: withdrawn.requestId,
    actor: by,
    subject: withdrawn.address,
    details: { userId: withdrawn.userId },
  });
  return { kind: 'withdrawn', guest: withdrawn };
}

function isPending(guest: GovernedGuest): boolean {
  return guest.state === 'active' && guest.redemption === 'pending' && !guest.pendingEffect;
}
