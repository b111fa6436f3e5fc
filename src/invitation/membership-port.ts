/** Answers group-membership questions about people (Graph `checkMemberGroups`, transitive). */
export interface MembershipPort {
  /** Which of `groupIds` the user belongs to, directly or through nested groups. */
  memberOf(userId: string, groupIds: string[]): Promise<string[]>;
}
