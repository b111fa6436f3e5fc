import { randomBytes, randomUUID } from 'node:crypto';
import type { InvitedUserMessageInfo, SimulatedInvitation, SimulatedUser } from '../directory';
import { domainOf, invitationAddressProblem } from '../email-address';
import { GraphApiError } from '../graph-error';
import { parseInvitationFields, type InvitationFields } from './invitation-fields';
import type { Route, RouteContext, SimulatedRequest, SimulatedResponse } from './route-types';
import { requireObjectBody } from './route-types';

/**
 * POST /invitations, validated the way Graph documents it. Where Graph's behaviour is
 * undocumented the simulator picks an answer and says so:
 * - a domain on the deny list: 400 `BadRequest` "... is currently blocked by your invitation policy";
 * - an address in one of the tenant's own verified domains: 400 `BadRequest` (Entra says
 *   to filter these out; the real outcome is unspecified);
 * - an address that is only another object's SMTP proxy address: 400 `Request_BadRequest`
 *   "Another object with the same value for property proxyAddresses already exists.";
 * - re-inviting an address that already has a user returns that user; `status` is
 *   `Completed` if they have already redeemed, `PendingAcceptance` otherwise.
 */
function createInvitation(request: SimulatedRequest, _params: string[], context: RouteContext): SimulatedResponse {
  const fields = parseInvitationFields(requireObjectBody(request), context.directory);
  checkAddressPolicy(fields.invitedUserEmailAddress, context);
  const user = fields.resetRedemption ? resetRedemption(fields, context) : findOrCreateGuest(fields, context);
  if (fields.sponsorIds !== undefined) context.directory.setSponsors(user.id, fields.sponsorIds);

  const invitation: SimulatedInvitation = {
    id: randomUUID(),
    invitedUserId: user.id,
    invitedUserEmailAddress: fields.invitedUserEmailAddress,
    invitedUserDisplayName: fields.invitedUserDisplayName,
    invitedUserType: fields.invitedUserType,
    inviteRedirectUrl: fields.inviteRedirectUrl,
    inviteRedeemUrl: '',
    sendInvitationMessage: fields.sendInvitationMessage,
    invitedUserMessageInfo: fields.invitedUserMessageInfo,
    invitedUserSponsors: (fields.sponsorIds ?? []).map((id) => ({ id })),
    resetRedemption: fields.resetRedemption,
    status: user.externalUserState === 'Accepted' ? 'Completed' : 'PendingAcceptance',
    createdDateTime: context.now().toISOString(),
  };
  invitation.inviteRedeemUrl = redeemUrl(invitation, context);
  context.directory.recordInvitation(invitation);
  return { status: 201, body: invitationResource(invitation, request.origin) };
}

function checkAddressPolicy(address: string, { directory }: RouteContext): void {
  const problem = invitationAddressProblem(address);
  if (problem !== null) {
    const reason =
      problem === 'forbidden-character'
        ? 'contains a character that is not allowed'
        : problem === 'local-part-edge'
          ? "starts or ends its local part with '.' or '-'"
          : 'is not a valid email address';
    throw new GraphApiError(400, 'BadRequest', `The invited user email address '${address}' ${reason}.`);
  }
  const domain = domainOf(address);
  if (directory.isDomainBlocked(domain)) {
    throw new GraphApiError(
      400,
      'BadRequest',
      `The invited user's domain '${domain}' is currently blocked by your invitation policy.`,
    );
  }
  if (directory.isVerifiedDomain(domain)) {
    throw new GraphApiError(
      400,
      'BadRequest',
      `The invited user's domain '${domain}' is a verified domain of this organization; invite members directly.`,
    );
  }
}

function findOrCreateGuest(fields: InvitationFields, { directory }: RouteContext): SimulatedUser {
  const address = fields.invitedUserEmailAddress;
  const existing = directory.findUserByMailOrOtherMails(address);
  if (existing) return existing;
  if (directory.findUserByProxyAddress(address)) {
    throw new GraphApiError(
      400,
      'Request_BadRequest',
      'Another object with the same value for property proxyAddresses already exists.',
    );
  }
  return directory.createInvitedUser(address, fields.invitedUserDisplayName, fields.invitedUserType);
}

/** Reset redemption: same object, back to PendingAcceptance; the address must already be on the user. */
function resetRedemption(fields: InvitationFields, { directory }: RouteContext): SimulatedUser {
  if (fields.invitedUserId === undefined) {
    throw new GraphApiError(400, 'BadRequest', 'invitedUser.id is required when resetRedemption is true.');
  }
  const user = directory.findUser(fields.invitedUserId);
  if (!user) {
    throw new GraphApiError(400, 'BadRequest', `The invited user '${fields.invitedUserId}' does not exist.`);
  }
  const address = fields.invitedUserEmailAddress.toLowerCase();
  const known = [user.mail, ...user.otherMails].some((mail) => mail?.toLowerCase() === address);
  if (!known) {
    throw new GraphApiError(
      400,
      'BadRequest',
      "The email you're using to invite this user doesn't match any emails on the user object. " +
        'Add the email to the mail or otherMails property first.',
    );
  }
  return directory.markPendingAcceptance(user.id);
}

/** A fresh redeem URL per call, shaped like Graph's (an invitations.microsoft.com link wrapped in login's). */
function redeemUrl(invitation: SimulatedInvitation, { directory, redeemHost }: RouteContext): string {
  const ticket = randomBytes(24).toString('base64url');
  const inner =
    `https://invitations.microsoft.com/redeem/?tenant=${directory.tenantId}` +
    `&user=${invitation.id}&ticket=${ticket}&ver=2.0`;
  return `https://${redeemHost}/redeem?rd=${encodeURIComponent(inner)}`;
}

function invitationResource(invitation: SimulatedInvitation, origin: string): Record<string, unknown> {
  const messageInfo: InvitedUserMessageInfo = invitation.invitedUserMessageInfo;
  return {
    '@odata.context': `${origin}/v1.0/$metadata#invitations/$entity`,
    id: invitation.id,
    inviteRedeemUrl: invitation.inviteRedeemUrl,
    invitedUserDisplayName: invitation.invitedUserDisplayName,
    invitedUserType: invitation.invitedUserType,
    invitedUserEmailAddress: invitation.invitedUserEmailAddress,
    sendInvitationMessage: invitation.sendInvitationMessage,
    resetRedemption: invitation.resetRedemption,
    inviteRedirectUrl: invitation.inviteRedirectUrl,
    status: invitation.status,
    invitedUserMessageInfo: messageInfo,
    invitedUser: { id: invitation.invitedUserId },
  };
}

export const invitationRoutes: Route[] = [{ method: 'POST', pattern: /^\/invitations$/, handler: createInvitation }];
