import { InvitationCommand } from './directory-port';
import { DirectoryUser } from './directory-user';
import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';

/**
 * The POST /invitations that re-invites an existing guest: Graph has no resend or "new link" endpoint, and
 * re-inviting the same address returns the same user with a new redeem URL. What GuestPass knows of the original
 * request (landing page, message, language) is kept so the new email reads like the first one. No sponsors are
 * named: naming them would replace the guest's current sponsors.
 */
export function reinvitation(
  ctx: InvitationContext,
  user: DirectoryUser,
  request: InvitationRequest | undefined,
  options: { email: string; sendEmail: boolean; resetRedemption?: boolean },
): InvitationCommand {
  const original = request?.invitation;
  return {
    email: options.email,
    redirectUrl: original?.redirectUrl ?? ctx.limits.defaultRedirectUrl,
    sendEmail: options.sendEmail,
    customMessage: original?.customMessage,
    messageLanguage: original?.messageLanguage,
    userType: original?.userType ?? (user.userType === 'Member' ? 'Member' : 'Guest'),
    sponsorIds: [],
    ...(options.resetRedemption ? { resetRedemptionOfUserId: user.id } : {}),
  };
}
