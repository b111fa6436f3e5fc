import { DirectoryError } from './directory-error';
import { InvitationCommand, InvitationReceipt } from './directory-port';
import { DirectoryUser } from './directory-user';
import { InvitationContext } from './invitation-context';
import { invitationDefaults } from './invitation-defaults';
import { InvitationRequest } from './invitation-request';
import { Requester } from './requester';

export interface ReinvitationOptions {
  email: string;
  sendEmail: boolean;
  resetRedemption?: boolean;
}

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
  options: ReinvitationOptions,
): InvitationCommand {
  const original = request?.invitation;
  return {
    email: options.email,
    redirectUrl: original?.redirectUrl ?? invitationDefaults(ctx).redirectUrl,
    sendEmail: options.sendEmail,
    customMessage: original?.customMessage,
    messageLanguage: original?.messageLanguage,
    userType: original?.userType ?? (user.userType === 'Member' ? 'Member' : 'Guest'),
    sponsorIds: [],
    ...(options.resetRedemption ? { resetRedemptionOfUserId: user.id } : {}),
  };
}

/**
 * Re-invites `user` (resend, new link, reset) and records it in the audit trail under `event`. Directory failures
 * come back as a value for the caller's outcome; the receipt's redeem URL is for the caller only, never audited.
 */
export async function sendReinvitation(
  ctx: InvitationContext,
  by: Requester,
  target: { user: DirectoryUser; request: InvitationRequest | undefined },
  options: ReinvitationOptions,
  audit: { event: string; details?: Record<string, string | number | boolean | null> },
): Promise<{ ok: true; receipt: InvitationReceipt } | { ok: false; error: DirectoryError }> {
  let receipt: InvitationReceipt;
  try {
    receipt = await ctx.directory.createInvitation(reinvitation(ctx, target.user, target.request, options));
  } catch (error) {
    if (error instanceof DirectoryError) return { ok: false, error };
    throw error;
  }
  await ctx.audit.append({
    at: ctx.clock.now().toISOString(),
    event: audit.event,
    requestId: target.request?.id,
    actor: { id: by.id, displayName: by.displayName },
    subject: options.email,
    details: { userId: target.user.id, ...audit.details },
  });
  return { ok: true, receipt };
}
