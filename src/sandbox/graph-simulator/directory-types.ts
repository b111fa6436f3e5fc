import type { SimulatedTeamsApp } from './teamwork';

/** The shapes of the Graph simulator's directory: what it keeps, what seeds it, what a snapshot holds. */

export interface SimulatedUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  otherMails: string[];
  proxyAddresses: string[];
  userType: 'Member' | 'Guest';
  externalUserState: string | null;
  externalUserStateChangeDateTime: string | null;
  creationType: string | null;
  createdDateTime: string;
  givenName: string | null;
  surname: string | null;
  accountEnabled: boolean;
  /** What Graph returns as `signInActivity` (only when `$select`ed); null for a user who never signed in. */
  signInActivity: SimulatedSignInActivity | null;
}

/** Graph's `signInActivity` complex type (all six properties of the v1.0 schema). */
export interface SimulatedSignInActivity {
  lastSignInDateTime: string | null;
  lastSignInRequestId: string | null;
  lastNonInteractiveSignInDateTime: string | null;
  lastNonInteractiveSignInRequestId: string | null;
  lastSuccessfulSignInDateTime: string | null;
  lastSuccessfulSignInRequestId: string | null;
}

/** A user's sponsor: a user or a group. */
export type SponsorObject = { kind: 'user'; user: SimulatedUser } | { kind: 'group'; group: SimulatedGroup };

/** A user DELETE /users/{id} moved to the directory's deleted items (restorable in Entra for 30 days). */
export interface DeletedUser {
  user: SimulatedUser;
  deletedDateTime: string;
  sponsorIds: string[];
}

export interface SimulatedGroup {
  id: string;
  displayName: string;
  /** A team is a Microsoft 365 group with a team behind it: both /groups and /teams address it. */
  isTeam: boolean;
  memberIds: string[];
}

export interface VerifiedDomain {
  name: string;
  isDefault: boolean;
  isInitial: boolean;
}

/** A seed user: only the display name and UPN are required; the rest gets member defaults. */
export type SimulatedUserSeed = Pick<SimulatedUser, 'displayName' | 'userPrincipalName'> &
  Partial<SimulatedUser> & {
    /** Object ids of the user's sponsors (what GET /users/{id}/sponsors returns). */
    sponsorIds?: string[];
    /** A successful interactive sign-in at this time (ISO 8601), as `recordSignIn` writes it. */
    lastSignInDateTime?: string;
  };

/** What `updateUser` may change: the indexed addresses, plus the names and `accountEnabled` tests set. */
export type SimulatedUserChanges = Partial<
  Pick<
    SimulatedUser,
    'userPrincipalName' | 'mail' | 'otherMails' | 'proxyAddresses' | 'displayName' | 'givenName' | 'surname' | 'accountEnabled'
  >
>;

export type SimulatedGroupSeed = Pick<SimulatedGroup, 'id' | 'displayName'> & Partial<SimulatedGroup>;

export interface DirectorySeed {
  tenantId: string;
  organizationName: string;
  verifiedDomains: VerifiedDomain[];
  users: SimulatedUserSeed[];
  groups?: SimulatedGroupSeed[];
  /** The tenant's B2B deny list: invitations to these domains (and their subdomains) fail. */
  blockedDomains?: string[];
  /** The tenant's Teams app catalog (organization apps). */
  teamsApps?: SimulatedTeamsApp[];
  /** Whether the tenant has Entra ID P1 or P2, without which Graph refuses `signInActivity` (403); true by default. */
  premium?: boolean;
}

export interface InvitedUserMessageInfo {
  messageLanguage: string | null;
  customizedMessageBody: string | null;
  ccRecipients: { emailAddress: { name: string | null; address: string | null } }[];
}

/** One accepted POST /invitations, as the simulator stored it. */
export interface SimulatedInvitation {
  id: string;
  invitedUserId: string;
  invitedUserEmailAddress: string;
  invitedUserDisplayName: string | null;
  invitedUserType: 'Guest' | 'Member';
  inviteRedirectUrl: string;
  inviteRedeemUrl: string;
  sendInvitationMessage: boolean;
  invitedUserMessageInfo: InvitedUserMessageInfo;
  invitedUserSponsors: { id: string }[];
  resetRedemption: boolean;
  status: 'PendingAcceptance' | 'Completed';
  createdDateTime: string;
}

/** What `snapshot` returns and `restore` takes: everything a request can change. */
export interface DirectorySnapshot {
  users: (SimulatedUser & { sponsorIds?: string[] })[];
  groups: SimulatedGroup[];
  invitations: SimulatedInvitation[];
  blockedDomains: string[];
  /** Absent in files written before deletion was simulated. */
  deletedUsers?: DeletedUser[];
}
