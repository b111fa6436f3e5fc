import { randomUUID } from 'node:crypto';
import type { FilterTerm } from './odata-filter';
import { SimulatedTeamwork } from './teamwork';
import type {
  DeletedUser,
  DirectorySeed,
  DirectorySnapshot,
  SimulatedGroup,
  SimulatedInvitation,
  SimulatedSignInActivity,
  SimulatedUser,
  SimulatedUserChanges,
  SimulatedUserSeed,
  SponsorObject,
  VerifiedDomain,
} from './directory-types';
import { UserIndex } from './user-index';

export type * from './directory-types';

/** A successful interactive sign-in at `at`; the request ids are made up, as Graph's are opaque. */
function signInAt(at: string): SimulatedSignInActivity {
  const requestId = randomUUID();
  return {
    lastSignInDateTime: at,
    lastSignInRequestId: requestId,
    lastNonInteractiveSignInDateTime: null,
    lastNonInteractiveSignInRequestId: null,
    lastSuccessfulSignInDateTime: at,
    lastSuccessfulSignInRequestId: requestId,
  };
}

const sameText = (a: string | null | undefined, b: string): boolean =>
  typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * The in-memory directory behind the Graph simulator: users, groups (and teams),
 * invitations and sponsors. Routes read and change it; tests inspect and arrange it
 * directly (e.g. `acceptInvitation` stands in for the guest clicking the redeem link).
 */
export class SimulatedDirectory {
  readonly tenantId: string;
  readonly organizationName: string;
  readonly verifiedDomains: readonly VerifiedDomain[];
  private readonly userList: SimulatedUser[] = [];
  private index = new UserIndex();
  /**
   * All users in the order they were added. Read only: lookups go through an index, so add users with `addUser`
   * or `createInvitedUser` and change them with `updateUser`, never in place (the index would go stale).
   */
  readonly users: readonly SimulatedUser[] = this.userList;
  readonly groups: SimulatedGroup[];
  readonly invitations: SimulatedInvitation[] = [];
  /** Lower-case domain names of the deny list; mutable so a test can block a domain mid-run. */
  readonly blockedDomains: Set<string>;
  private readonly sponsorIdsByUser = new Map<string, string[]>();
  /** The Teams app catalog and personal installations, with the permission settings. */
  readonly teamwork: SimulatedTeamwork;
  /** Users deleted with DELETE /users/{id}, most recent last. */
  readonly deletedUsers: DeletedUser[] = [];
  /** Entra ID P1 or P2: without it Graph answers 403 to any `$select` of `signInActivity`. */
  premium: boolean;
  /**
   * `AuditLog.Read.All` granted: without it Graph answers 403 to any `$select` of `signInActivity`. A setting, like
   * the Teams permissions, so a test can take it away.
   */
  auditLogReadAllowed = true;

  constructor(seed: DirectorySeed, private readonly now: () => Date = () => new Date()) {
    if (!seed.verifiedDomains.some((domain) => domain.isInitial)) {
      throw new Error('DirectorySeed.verifiedDomains needs one isInitial domain (guest UPNs are built on it)');
    }
    this.tenantId = seed.tenantId;
    this.organizationName = seed.organizationName;
    this.verifiedDomains = seed.verifiedDomains.map((domain) => ({ ...domain }));
    this.blockedDomains = new Set((seed.blockedDomains ?? []).map((domain) => domain.toLowerCase()));
    this.premium = seed.premium ?? true;
    this.groups = (seed.groups ?? []).map((group) => ({ isTeam: false, memberIds: [], ...group }));
    for (const user of seed.users) this.addUser(user);
    this.teamwork = new SimulatedTeamwork(seed.teamsApps, now);
  }

  /** The `<tenant>.onmicrosoft.com` domain that guest UPNs are created on. */
  get initialDomain(): string {
    return this.verifiedDomains.find((domain) => domain.isInitial)!.name;
  }

  isVerifiedDomain(domain: string): boolean {
    return this.verifiedDomains.some((verified) => sameText(verified.name, domain));
  }

  /** True when the domain, or a parent of it, is on the deny list. */
  isDomainBlocked(domain: string): boolean {
    const labels = domain.toLowerCase().split('.');
    return labels.some((_, index) => this.blockedDomains.has(labels.slice(index).join('.')));
  }

  addUser(seed: SimulatedUserSeed): SimulatedUser {
    const { sponsorIds, lastSignInDateTime, ...fields } = seed;
    const user: SimulatedUser = {
      id: randomUUID(),
      mail: null,
      userType: 'Member',
      externalUserState: null,
      externalUserStateChangeDateTime: null,
      creationType: null,
      createdDateTime: this.timestamp(),
      givenName: null,
      surname: null,
      accountEnabled: true,
      signInActivity: lastSignInDateTime === undefined ? null : signInAt(lastSignInDateTime),
      ...fields,
      // Copies: the seed's arrays stay the caller's, and a later change to them must not reach the index unseen.
      otherMails: [...(fields.otherMails ?? [])],
      proxyAddresses: [...(fields.proxyAddresses ?? [])],
    };
    if (this.findUser(user.id) || this.findUser(user.userPrincipalName)) {
      throw new Error(`Duplicate user id or userPrincipalName in directory: ${user.userPrincipalName}`);
    }
    this.userList.push(user);
    this.index.add(user);
    if (sponsorIds) this.sponsorIdsByUser.set(user.id, [...sponsorIds]);
    return user;
  }

