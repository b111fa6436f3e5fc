import { Invitation, Organization, User } from '@microsoft/microsoft-graph-types';
import { DirectoryPort, InvitationCommand, InvitationReceipt } from '../invitation/directory-port';
import { DirectoryUser } from '../invitation/directory-user';
import { MembershipPort } from '../invitation/membership-port';
import { GraphConnection } from './graph-client';
import { GraphOperation, toDirectoryError } from './graph-errors';
import { encodeQueryValue, odataString } from './odata';
import { toDirectoryUser, USER_SELECT } from './user-mapping';

/** `checkMemberGroups` takes at most 20 group ids per call. */
const CHECK_MEMBER_GROUPS_LIMIT = 20;

/** Microsoft Entra ID through Microsoft Graph: the only code that knows Graph's URLs and shapes. */
export class GraphDirectory implements DirectoryPort, MembershipPort {
  constructor(private readonly graph: GraphConnection) {}

  async listVerifiedDomains(): Promise<string[]> {
    const page = await this.call('lookup', () =>
      this.graph.api('/organization').select(['id', 'verifiedDomains']).get() as Promise<{ value: Organization[] }>,
    );
    return page.value.flatMap((org) => org.verifiedDomains ?? []).map((domain) => (domain.name ?? '').toLowerCase()).filter(Boolean);
  }

  async findUsersByEmail(email: string): Promise<DirectoryUser[]> {
    const page = await this.call('lookup', () =>
      this.graph
        .api('/users')
        .filter(encodeQueryValue(existingUserFilter(email)))
        .select(USER_SELECT)
        .top(10)
        .get() as Promise<{ value: User[] }>,
    );
    return page.value.map(toDirectoryUser);
  }

  async createInvitation(command: InvitationCommand): Promise<InvitationReceipt> {
    const created = await this.call('invite', () => this.graph.api('/invitations').post(invitationBody(command)) as Promise<Invitation>);
    return {
      userId: created.invitedUser?.id ?? '',
      redeemUrl: created.inviteRedeemUrl ?? '',
      status: created.status ?? 'PendingAcceptance',
    };
  }

  async memberOf(userId: string, groupIds: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let start = 0; start < groupIds.length; start += CHECK_MEMBER_GROUPS_LIMIT) {
      const slice = groupIds.slice(start, start + CHECK_MEMBER_GROUPS_LIMIT);
      const answer = await this.call('membership', () =>
        this.graph.api(`/users/${encodeURIComponent(userId)}/checkMemberGroups`).post({ groupIds: slice }) as Promise<{ value: string[] }>,
      );
      found.push(...answer.value);
    }
    return found;
  }

  private async call<T>(operation: GraphOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toDirectoryError(error, operation);
    }
  }
}

/**
 * One request finds a user by any address Entra keeps: the UPN (members), the `local_domain#EXT#@…` UPN of a
 * guest, mail, proxyAddresses and otherMails. All clauses are supported by default (no advanced query needed).
 */
export function existingUserFilter(email: string): string {
  const guestUpnPrefix = `${email.replace('@', '_')}#EXT#@`;
  return [
    `userPrincipalName eq ${odataString(email)}`,
    `startswith(userPrincipalName,${odataString(guestUpnPrefix)})`,
    `mail eq ${odataString(email)}`,
    `proxyAddresses/any(x:x eq ${odataString(`SMTP:${email}`)})`,
    `otherMails/any(x:x eq ${odataString(email)})`,
  ].join(' or ');
}

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
