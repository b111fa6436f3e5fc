import { DirectoryError } from '../directory-error';
import { normalizeObjectId, sameObjectId } from '../object-id';
import { Requester } from '../requester';
import { GovernedGuest } from './governed-guest';
import { changeGovernedGuest } from './governed-guest-change';
import { LifecycleContext } from './lifecycle-context';

export type WithdrawOutcome =
  | { kind: 'withdrawn'; guest: GovernedGuest }
  | { kind: 'notFound' }
  | { kind: 'notYours' }
  /** The guest accepted meanwhile (or the account is not a pending guest): nothing is removed. */
  | { kind: 'alreadyAccepted'; guest: GovernedGuest }
  | { kind: 'alreadyGone'; guest: GovernedGuest }
  | { kind: 'failed'; error: DirectoryError };

/**
 * The requester takes back an invitation that was never redeemed (the reminder's Withdraw): the pending guest
 * account is deleted at once, since nobody ever signed in with it (Entra keeps it restorable for 30 days). Only a
 * `Guest` account Entra still shows as `PendingAcceptance` is ever deleted, checked just before.
 */
export async function withdrawInvitation(ctx: LifecycleContext, input: { userId: string; by: Requester }): Promise<WithdrawOutcome> {
  const stored = await ctx.guests.get(normalizeObjectId(input.userId));
  if (!stored) return { kind: 'notFound' };
  const guest = stored.value;
  if (!sameObjectId(guest.invitedBy?.id, input.by.id) && !(await ctx.access.isAdmin(input.by))) return { kind: 'notYours' };
  if (guest.state === 'deleted') return { kind: 'alreadyGone', guest };
  if (guest.redemption !== 'pending') return { kind: 'alreadyAccepted', guest };
  try {
    const { found } = await ctx.accounts.getAccounts([guest.userId]);
    const account = found[0];
    if (account && (account.userType !== 'Guest' || account.externalUserState !== 'PendingAcceptance')) return { kind: 'alreadyAccepted', guest };
    if (account) await ctx.accounts.deleteAccount(guest.userId);
  } catch (error) {
    if (error instanceof DirectoryError) return { kind: 'failed', error };
    throw error;
  }
  const now = ctx.clock.now().toISOString();
  const by = { id: input.by.id, displayName: input.by.displayName };
  const changed = await changeGovernedGuest<undefined>(ctx.guests, guest.userId, (current) => {
    current.state = 'deleted';
    current.deletedAt = now;
    current.removalReason = 'neverRedeemed';
    current.dueAt = undefined;
    current.history.push({ at: now, what: 'invitation withdrawn', by });
    return { next: current, result: undefined };
  });
  if (!('changed' in changed)) return { kind: 'notFound' };
  await ctx.audit.append({
    at: now,
    event: 'guest.invitation.withdrawn',
    actor: by,
    subject: guest.address,
    requestId: guest.requestId,
    details: { userId: guest.userId },
  });
  return { kind: 'withdrawn', guest: changed.changed.value };
}
