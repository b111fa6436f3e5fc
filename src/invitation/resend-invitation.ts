import { DirectoryUser } from './directory-user';
import { findGuest, GuestLookup, GuestRef, guestAddress } from './find-guest';
import { guestActionRights } from './guest-action-rights';
import { InvitationContext } from './invitation-context';
import { sendReinvitation } from './reinvitation';
import { Requester } from './requester';
import { claimResend, failureMayHaveSent, ResendLimitRefusal } from './resend-limit';

/** Why a guest cannot get what was asked, for resend and new-link alike. */
export type GuestActionRefusal =
  | Exclude<GuestLookup, { kind: 'found' }>
  | { kind: 'notAllowed' }
  /** Entra never invited this account (externalUserState is null): a member or a self-service sign-up. */
  | { kind: 'notInvited'; user: DirectoryUser }
  | { kind: 'alreadyAccepted'; user: DirectoryUser };

export type ResendOutcome =
  | GuestActionRefusal
  | (ResendLimitRefusal & { user: DirectoryUser; email: string })
  | { kind: 'resent'; user: DirectoryUser; email: string };

/**
 * Sends the invitation email again to a guest who has not redeemed it yet, within the policy's resend limits
 * (resend-limit.ts). The Teams command, the status card's button and the command line all come here.
 */
export async function resendInvitation(ctx: InvitationContext, by: Requester, ref: GuestRef): Promise<ResendOutcome> {
  const found = await findPendingGuest(ctx, by, ref, 'resend');
  if (found.kind !== 'ready') return found;
  const { user, request, email } = found;
  const claim = await claimResend(ctx, by, user.id);
  if ('kind' in claim) return { ...claim, user, email };
  const sent = await sendReinvitation(ctx, by, { user, request }, { email, sendEmail: true }, { event: 'guest.invitation.resent' });
  if (!sent.ok) {
    if (!failureMayHaveSent(sent.error)) await claim.release();
    return { kind: 'failed', error: sent.error };
  }
  return { kind: 'resent', user, email };
}

/**
 * The guest behind `ref`, if `by` may act on them and the invitation is still waiting. Only people who may invite
 * get an answer at all, and rights are checked before state, so nobody learns about a guest they may not touch.
 */
export async function findPendingGuest(ctx: InvitationContext, by: Requester, ref: GuestRef, right: 'resend' | 'newLink') {
  if (!(await ctx.access.mayInvite(by))) return { kind: 'notAllowed' } as const;
  const lookup = await findGuest(ctx, ref);
  if (lookup.kind !== 'found') return lookup;
  const { user, request } = lookup;
  if (!(await guestActionRights(ctx, by, request))[right]) return { kind: 'notAllowed' } as const;
  if (user.externalUserState === null) return { kind: 'notInvited', user } as const;
  if (user.externalUserState === 'Accepted') return { kind: 'alreadyAccepted', user } as const;
  const email = guestAddress(user, ref);
  if (!email) return { kind: 'notFound', query: user.id } as const;
  return { kind: 'ready', user, request, email } as const;
}
