import { Invitation, Organization } from '@microsoft/microsoft-graph-types';
import { AccountPort, DirectoryAccount } from '../invitation/account-port';
import { DirectoryPort, InvitationCommand, InvitationReceipt } from '../invitation/directory-port';
import { DirectoryUser } from '../invitation/directory-user';
import { GroupTarget, MemberAddition } from '../invitation/group-membership-port';
import { DirectoryPerson, PendingGuestListing, UsersById } from '../invitation/guest-directory-port';
import { MembershipPort } from '../invitation/membership-port';
import { GraphConnection } from './graph-client';
import { CallAuthority, GraphOperation, toDirectoryError } from './graph-errors';
import { invitationBody } from './graph-invitations';
import { GraphMemberships } from './graph-memberships';
import { GraphUsers } from './graph-users';

export { invitationBody } from './graph-invitations';
export { displayNamePrefixFilter, existingUserFilter, PENDING_FILTER } from './user-filters';

/**
 * Microsoft Entra ID through Microsoft Graph: the only code that knows Graph's URLs and shapes. The user queries
 * and the memberships live in their own classes; this one is the port the domain sees.
 */
export class GraphDirectory implements DirectoryPort, MembershipPort, AccountPort {
  private readonly users: GraphUsers;
  private readonly memberships: GraphMemberships;

  constructor(
    private readonly graph: GraphConnection,
    /** Whose authorization the connection's token carries; a refusal means something else for a person. */
    private readonly authority: CallAuthority = {},
  ) {
    this.users = new GraphUsers(graph, (run) => this.call('lookup', run));
    this.memberships = new GraphMemberships(graph);
  }

  async listVerifiedDomains(): Promise<string[]> {
    const page = await this.call('lookup', () =>
      this.graph.api('/organization').select(['id', 'verifiedDomains']).get() as Promise<{ value: Organization[] }>,
    );
    return page.value.flatMap((org) => org.verifiedDomains ?? []).map((domain) => (domain.name ?? '').toLowerCase()).filter(Boolean);
  }

  findUsersByEmail(email: string): Promise<DirectoryUser[]> {
    return this.users.findByEmail(email);
  }

  findUsersByDisplayNamePrefix(prefix: string, limit: number): Promise<DirectoryUser[]> {
    return this.users.findByDisplayNamePrefix(prefix, limit);
  }

  listPendingGuests(limit: number): Promise<PendingGuestListing> {
    return this.users.listPendingGuests(limit);
  }

  getUsersById(ids: string[]): Promise<UsersById> {
    return this.users.getById(ids);
  }

  accountOf(userId: string): Promise<DirectoryAccount | undefined> {
    return this.users.accountOf(userId);
  }

  listSponsors(userId: string): Promise<DirectoryPerson[]> {
    return this.users.listSponsors(userId);
  }

  async createInvitation(command: InvitationCommand): Promise<InvitationReceipt> {
    const created = await this.call('invite', () => this.graph.api('/invitations').post(invitationBody(command)) as Promise<Invitation>);
    return {
      userId: created.invitedUser?.id ?? '',
      redeemUrl: created.inviteRedeemUrl ?? '',
      status: created.status ?? 'PendingAcceptance',
    };
  }

  memberOf(userId: string, groupIds: string[]): Promise<string[]> {
    return this.memberships.memberOf(userId, groupIds);
  }

  membersOf(groupId: string, limit: number): Promise<string[]> {
    return this.memberships.membersOf(groupId, limit);
  }

  addMember(target: GroupTarget, userId: string): Promise<MemberAddition> {
    return this.memberships.addMember(target, userId);
  }

  private async call<T>(operation: GraphOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toDirectoryError(error, operation, this.authority);
    }
  }
}
