import sinon from 'sinon';
import { longestGraphCallMs } from '../../src/graph/graph-client';
import { AccessControl } from '../../src/invitation/access-control';
import { AccountPort, DirectoryAccount } from '../../src/invitation/account-port';
import { ApproverDirectory } from '../../src/invitation/approver-directory';
import { longestInvitationMs } from '../../src/invitation/carry-out-invitation';
import { DirectoryError } from '../../src/invitation/directory-error';
import { DirectoryPort, InvitationCommand, InvitationReceipt } from '../../src/invitation/directory-port';
import { DirectoryUser } from '../../src/invitation/directory-user';
import { GroupTarget, MemberAddition } from '../../src/invitation/group-membership-port';
import { DirectoryPerson, PendingGuestListing, UsersById } from '../../src/invitation/guest-directory-port';
import { InvitationContext } from '../../src/invitation/invitation-context';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { MembershipPort } from '../../src/invitation/membership-port';
import { ApprovalAudience, ApprovalCardReach, RequesterNews, RequestNotifier } from '../../src/invitation/notifier-port';
import { DEFAULT_POLICY, InvitationPolicy } from '../../src/invitation/policy';
import { newRequestId } from '../../src/invitation/request-id';
import { Requester } from '../../src/invitation/requester';
import { VerifiedDomains } from '../../src/invitation/verified-domains';
import { createMemoryStore, GuestPassStore } from '../../src/storage';

/** An in-memory directory for use-case tests: the port's behaviour without Graph. */
export class FakeDirectory implements DirectoryPort, MembershipPort {
  verifiedDomains = ['contoso.com', 'contoso.onmicrosoft.com'];
  users: DirectoryUser[] = [];
  groupsByUser = new Map<string, string[]>();
  sponsorsByUser = new Map<string, DirectoryPerson[]>();
  /** Who was added where, group id → user ids. */
  members = new Map<string, string[]>();
  /** Failures served to the next addMember calls for a group, in order (e.g. "not replicated yet"). */
  memberFailures = new Map<string, DirectoryError[]>();
  invitations: InvitationCommand[] = [];
  /** Set to make the next createInvitation calls fail. */
  failWith?: DirectoryError;
  /** Set to make the lookups by id, name and state fail. */
  lookupFailure?: DirectoryError;
  /** Resolved before createInvitation answers, to hold concurrent callers inside the call. */
  gate?: Promise<void>;

  listVerifiedDomains = sinon.spy(async () => [...this.verifiedDomains]);
  findUsersByEmail = sinon.spy(async (email: string) => this.users.filter((user) => addressesOf(user).includes(email.toLowerCase())));
  findUsersByDisplayNamePrefix = sinon.spy(async (prefix: string, limit: number) => {
    this.failLookup();
    return this.users.filter((user) => user.displayName.toLowerCase().startsWith(prefix.toLowerCase())).slice(0, limit);
  });
  listPendingGuests = sinon.spy(async (limit: number): Promise<PendingGuestListing> => {
    this.failLookup();
    const pending = this.users.filter((user) => user.externalUserState === 'PendingAcceptance');
    return { guests: pending.slice(0, limit), complete: pending.length <= limit };
  });
  getUsersById = sinon.spy(async (ids: string[]): Promise<UsersById> => {
    this.failLookup();
    const found = this.users.filter((user) => ids.includes(user.id));
    return { found, missingIds: ids.filter((id) => !found.some((user) => user.id === id)) };
  });
  listSponsors = sinon.spy(async (userId: string) => this.sponsorsByUser.get(userId) ?? []);
  createInvitation = sinon.spy(async (command: InvitationCommand): Promise<InvitationReceipt> => {
    await this.gate;
    if (this.failWith) throw this.failWith;
    this.invitations.push(command);
    // Like Entra: a reset puts the named user back to pending; re-inviting a known address returns that user.
    const existing = command.resetRedemptionOfUserId
      ? this.users.find((user) => user.id === command.resetRedemptionOfUserId)
      : this.users.find((user) => addressesOf(user).includes(command.email.toLowerCase()) && user.externalUserState !== null);
    if (existing && command.resetRedemptionOfUserId) existing.externalUserState = 'PendingAcceptance';
    const id = existing?.id ?? `user-${this.invitations.length}`;
    if (!existing) this.users.push(guestUser({ id, mail: command.email }));
    return { userId: id, redeemUrl: `https://login.microsoftonline.com/redeem?rd=ticket-${this.invitations.length}`, status: 'PendingAcceptance' };
  });
  addMember = sinon.spy(async (target: GroupTarget, userId: string): Promise<MemberAddition> => {
    const failure = this.memberFailures.get(target.id)?.shift();
    if (failure) throw failure;
    const members = this.members.get(target.id) ?? [];
    if (members.includes(userId)) return 'alreadyMember';
    this.members.set(target.id, [...members, userId]);
    return 'added';
  });
  /** Like Graph's checkMemberGroups: ids compared without case, answered in the directory's own spelling. */
  memberOf = sinon.spy(async (userId: string, groupIds: string[]) =>
    (this.groupsByUser.get(userId) ?? []).filter((id) => groupIds.some((wanted) => wanted.toLowerCase() === id.toLowerCase())),
  );
  membersOf = sinon.spy(async (groupId: string, limit: number) =>
    [...this.groupsByUser].filter(([, groups]) => groups.includes(groupId)).map(([userId]) => userId).slice(0, limit),
  );

