/** Answers group-membership questions about people (Graph, transitive through nested groups). */
export interface MembershipPort {
  /** Which of `groupIds` the user belongs to, directly or through nested groups. */
  memberOf(userId: string, groupIds: string[]): Promise<string[]>;
  /** Object ids of the users in the group, directly or through nested groups; at most `limit`. */
  membersOf(groupId: string, limit: number): Promise<string[]>;
}
