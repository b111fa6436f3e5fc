import { DirectoryError } from './directory-error';
import { DirectoryUser } from './directory-user';
import { GuestRef } from './find-guest';
import { InvitationContext } from './invitation-context';
import { sendReinvitation } from './reinvitation';
import { Requester } from './requester';
import { findPendingGuest, GuestActionRefusal } from './resend-invitation';

export type RedeemLinkOutcome =
  | GuestActionRefusal
  /** `redeemUrl` is for the person who asked, and for nobody else: never store, log or post it in a shared chat. */
  | { kind: 'issued'; user: DirectoryUser; email: string; redeemUrl: string };

/**
 * A fresh redeem URL for a guest who has not redeemed yet, made by re-inviting with the email withheld (Entra
 * returns the URL only when an invitation is created). The audit records that a link was issued, not the link.
 */
export async function issueRedeemLink(ctx: InvitationContext, by: Requester, ref: GuestRef): Promise<RedeemLinkOutcome> {
  const found = await findPendingGuest(ctx, by, ref, 'newLink');
  if (found.kind !== 'ready') return found;
  const { user, request, email } = found;
  const sent = await sendReinvitation(ctx, by, { user, request }, { email, sendEmail: false }, { event: 'guest.link.issued' });
  if (!sent.ok) return { kind: 'failed', error: sent.error };
  const redeemUrl = sent.receipt.redeemUrl;
  if (!redeemUrl) return { kind: 'failed', error: new DirectoryError('unknown', 'Entra returned no redeem URL') };
  return { kind: 'issued', user, email, redeemUrl };
}
