/** A group or a team a guest can be added to; a team is addressed through its own API. */
export interface GroupTarget {
  id: string;
  kind: 'group' | 'team';
}

/**
 * "Already a member" is success: the guest is where the request wanted them. `addedToTeamGroup`: the team's own
 * API refused the guest and they were added to the team's Microsoft 365 group instead, which Teams mirrors into
 * the team after a while.
 */
export type MemberAddition = 'added' | 'alreadyMember' | 'addedToTeamGroup';

/** Adds people to groups and teams. */
export interface GroupMembershipPort {
  /**
   * Adds the user. A user created moments ago may not have reached every directory replica yet: that shows as a
   * `DirectoryError` of kind `notFound` (or `rejected`), which callers retry later.
   */
  addMember(target: GroupTarget, userId: string): Promise<MemberAddition>;
}
