import { Invitation } from '@microsoft/microsoft-graph-types';
import { InvitationCommand } from '../invitation/directory-port';

/** The POST /invitations body for a command: only what was asked for, in Graph's shape. */
export function invitationBody(command: InvitationCommand): Invitation {
  const messageInfo: Invitation['invitedUserMessageInfo'] = {};
  if (command.customMessage) messageInfo.customizedMessageBody = command.customMessage;
  if (command.messageLanguage) messageInfo.messageLanguage = command.messageLanguage;
  if (command.ccRecipient) messageInfo.ccRecipients = [{ emailAddress: { address: command.ccRecipient } }];
  const body: Invitation = {
    invitedUserEmailAddress: command.email,
    inviteRedirectUrl: command.redirectUrl,
    sendInvitationMessage: command.sendEmail,
    invitedUserType: command.userType,
  };
  if (command.displayName) body.invitedUserDisplayName = command.displayName;
  if (Object.keys(messageInfo).length > 0) body.invitedUserMessageInfo = messageInfo;
  if (command.sponsorIds.length > 0) body.invitedUserSponsors = command.sponsorIds.map((id) => ({ id }));
  if (command.resetRedemptionOfUserId) {
    body.resetRedemption = true;
    body.invitedUser = { id: command.resetRedemptionOfUserId };
  }
  return body;
}