  /** Creates the guest account POST /invitations makes for a new address. */
  createInvitedUser(address: string, displayName: string | null, userType: 'Guest' | 'Member'): SimulatedUser {
    const changedAt = this.timestamp();
    return this.addUser({
      displayName: displayName ?? address.slice(0, address.lastIndexOf('@')),
      userPrincipalName: `${address.replace('@', '_')}#EXT#@${this.initialDomain}`,
      mail: address,
      otherMails: [address],
      userType,
      externalUserState: 'PendingAcceptance',
      externalUserStateChangeDateTime: changedAt,
      creationType: 'Invitation',
      createdDateTime: changedAt,
    });
  }

  /**
   * Changes a user (found by id or UPN) and re-indexes it; the only way to change an indexed field. Arrays are
   * copied, so keep no reference to change later: to add an address, pass `[...user.otherMails, address]`.
   */
  updateUser(idOrUserPrincipalName: string, changes: SimulatedUserChanges): SimulatedUser {
    const user = this.findUser(idOrUserPrincipalName);
    if (!user) throw new Error(`No user ${idOrUserPrincipalName} in the simulated directory`);
    const { userPrincipalName } = changes;
    const holder = userPrincipalName === undefined ? undefined : this.findUser(userPrincipalName);
    if (holder && holder !== user) {
      throw new Error(`Duplicate user id or userPrincipalName in directory: ${userPrincipalName}`);
    }
    const applied = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, Array.isArray(value) ? [...value] : value]);
    this.index.reindex(user, () => Object.assign(user, Object.fromEntries(applied)));
    return user;
  }

  /**
   * What DELETE /users/{id} does: the user leaves the directory (lookups, lists, memberships and others' sponsor
   * lists no longer show them) for its deleted items. Undefined for an unknown user.
   */
  deleteUser(idOrUserPrincipalName: string): DeletedUser | undefined {
    const user = this.findUser(idOrUserPrincipalName);
    if (!user) return undefined;
    this.userList.splice(this.userList.indexOf(user), 1);
    // The index orders users by their place in the list, which every user after this one has just changed.
    this.index = new UserIndex();
    for (const remaining of this.userList) this.index.add(remaining);
    for (const group of this.groups) group.memberIds = group.memberIds.filter((id) => id !== user.id);
    const deleted: DeletedUser = { user, deletedDateTime: this.timestamp(), sponsorIds: this.sponsorIdsByUser.get(user.id) ?? [] };
    this.sponsorIdsByUser.delete(user.id);
    this.deletedUsers.push(deleted);
    return deleted;
  }

  findDeletedUser(id: string): DeletedUser | undefined {
    return this.deletedUsers.find((deleted) => deleted.user.id === id);
  }

  /** A successful interactive sign-in of the user at `at` (now by default), as `signInActivity` reports it. */
  recordSignIn(idOrUserPrincipalName: string, at: Date = this.now()): SimulatedUser {
    const user = this.findUser(idOrUserPrincipalName);
    if (!user) throw new Error(`No user ${idOrUserPrincipalName} in the simulated directory`);
    user.signInActivity = signInAt(at.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    return user;
  }

  /** Looks a user up the way GET /users/{id-or-userPrincipalName} does. */
  findUser(idOrUserPrincipalName: string): SimulatedUser | undefined {
    return this.firstUser([
      this.index.withId(idOrUserPrincipalName),
      this.index.withAddress('userPrincipalName', idOrUserPrincipalName),
    ]);
  }

  /** The user an invitation to this address re-invites: the address is their mail or one of their otherMails. */
  findUserByMailOrOtherMails(address: string): SimulatedUser | undefined {
    return this.firstUser([this.index.withAddress('mail', address), this.index.withAddress('otherMails', address)]);
  }

  /** A user holding the address as an SMTP proxy address (primary `SMTP:` or secondary `smtp:`). */
  findUserByProxyAddress(address: string): SimulatedUser | undefined {
    return this.firstUser([this.index.withAddress('proxyAddresses', `smtp:${address}`)]);
  }

  /** Any user the address identifies: UPN, mail, otherMails or an SMTP proxy address. */
  findUserByEmail(address: string): SimulatedUser | undefined {
    return (
      this.firstUser([this.index.withAddress('userPrincipalName', address)]) ??
      this.findUserByMailOrOtherMails(address) ??
      this.findUserByProxyAddress(address)
    );
  }

  /**
   * The users, in directory order, that may pass a filter with these candidate terms (`CompiledFilter.candidates`):
   * from the index when it covers every term, otherwise all of them. The caller still runs the filter on each.
   */
  candidatesFor(terms: readonly FilterTerm[] | undefined): readonly SimulatedUser[] {
    return (terms && this.index.passingAny(terms)) ?? this.userList;
  }

  findGroup(id: string): SimulatedGroup | undefined {
    return this.groups.find((group) => group.id === id);
  }

  /**
   * Every group the object belongs to, directly or through nested groups (a group's `memberIds` may hold group
   * ids), as Graph's transitive membership checks see it.
   */
  transitiveGroupIdsOf(memberId: string): Set<string> {
    const found = new Set<string>();
    let frontier = [memberId];
    while (frontier.length > 0) {
      const next = this.groups.filter((group) => !found.has(group.id) && group.memberIds.some((id) => frontier.includes(id)));
      next.forEach((group) => found.add(group.id));
      frontier = next.map((group) => group.id);
    }
    return found;
  }

  sponsorsOf(userId: string): SimulatedUser[] {
    const ids = this.sponsorIdsByUser.get(userId) ?? [];
    return ids.map((id) => this.findUser(id)).filter((user): user is SimulatedUser => user !== undefined);
  }

  /** The user's sponsors that still exist: users and groups, in the order they were added. */
  sponsorObjectsOf(userId: string): SponsorObject[] {
    return (this.sponsorIdsByUser.get(userId) ?? []).flatMap((id): SponsorObject[] => {
      const user = this.findUser(id);
      if (user) return [{ kind: 'user' as const, user }];
      const group = this.findGroup(id);
      return group ? [{ kind: 'group' as const, group }] : [];
    });
  }

  setSponsors(userId: string, sponsorIds: string[]): void {
    this.sponsorIdsByUser.set(userId, [...sponsorIds]);
  }

  recordInvitation(invitation: SimulatedInvitation): void {
    this.invitations.push(invitation);
  }

  invitationsFor(userId: string): SimulatedInvitation[] {
    return this.invitations.filter((invitation) => invitation.invitedUserId === userId);
  }

  /**
   * The directory's changeable state as plain JSON, for keeping it in a file. Redeem URLs are left out: they are
   * only ever handed to the caller of POST /invitations.
   */
  snapshot(): DirectorySnapshot {
    return {
      users: this.userList.map((user) => ({ ...user, sponsorIds: this.sponsorIdsByUser.get(user.id) })),
      groups: this.groups.map((group) => ({ ...group, memberIds: [...group.memberIds] })),
      invitations: this.invitations.map((invitation) => ({ ...invitation, inviteRedeemUrl: '' })),
      blockedDomains: [...this.blockedDomains],
      deletedUsers: this.deletedUsers.map((deleted) => ({ ...deleted, user: { ...deleted.user }, sponsorIds: [...deleted.sponsorIds] })),
    };
  }

  /** Replaces the users, groups, invitations, sponsors and deny list with a snapshot's (the tenant stays). */
  restore(snapshot: DirectorySnapshot): void {
    this.userList.length = 0;
    this.index = new UserIndex();
    this.sponsorIdsByUser.clear();
    for (const user of snapshot.users) this.addUser(user);
    this.groups.splice(0, this.groups.length, ...snapshot.groups.map((group) => ({ ...group, memberIds: [...group.memberIds] })));
    this.invitations.splice(0, this.invitations.length, ...snapshot.invitations.map((invitation) => ({ ...invitation })));
    this.blockedDomains.clear();
    for (const domain of snapshot.blockedDomains) this.blockedDomains.add(domain);
    this.deletedUsers.splice(0, this.deletedUsers.length, ...(snapshot.deletedUsers ?? []));
  }

  /** Puts a guest back to "invited, not yet redeemed", as a redemption reset does. */
  markPendingAcceptance(userId: string): SimulatedUser {
    return this.setExternalState(userId, 'PendingAcceptance');
  }

  /** What happens when the guest redeems the invitation: state Accepted, change time now. */
  acceptInvitation(userId: string): SimulatedUser {
    const user = this.setExternalState(userId, 'Accepted');
    for (const invitation of this.invitationsFor(userId)) invitation.status = 'Completed';
    return user;
  }

  private setExternalState(userId: string, state: 'PendingAcceptance' | 'Accepted'): SimulatedUser {
    const user = this.findUser(userId);
    if (!user) throw new Error(`No user ${userId} in the simulated directory`);
    user.externalUserState = state;
    user.externalUserStateChangeDateTime = this.timestamp();
    return user;
  }

  /**
   * The first user in directory order in any of the buckets: the one the linear lookup finds, since a bucket
   * holds exactly the users whose value the lookup would match.
   */
  private firstUser(buckets: (ReadonlySet<SimulatedUser> | undefined)[]): SimulatedUser | undefined {
    return this.index.inOrder(buckets)[0];
  }

  private timestamp(): string {
    // Graph returns DateTimeOffset values in UTC without fractional seconds.
    return this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}
