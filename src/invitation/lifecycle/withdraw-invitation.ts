import { Actor } from '../invitation-request';
import { Requester } from '../requester';
import { updateGuest, withEvent } from './guest-update';
import { LifecycleContext } from './lifecycle-context';
import { GovernedGuest } from './governed-guest';
import { mayWithdraw } from './sponsor-rights';

export type WithdrawOutcome =
  | { kind: 'withdrawn'; guest: GovernedGuest }
  | { kind: 'notAllowed' }
  | { kind: 'notFound' }
  /** The guest accepted meanwhile, or the account is gone or not a guest: nothing withdrawn. */
  | { kind: 'notPending'; guest: GovernedGuest }
  | { kind: 'failed'; guest: GovernedGuest; error: unknown };

/**
 * The requester takes back an invitation that was never redeemed (the reminder's Withdraw): the pending guest
 * account is deleted at once, since nobody ever signed in with it (Entra keeps it restorable for 30 days). Only a
 * `Guest` account Entra still shows as `PendingAcceptance` is deleted, checked just before.
 */
export async function withdrawInvitation(ctx: LifecycleContext, input: { userId: string; by: Requester }): Promise<WithdrawOutcome> {
  const stored = await ctx.guests.get(input.userId.trim().toLowerCase());
  if (!stored) return { kind: 'notFound' };
  const guest = stored.value;
  if (!(await mayWithdraw(ctx, guest, input.by))) return { kind: 'notAllowed' };
  if (guest.state !== 'active' || guest.redemption !== 'pending') return { kind: 'notPending', guest };
  try {
    const { found } = await ctx.accounts.getAccounts([guest.userId]);
    const account = found[0];
    if (!account || account.userType !== 'Guest' || account.externalUserState !== 'PendingAcceptance') return { kind: 'notPending', guest };
    await ctx.accounts.deleteAccount(guest.userId);
  } catch (error) {
    return { kind: 'failed', guest, error };
  }
  const now = ctx.clock.now().toISOString();
  const by: Actor = { id: input.by.id, displayName: input.by.displayName };
  const update = await updateGuest(ctx.guests, stored, (current) =>
    current.state === 'deleted'
      ? undefined
      : withEvent({ ...current, state: 'deleted', deletedAt: now, removalReason: 'neverRedeemed', dueAt: undefined }, { at: now, what: 'invitation withdrawn', by }),
  );
  if (!update.guest) return { kind: 'notFound' };
  await ctx.audit.append({
    at: now,
    event: 'guest.invitation.withdrawn',
    requestId: update.guest.requestId,
    actor: by,
    subject: update.guest.address,
    details: { userId: update.guest.userId },
  });
  return { kind: 'withdrawn', guest: update.guest };
}
