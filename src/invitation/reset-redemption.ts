import { DirectoryUser } from './directory-user';
import { parseEmailAddress, sameAddress } from './email-address';
import { findGuest, GuestLookup, GuestRef } from './find-guest';
import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';
import { claimOnce } from './one-time-claim';
import { failureMayHaveSent } from './resend-limit';
import { sendReinvitation } from './reinvitation';
import { Requester } from './requester';

export type ResetOutcome =
  | Exclude<GuestLookup, { kind: 'found' }>
  | { kind: 'adminsOnly' }
  | { kind: 'notInvited'; user: DirectoryUser }
  /**
   * Entra moves a guest only to an address already in their `mail` or `otherMails`; checked here so the person
   * gets the reason and the fix rather than Graph's refusal.
   */
  | { kind: 'addressNotOnAccount'; user: DirectoryUser; email: string; known: string[] }
  | { kind: 'reset'; user: DirectoryUser; email: string }
  /** The same confirmation was carried out before (a second press): nothing was done again. */
  | { kind: 'alreadyDone'; user: DirectoryUser; email: string };

/**
 * Resets a guest's redemption: the same object (id, groups, app assignments) goes back to "invitation pending" and
 * the guest redeems again, with the same address or one of their others. Admins only, since it changes who can
 * sign in to the account; Graph needs User.ReadWrite.All for it (User.Invite.All is not enough).
 */
export async function resetRedemption(
  ctx: InvitationContext,
  by: Requester,
  ref: GuestRef,
  newEmail?: string,
  /** Names this one reset (a confirmation's token): asked again with the same token, it is not done twice. */
  once?: string,
): Promise<ResetOutcome> {
  const checked = await checkReset(ctx, by, ref, newEmail);
  if (checked.kind !== 'ready') return checked;
  const { user, request, email } = checked;
  const claim = once === undefined ? undefined : await claimOnce(ctx.state, resetClaimKey(user.id, once), ctx.clock.now());
  if (claim?.kind === 'used') return { kind: 'alreadyDone', user, email };
  // Read before the call: afterwards the account is pending again.
  const previousState = user.externalUserState;
  const sent = await sendReinvitation(
    ctx,
    by,
    { user, request },
    { email, sendEmail: true, resetRedemption: true },
    { event: 'guest.redemption.reset', details: { previousState } },
  );
  if (!sent.ok) {
    // Asked again, it may run unless Entra may have acted already (a timeout or a dropped connection).
    if (claim?.kind === 'claimed' && !failureMayHaveSent(sent.error)) await claim.release();
    return { kind: 'failed', error: sent.error };
  }
  return { kind: 'reset', user, email };
}

/** Tokens come back from a card: bounded, and only characters that cannot reshape the key. */
const ONCE_TOKEN = /^[A-Za-z0-9:.@_-]{1,100}$/;

export function isResetToken(value: unknown): value is string {
  return typeof value === 'string' && ONCE_TOKEN.test(value);
}

const resetClaimKey = (userId: string, once: string) => `reset:once:${userId.toLowerCase()}:${once}`;

export type ResetCheck = Exclude<ResetOutcome, { kind: 'reset' | 'alreadyDone' }> | ReadyToReset;

interface ReadyToReset {
  kind: 'ready';
  user: DirectoryUser;
  request?: InvitationRequest;
  /** The address the guest will redeem with. */
  email: string;
}

/**
 * Everything a reset checks before Graph is asked: who asks, which account, which address. A confirmation is
 * offered only for a reset that can go ahead, and the reset itself checks again (the account may have changed).
 */
export async function checkReset(ctx: InvitationContext, by: Requester, ref: GuestRef, newEmail?: string): Promise<ResetCheck> {
  if (!(await ctx.access.isAdmin(by))) return { kind: 'adminsOnly' };
  const target = newEmail === undefined ? undefined : parseEmailAddress(newEmail);
  if (newEmail !== undefined && !target) return { kind: 'invalidAddress', text: newEmail.slice(0, 80) };
  const lookup = await findGuest(ctx, ref);
  if (lookup.kind !== 'found') return lookup;
  const { user, request } = lookup;
  if (user.externalUserState === null) return { kind: 'notInvited', user };

  // mail is usually repeated in otherMails; each address is listed once.
  const known = [user.mail, ...(user.otherMails ?? [])]
    .filter((mail): mail is string => !!mail)
    .filter((mail, index, all) => all.findIndex((other) => sameAddress(other, mail)) === index);
  const email = target?.value ?? known[0];
  if (!email || !known.some((mail) => sameAddress(mail, email))) {
    return { kind: 'addressNotOnAccount', user, email: email ?? ('email' in ref ? ref.email : ''), known };
  }
  return { kind: 'ready', user, request, email };
}