  private failLookup(): void {
    if (this.lookupFailure) throw this.lookupFailure;
  }
}

function addressesOf(user: DirectoryUser): string[] {
  return [user.mail, ...(user.otherMails ?? [])].filter((mail): mail is string => !!mail).map((mail) => mail.toLowerCase());
}

export function guestUser(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: 'guest-1',
    displayName: 'Jane Doe',
    userPrincipalName: 'jane_fabrikam.com#EXT#@contoso.onmicrosoft.com',
    mail: 'jane@fabrikam.com',
    userType: 'Guest',
    externalUserState: 'PendingAcceptance',
    externalUserStateChangedAt: new Date('2026-11-01T10:00:00Z'),
    creationType: 'Invitation',
    ...overrides,
  };
}

/**
 * The tenant's own people as access control asks about them (with the app's authority): the
 * fixtures' people are members; tests add guests or remove people.
 */
export class FakeAccounts implements AccountPort {
  userTypes = new Map<string, 'Member' | 'Guest' | null>();
  /** Set to make the next lookups fail. */
  failure?: DirectoryError;
  accountOf = sinon.spy(async (userId: string): Promise<DirectoryAccount | undefined> => {
    if (this.failure) throw this.failure;
    const userType = this.userTypes.get(userId.toLowerCase());
    return userType === undefined ? undefined : { id: userId.toLowerCase(), userType };
  });

  set(id: string, userType: 'Member' | 'Guest' | null): void {
    this.userTypes.set(id.toLowerCase(), userType);
  }
}

export class RecordingNotifier implements RequestNotifier {
  asked: { requestId: string; audience: string }[] = [];
  shown: InvitationRequest[] = [];
  told: { request: InvitationRequest; redeemUrl?: string; topic?: RequesterNews['topic'] }[] = [];
  /** Audiences whose card reaches nobody (no personal chat, no channel). */
  unreachable = new Set<ApprovalAudience>();
  async askApprovers(request: InvitationRequest, audience: ApprovalAudience): Promise<ApprovalCardReach> {
    this.asked.push({ requestId: request.id, audience });
    return this.unreachable.has(audience) ? { channel: false, people: 0 } : { channel: false, people: 1 };
  }
  async showRequestState(request: InvitationRequest) {
    this.shown.push(request);
  }
  async tellRequester(request: InvitationRequest, news: RequesterNews) {
    this.told.push({ request, redeemUrl: news.redeemUrl, ...(news.topic ? { topic: news.topic } : {}) });
  }
}

/** How long housekeeping leaves a claimed request to its instance: the bound for the default Graph settings. */
export const SETTLED_MS = longestInvitationMs(longestGraphCallMs({ timeoutSeconds: 30, maxRetries: 3 }));

export class ControlledClock {
  constructor(public current = new Date('2026-11-22T09:00:00Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const ALICE: Requester = { id: '11111111-1111-1111-1111-111111111111', displayName: 'Alice Requester', userPrincipalName: 'alice@contoso.com', locale: 'en-US' };
export const BOB_APPROVER: Requester = { id: '22222222-2222-2222-2222-222222222222', displayName: 'Bob Approver', userPrincipalName: 'bob@contoso.com' };
export const CAROL_ADMIN: Requester = { id: '33333333-3333-3333-3333-333333333333', displayName: 'Carol Admin', userPrincipalName: 'carol@contoso.com' };
export const DAVE: Requester = { id: '44444444-4444-4444-4444-444444444444', displayName: 'Dave Bystander' };

export interface Harness {
  ctx: InvitationContext;
  directory: FakeDirectory;
  accounts: FakeAccounts;
  notifier: RecordingNotifier;
  clock: ControlledClock;
  store: GuestPassStore;
}

export function harness(policy: Partial<InvitationPolicy> = {}): Harness {
  const directory = new FakeDirectory();
  const accounts = new FakeAccounts();
  for (const person of [ALICE, BOB_APPROVER, CAROL_ADMIN, DAVE]) accounts.set(person.id, 'Member');
  const notifier = new RecordingNotifier();
  const clock = new ControlledClock();
  const store = createMemoryStore();
  const fullPolicy: InvitationPolicy = { ...DEFAULT_POLICY, ...policy };
  const ctx: InvitationContext = {
    directory,
    requests: store.requests,
    audit: store.audit,
    notifier,
    access: new AccessControl(fullPolicy, directory, accounts, clock),
    approvers: new ApproverDirectory(fullPolicy, directory, directory, clock),
    policy: fullPolicy,
    verifiedDomains: new VerifiedDomains(directory, clock, 3600),
    clock,
    limits: { maxMessageLength: 1000, defaultRedirectUrl: 'https://myapps.microsoft.com' },
    state: store.state,
    sponsorsSupported: true,
    newRequestId,
    tenantId: 'tenant-1',
  };
  return { ctx, directory, accounts, notifier, clock, store };
}

export const APPROVAL_POLICY: Partial<InvitationPolicy> = {
  approval: { rule: 'untrustedDomains', trustedDomains: ['*.partner.com', 'partner.com'] },
  approvers: { users: [BOB_APPROVER.id], groups: [] },
  admins: { users: [CAROL_ADMIN.userPrincipalName!], groups: [] },
};
