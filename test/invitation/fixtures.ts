import sinon from 'sinon';
import { AccessControl } from '../../src/invitation/access-control';
import { DirectoryError } from '../../src/invitation/directory-error';
import { DirectoryPort, InvitationCommand, InvitationReceipt } from '../../src/invitation/directory-port';
import { DirectoryUser } from '../../src/invitation/directory-user';
import { InvitationContext } from '../../src/invitation/invitation-context';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { MembershipPort } from '../../src/invitation/membership-port';
import { RequestNotifier } from '../../src/invitation/notifier-port';
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
  invitations: InvitationCommand[] = [];
  /** Set to make the next createInvitation calls fail. */
  failWith?: DirectoryError;
  /** Resolved before createInvitation answers, to hold concurrent callers inside the call. */
  gate?: Promise<void>;

  listVerifiedDomains = sinon.spy(async () => [...this.verifiedDomains]);
  findUsersByEmail = sinon.spy(async (email: string) => this.users.filter((user) => user.mail?.toLowerCase() === email.toLowerCase()));
  createInvitation = sinon.spy(async (command: InvitationCommand): Promise<InvitationReceipt> => {
    await this.gate;
    if (this.failWith) throw this.failWith;
    this.invitations.push(command);
    const id = `user-${this.invitations.length}`;
    this.users.push(guestUser({ id, mail: command.email }));
    return { userId: id, redeemUrl: `https://login.microsoftonline.com/redeem?rd=ticket-${id}`, status: 'PendingAcceptance' };
  });
  memberOf = sinon.spy(async (userId: string, groupIds: string[]) => (this.groupsByUser.get(userId) ?? []).filter((id) => groupIds.includes(id)));
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

export class RecordingNotifier implements RequestNotifier {
  asked: { requestId: string; audience: string }[] = [];
  shown: InvitationRequest[] = [];
  told: { request: InvitationRequest; redeemUrl?: string }[] = [];
  async askApprovers(request: InvitationRequest, audience: 'approvers' | 'fallbackApprovers') {
    this.asked.push({ requestId: request.id, audience });
  }
  async showRequestState(request: InvitationRequest) {
    this.shown.push(request);
  }
  async tellRequester(request: InvitationRequest, news: { redeemUrl?: string }) {
    this.told.push({ request, redeemUrl: news.redeemUrl });
  }
}

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
  notifier: RecordingNotifier;
  clock: ControlledClock;
  store: GuestPassStore;
}

export function harness(policy: Partial<InvitationPolicy> = {}): Harness {
  const directory = new FakeDirectory();
  const notifier = new RecordingNotifier();
  const clock = new ControlledClock();
  const store = createMemoryStore();
  const fullPolicy: InvitationPolicy = { ...DEFAULT_POLICY, ...policy };
  const ctx: InvitationContext = {
    directory,
    requests: store.requests,
    audit: store.audit,
    notifier,
    access: new AccessControl(fullPolicy, directory, clock),
    policy: fullPolicy,
    verifiedDomains: new VerifiedDomains(directory, clock, 3600),
    clock,
    limits: { maxMessageLength: 1000, defaultRedirectUrl: 'https://myapps.microsoft.com' },
    sponsorsSupported: true,
    newRequestId,
    tenantId: 'tenant-1',
  };
  return { ctx, directory, notifier, clock, store };
}

export const APPROVAL_POLICY: Partial<InvitationPolicy> = {
  approval: { rule: 'untrustedDomains', trustedDomains: ['*.partner.com', 'partner.com'] },
  approvers: { users: [BOB_APPROVER.id], groups: [] },
  admins: { users: [CAROL_ADMIN.userPrincipalName!], groups: [] },
};
