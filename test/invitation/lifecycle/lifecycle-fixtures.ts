import sinon from 'sinon';
import { DirectoryError } from '../../../src/invitation/directory-error';
import { GovernedGuest } from '../../../src/invitation/lifecycle/governed-guest';
import { GuestAccount, GuestAccountPort, LastSignIns } from '../../../src/invitation/lifecycle/guest-account-port';
import { LifecycleContext } from '../../../src/invitation/lifecycle/lifecycle-context';
import { LifecycleNotifier } from '../../../src/invitation/lifecycle/lifecycle-notifier';
import { DEFAULT_LIFECYCLE_POLICY, LifecyclePolicy } from '../../../src/invitation/lifecycle/lifecycle-policy';
import { InvitationPolicy } from '../../../src/invitation/policy';
import { MemoryGovernedGuests } from '../../../src/storage/memory/memory-governed-guests';
import { ALICE, BOB_APPROVER, CAROL_ADMIN, harness, Harness } from '../fixtures';

export function guestAccount(overrides: Partial<GuestAccount> = {}): GuestAccount {
  return {
    id: 'guest-1',
    displayName: 'Gita Guest',
    mail: 'gita@fabrikam.com',
    userPrincipalName: 'gita_fabrikam.com#EXT#@contoso.onmicrosoft.com',
    userType: 'Guest',
    accountEnabled: true,
    externalUserState: 'Accepted',
    createdAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

/** The directory as the lifecycle sees it: accounts by id, sponsors, sign-ins; every write recorded. */
export class FakeGuestAccounts implements GuestAccountPort {
  accounts = new Map<string, GuestAccount>();
  sponsors = new Map<string, string[]>();
  signIns: LastSignIns = { available: true, at: new Map() };
  /** Thrown by the next account changes (one each), after applying the change when `applied`. */
  failures: { error: Error; applied: boolean }[] = [];

  getAccounts = sinon.spy(async (ids: string[]) => {
    const found = ids.map((id) => this.accounts.get(id)).filter((account): account is GuestAccount => !!account);
    return { found: structuredClone(found), missingIds: ids.filter((id) => !this.accounts.has(id)) };
  });
  lastSignIns = sinon.spy(async (_ids: string[]) => this.signIns);
  listGuests = sinon.spy(async (limit: number) => {
    const guests = [...this.accounts.values()].filter((account) => account.userType === 'Guest');
    return { guests: guests.slice(0, limit), complete: guests.length <= limit };
  });
  sponsorIdsOf = sinon.spy(async (userId: string) => this.sponsors.get(userId) ?? []);
  /** Guests whose sponsors a batched read cannot get (throttled inside the batch). */
  unreadableSponsors = new Set<string>();
  sponsorIdsOfMany = sinon.spy(async (userIds: string[]) => new Map(userIds.filter((id) => !this.unreadableSponsors.has(id)).map((id) => [id, this.sponsors.get(id) ?? []])));
  addSponsor = sinon.spy(async (userId: string, sponsorId: string) => {
    this.sponsors.set(userId, [...(this.sponsors.get(userId) ?? []), sponsorId]);
  });
  setAccountEnabled = sinon.spy(async (userId: string, enabled: boolean) => {
    this.calls.push(`${enabled ? 'enable' : 'disable'}:${userId}`);
    const failure = this.failures.shift();
    const account = this.accounts.get(userId);
    if (!failure || failure.applied) if (account) account.accountEnabled = enabled;
    if (failure) throw failure.error;
  });
  deleteAccount = sinon.spy(async (userId: string) => {
    this.calls.push(`delete:${userId}`);
    const failure = this.failures.shift();
    if (!failure || failure.applied) this.accounts.delete(userId);
    if (failure) throw failure.error;
  });

  add(account: GuestAccount, sponsorIds: string[] = []): void {
    this.accounts.set(account.id, account);
    this.sponsors.set(account.id, sponsorIds);
  }

  /** Calls made to change accounts, in order, as `disable:id`, `enable:id`, `delete:id` (failed ones too). */
  calls: string[] = [];
}

export const unavailable = () => new DirectoryError('unavailable', 'Graph did not answer');

export class RecordingLifecycleNotifier implements LifecycleNotifier {
  asked: { userId: string; reviewId: string; recipientIds: string[] }[] = [];
  shown: GovernedGuest[] = [];
  reminded: { userId: string; requestId: string }[] = [];
  /** Recipients the card does not reach (no chat). */
  unreachable = new Set<string>();
  /** Set to make the next askReview fail. */
  failure?: Error;

  async askReview(guest: GovernedGuest, recipientIds: string[]) {
    if (this.failure) throw this.failure;
    this.asked.push({ userId: guest.userId, reviewId: guest.review!.id, recipientIds });
    return recipientIds.filter((id) => !this.unreachable.has(id)).length;
  }
  async showReviewState(guest: GovernedGuest) {
    this.shown.push(guest);
  }
  async remindRequester(guest: GovernedGuest, requestId: string) {
    this.reminded.push({ userId: guest.userId, requestId });
  }
}

export const SPONSOR = ALICE;
export const ADMIN = CAROL_ADMIN;
export const FALLBACK = BOB_APPROVER;
export const DAY = 24 * 3_600_000;

export interface LifecycleHarness extends Harness {
  lifecycle: LifecycleContext;
  guests: MemoryGovernedGuests;
  directoryAccounts: FakeGuestAccounts;
  cards: RecordingLifecycleNotifier;
}

/** The invitation harness (clock at 2026-11-22T09:00Z, memory store) with a lifecycle context over fakes. */
export function lifecycleHarness(lifecycle: Partial<LifecyclePolicy> = {}, policy: Partial<InvitationPolicy> = {}): LifecycleHarness {
  const h = harness({
    admins: { users: [ADMIN.id], groups: [] },
    fallbackApprovers: { users: [FALLBACK.id], groups: [], afterMinutes: 60 },
    lifecycle: { ...DEFAULT_LIFECYCLE_POLICY, enforcement: 'enforce', ...lifecycle },
    ...policy,
  });
  const guests = new MemoryGovernedGuests();
  const directoryAccounts = new FakeGuestAccounts();
  const cards = new RecordingLifecycleNotifier();
  const ctx: LifecycleContext = {
    guests,
    accounts: directoryAccounts,
    notifier: cards,
    audit: h.store.audit,
    requests: h.store.requests,
    policy: h.ctx.policy,
    approvers: h.ctx.approvers,
    access: h.ctx.access,
    people: h.ctx.directory,
    clock: h.clock,
    tenantId: 'tenant-1',
    sponsorsSupported: true,
  };
  h.ctx.lifecycle = ctx;
  return { ...h, lifecycle: ctx, guests, directoryAccounts, cards };
}

/** A governed guest as enrolment writes it, with overrides; stored with its due time computed by the caller. */
export function governedGuest(overrides: Partial<GovernedGuest> = {}): GovernedGuest {
  return {
    userId: 'guest-1',
    address: 'gita@fabrikam.com',
    displayName: 'Gita Guest',
    requestId: 'REQ00001',
    invitedBy: { id: SPONSOR.id, displayName: SPONSOR.displayName },
    invitedAt: '2026-11-01T09:00:00.000Z',
    reason: 'Falcon review',
    sponsorIds: [SPONSOR.id],
    redemption: 'accepted',
    state: 'active',
    history: [],
    ...overrides,
  };
}
