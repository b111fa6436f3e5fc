import { DirectoryError, DirectoryErrorKind } from '../invitation/directory-error';
import { GroupTarget, MemberAddition } from '../invitation/group-membership-port';
import { sameObjectId } from '../invitation/object-id';
import { GraphConnection } from './graph-client';
import { toDirectoryError } from './graph-errors';
import { collectPages, GraphPage } from './graph-paging';

/** `checkMemberGroups` takes at most 20 group ids per call. */
const CHECK_MEMBER_GROUPS_LIMIT = 20;
/** How the Teams API refuses to add a guest (rights, or a 400 that is not "already a member"). */
const TEAM_REFUSALS: ReadonlySet<DirectoryErrorKind> = new Set(['insufficientPrivileges', 'rejected']);

/** Group and team membership through Graph: the transitive check access control needs, and adding guests. */
export class GraphMemberships {
  constructor(private readonly graph: GraphConnection) {}

  async memberOf(userId: string, groupIds: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let start = 0; start < groupIds.length; start += CHECK_MEMBER_GROUPS_LIMIT) {
      const slice = groupIds.slice(start, start + CHECK_MEMBER_GROUPS_LIMIT);
      try {
        const answer = (await this.graph.api(`/users/${encodeURIComponent(userId)}/checkMemberGroups`).post({ groupIds: slice })) as { value: string[] };
        found.push(...answer.value);
      } catch (error) {
        throw toDirectoryError(error, 'membership');
      }
    }
    return found;
  }

  /**
   * `GET /groups/{id}/transitiveMembers/microsoft.graph.user`: the people in a group, nested groups included. The
   * cast to users is an advanced query, which Graph answers only with `ConsistencyLevel: eventual` and
   * `$count=true` (on every page).
   */
  async membersOf(groupId: string, limit: number): Promise<string[]> {
    try {
      const get = (path: string) => this.graph.api(path).header('ConsistencyLevel', 'eventual').get() as Promise<GraphPage<{ id?: string }>>;
      const first = (await this.graph
        .api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user`)
        .header('ConsistencyLevel', 'eventual')
        .count(true)
        .select(['id'])
        .top(Math.min(999, Math.max(1, limit)))
        .get()) as GraphPage<{ id?: string }>;
      const { items } = await collectPages(this.graph, first, limit, get);
      return items.map((user) => user.id ?? '').filter(Boolean);
    } catch (error) {
      throw toDirectoryError(error, 'membership');
    }
  }

  /**
   * Graph answers 400 both for "already a member" and, shortly after the user was created, for "the referenced
   * object does not exist". Rather than read the message (it is not a contract), a 400 is settled by asking
   * whether the user is now a member: yes means success, no leaves the error for the caller to retry.
   *
   * `POST /teams/{id}/members` may refuse a guest outright, notably with application permissions (403, or 400
   * when the app lacks TeamMember.ReadWriteNonOwnerRole.All). A team is a Microsoft 365 group with the same id,
   * and Teams mirrors the group's members into the team: on that refusal the guest is added to the group.
   */
  async addMember(target: GroupTarget, userId: string): Promise<MemberAddition> {
    try {
      return await this.add(target, userId);
    } catch (caught) {
      if (target.kind !== 'team' || !(caught instanceof DirectoryError) || !TEAM_REFUSALS.has(caught.kind)) throw caught;
      const throughGroup = await this.add({ id: target.id, kind: 'group' }, userId);
      return throughGroup === 'added' ? 'addedToTeamGroup' : throughGroup;
    }
  }

  private async add(target: GroupTarget, userId: string): Promise<MemberAddition> {
    try {
      await this.graph.api(memberPath(target)).post(memberBody(target, userId, this.graph.baseUrl));
      return 'added';
    } catch (caught) {
      const error = toDirectoryError(caught, 'addToGroup');
      if (error.kind === 'alreadyExists') return 'alreadyMember';
      if (error.kind === 'rejected' && (await this.isMember(userId, target.id))) return 'alreadyMember';
      throw error;
    }
  }

  private async isMember(userId: string, groupId: string): Promise<boolean> {
    try {
      return (await this.memberOf(userId, [groupId])).some((id) => sameObjectId(id, groupId));
    } catch (error) {
      if (error instanceof DirectoryError) return false;
      throw error;
    }
  }
}

export function memberPath(target: GroupTarget): string {
  const id = encodeURIComponent(target.id);
  return target.kind === 'team' ? `/teams/${id}/members` : `/groups/${id}/members/$ref`;
}

/** The reference bodies Graph documents; they name the user on this connection's own cloud. */
export function memberBody(target: GroupTarget, userId: string, baseUrl: string): Record<string, unknown> {
  const root = `${new URL(baseUrl).origin}/v1.0`;
  if (target.kind === 'team') {
    return {
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      // A guest keeps the guest role; asking for none makes a plain member of anyone else.
      roles: [],
      'user@odata.bind': `${root}/users('${userId}')`,
    };
  }
  return { '@odata.id': `${root}/directoryObjects/${userId}` };
}
