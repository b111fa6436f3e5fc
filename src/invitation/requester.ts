/** The person asking GuestPass to do something, as the transport identified them. */
export interface Requester {
  /** Entra object id of the person (Teams `from.aadObjectId`). */
  id: string;
  displayName: string;
  userPrincipalName?: string;
  /**
   * What the chat platform says about the account (Teams' `userRole`), when it said anything. Only a hint that
   * can refuse: the directory has the last word on who is a member.
   */
  platformRole?: PlatformRole;
  /** BCP 47 tag of the requester's client, e.g. `tr-TR`. */
  locale?: string;
}

export type PlatformRole = 'user' | 'guest' | 'anonymous';
