import { DirectoryError } from '../invitation/directory-error';
import { DirectoryPort, InvitationCommand, InvitationReceipt } from '../invitation/directory-port';
import { DirectoryUser } from '../invitation/directory-user';
import { GroupTarget, MemberAddition } from '../invitation/group-membership-port';
import { DirectoryPerson, PendingGuestListing, UsersById } from '../invitation/guest-directory-port';
import { MembershipPort } from '../invitation/membership-port';
import { GraphDirectory } from './graph-directory';

/** The person on whose behalf the current work runs, as the transport knows them. */
export interface ActingPerson {
  /** Their sign-on token for this app (the on-behalf-of assertion); undefined when they have not signed in. */
  assertion(): Promise<string | undefined>;
}

export interface DelegatingDirectoryOptions {
  mode: 'delegated' | 'delegated-app-lookups';
  /** The app's own authority: application permissions. */
  app: GraphDirectory;
  /** A directory acting with a person's authority, for their sign-on token. */
  onBehalfOf(assertion: string): GraphDirectory;
  /** Whose turn this is; undefined outside any person's turn (background jobs, the command line). */
  actingPerson(): ActingPerson | undefined;
}

/**
 * The directory ports with each operation routed to the authority it should carry. In a person's turn, changes
 * (invitations, resend, link and reset, which all POST /invitations, and group additions) always carry the
 * person's: without a sign-in they fail with `signInRequired` and nothing is sent with the app's authority
 * instead. Lookups carry the person's in `delegated` mode and the app's in `delegated-app-lookups`.
 *
 * Membership checks (`memberOf`) answer GuestPass's own policy questions (is this person an inviter, approver,
 * admin), evaluated alike for everyone and also where nobody is signed in (an approval card's refresh), so they
 * always carry the app's authority. Outside any person's turn (jobs, the CLI) everything does.
 */
export class DelegatingDirectory implements DirectoryPort, MembershipPort {
  constructor(private readonly options: DelegatingDirectoryOptions) {}

  async listVerifiedDomains(): Promise<string[]> {
    return (await this.forLookup()).listVerifiedDomains();
  }

  async findUsersByEmail(email: string): Promise<DirectoryUser[]> {
    return (await this.forLookup()).findUsersByEmail(email);
  }

  async findUsersByDisplayNamePrefix(prefix: string, limit: number): Promise<DirectoryUser[]> {
    return (await this.forLookup()).findUsersByDisplayNamePrefix(prefix, limit);
  }

  async listPendingGuests(limit: number): Promise<PendingGuestListing> {
    return (await this.forLookup()).listPendingGuests(limit);
  }

  async getUsersById(ids: string[]): Promise<UsersById> {
    return (await this.forLookup()).getUsersById(ids);
  }

  async listSponsors(userId: string): Promise<DirectoryPerson[]> {
    return (await this.forLookup()).listSponsors(userId);
  }

  async createInvitation(command: InvitationCommand): Promise<InvitationReceipt> {
    return (await this.forChange()).createInvitation(command);
  }

  async addMember(target: GroupTarget, userId: string): Promise<MemberAddition> {
    return (await this.forChange()).addMember(target, userId);
  }

  memberOf(userId: string, groupIds: string[]): Promise<string[]> {
    return this.options.app.memberOf(userId, groupIds);
  }

  /** Like memberOf: who the approvers are is GuestPass's own question, asked with the app's authority. */
  membersOf(groupId: string, limit: number): Promise<string[]> {
    return this.options.app.membersOf(groupId, limit);
  }

  private async forChange(): Promise<GraphDirectory> {
    const person = this.options.actingPerson();
    if (!person) return this.options.app;
    const assertion = await person.assertion();
    if (!assertion) throw new DirectoryError('signInRequired', 'This needs the acting person\'s sign-in, which is missing');
    return this.options.onBehalfOf(assertion);
  }

  private forLookup(): Promise<GraphDirectory> {
    return this.options.mode === 'delegated' ? this.forChange() : Promise.resolve(this.options.app);
  }
}
