import { DirectoryUser } from './directory-user';
import { GroupMembershipPort } from './group-membership-port';
import { GuestDirectoryPort } from './guest-directory-port';

/** The invitation as the directory receives it; built only from a validated request. */
export interface InvitationCommand {
  email: string;
  displayName?: string;
  redirectUrl: string;
  sendEmail: boolean;
  customMessage?: string;
  ccRecipient?: string;
  messageLanguage?: string;
  userType: 'Guest' | 'Member';
  /** Object ids of the guest's sponsors (the requester); empty where the cloud does not support sponsors. */
  sponsorIds: string[];
  /** Set to reset the redemption of this existing guest instead of inviting a new one. */
  resetRedemptionOfUserId?: string;
}

export interface InvitationReceipt {
  userId: string;
  /** Returned by Entra for every invitation; only shown to people when the email was withheld. */
  redeemUrl: string;
  status: string;
}

/**
 * The directory GuestPass manages (Microsoft Entra ID through Graph, or the sandbox's simulated one).
 * Implementations throw `DirectoryError` and nothing else. The guest lifecycle's questions and group changes are
 * declared in their own ports and included here, so one gateway serves every use case.
 */
export interface DirectoryPort extends GuestDirectoryPort, GroupMembershipPort {
  /** The tenant's verified domain names, lower-cased. */
  listVerifiedDomains(): Promise<string[]>;
  /** Users whose userPrincipalName (also the guest `#EXT#` form), mail, proxyAddresses or otherMails is `email`. */
  findUsersByEmail(email: string): Promise<DirectoryUser[]>;
  createInvitation(command: InvitationCommand): Promise<InvitationReceipt>;
}
