import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';
import { sameObjectId } from './object-id';
import { Requester } from './requester';

/** What a person may do to an existing guest. */
export interface GuestActionRights {
  /** Ask Entra to email the guest again: harmless (it goes to the guest), so anyone who may invite. */
  resend: boolean;
  /**
   * Get a fresh redeem URL. The URL is a credential: whoever redeems it first owns the guest account, with its
   * group memberships. So only the person who asked for this guest through GuestPass (while they may still
   * invite: a new link is an invitation in all but name), or an admin.
   */
  newLink: boolean;
  /** Reset the redemption (the guest signs in again, maybe with another address): admins only. */
  reset: boolean;
}

export async function guestActionRights(
  ctx: InvitationContext,
  person: Requester,
  request: InvitationRequest | undefined,
): Promise<GuestActionRights> {
  const isAdmin = await ctx.access.isAdmin(person);
  const isRequester = request !== undefined && sameObjectId(request.requester.id, person.id);
  const mayInvite = isAdmin || (await ctx.access.mayInvite(person));
  return {
    resend: mayInvite,
    newLink: isAdmin || (isRequester && mayInvite),
    reset: isAdmin,
  };
}
