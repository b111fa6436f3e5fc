import { User } from '@microsoft/microsoft-graph-types';
import { DirectoryError } from '../invitation/directory-error';
import { normalizeExternalUserState } from '../invitation/directory-user';
import { GuestAccount, GuestAccountPort, LastSignIns } from '../invitation/lifecycle/guest-account-port';
import { batchGet, BatchItemResponse, itemErrorCode, itemRequestId } from './graph-batch';
import { GraphConnection } from './graph-client';
import { GraphOperation, toDirectoryError } from './graph-errors';
import { collectPages, GraphPage } from './graph-paging';
import { encodeQueryValue } from './odata';

/**
 * What the lifecycle reads of an account. `accountEnabled` and `createdDateTime` are not in Graph's default set,
 * and `userType` and `externalUserState` come back only when selected.
 */
export const GUEST_ACCOUNT_SELECT = ['id', 'displayName', 'mail', 'userPrincipalName', 'userType', 'accountEnabled', 'externalUserState', 'createdDateTime'];

/** `userType eq` is supported by default (no advanced query). */
export const GUEST_FILTER = "userType eq 'Guest'";

/** The largest page Graph serves of users. */
const MAX_USER_PAGE = 999;

/** Graph refuses `signInActivity` with 403 without AuditLog.Read.All, or in a tenant without Entra ID P1/P2. */
const SIGN_IN_ACTIVITY_REFUSED = 403;

type SignInActivity = NonNullable<User['signInActivity']>;

export interface GraphGuestAccountsOptions {
  /** Runs each Graph request (a JSON batch counts as one) when the shared budget allows; at once without one. */
  pace?: <T>(request: () => Promise<T>) => Promise<T>;
}

/**
 * The guest lifecycle's directory operations through Microsoft Graph, always with the app's own authority: the
 * lifecycle runs in a background job with nobody signed in, and its decisions are GuestPass's policy's (sponsors'
 * and admins' answers, audited), like the redemption watcher's.
 *
 * Reads go in JSON batches of twenty. Writes are sent once: PATCH and DELETE are safe to repeat and the client
 * retries them on 429/503/504 like any request; adding a sponsor twice is answered 400, which is settled by
 * reading the sponsors. Disabling and deleting are refused for anyone but a guest, whatever the caller asks: the
 * account's `userType` is read right before.
 */
export class GraphGuestAccounts implements GuestAccountPort {
  private readonly pace: <T>(request: () => Promise<T>) => Promise<T>;

  constructor(
    private readonly graph: GraphConnection,
    options: GraphGuestAccountsOptions = {},
  ) {
    this.pace = options.pace ?? ((request) => request());
  }

  /** Items Graph could not answer for a passing reason (throttled, unavailable) are in neither list. */
  async getAccounts(ids: string[]): Promise<{ found: GuestAccount[]; missingIds: string[] }> {
    const unique = [...new Set(ids)];
    const responses = await this.batch(unique, GUEST_ACCOUNT_SELECT);
    const found: GuestAccount[] = [];
    const missingIds: string[] = [];
    for (const response of responses) {
      const id = unique[Number(response.id)];
      if (id === undefined) continue;
      if (response.status === 200) found.push(toGuestAccount(response.body as User));
      else if (response.status === 404) missingIds.push(id);
      else {
        const error = itemError(response, 'lookup');
        if (!error.retryable) throw error;
      }
    }
    return { found, missingIds };
  }

  /**
   * Last sign-ins, read only through `$select=signInActivity` (Graph returns it no other way). With no ids, one
   * user is read only to learn whether sign-ins can be read at all. Any other failure throws: a user left out of
   * `at` would read as one who never signed in.
   */
  async lastSignIns(ids: string[]): Promise<LastSignIns> {
    const at = new Map<string, string>();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return this.probeSignIns();
    for (const response of await this.batch(unique, ['id', 'signInActivity'])) {
      const id = unique[Number(response.id)];
      if (id === undefined) continue;
      if (response.status === SIGN_IN_ACTIVITY_REFUSED) return { available: false, why: 'forbidden' };
      if (response.status === 404) continue;
      if (response.status !== 200) throw itemError(response, 'lookup');
      const last = lastSignIn((response.body as User).signInActivity);
      if (last) at.set(id, last);
    }
    return { available: true, at };
  }

  async listGuests(limit: number): Promise<{ guests: GuestAccount[]; complete: boolean }> {
    if (limit < 1) return { guests: [], complete: false };
    const get = (path: string) => this.call('lookup', () => this.graph.api(path).get() as Promise<GraphPage<User>>);
    const first = await this.call(
      'lookup',
      () =>
        this.graph
          .api('/users')
          .filter(encodeQueryValue(GUEST_FILTER))
          .select(GUEST_ACCOUNT_SELECT)
          .top(Math.min(limit, MAX_USER_PAGE))
          .get() as Promise<GraphPage<User>>,
    );
    const { items, complete } = await collectPages(this.graph, first, limit, get);
    return { guests: items.map(toGuestAccount), complete };
  }

  /** Group sponsors are left out: a review card goes to people. */
  async sponsorIdsOf(userId: string): Promise<string[]> {
    const get = (path: string) => this.call('lookup', () => this.graph.api(path).get() as Promise<GraphPage<SponsorObject>>);
    const first = await this.call(
      'lookup',
      () => this.graph.api(`/users/${encodeURIComponent(userId)}/sponsors`).select(['id']).get() as Promise<GraphPage<SponsorObject>>,
    );
    const { items } = await collectPages(this.graph, first, 100, get);
    return userSponsorIds(items);
  }

  /**
   * One item per guest in JSON batches of twenty. A guest has at most five sponsors, so one page answers: no
   * nextLink is followed inside a batch.
   */
  async sponsorIdsOfMany(userIds: string[]): Promise<Map<string, string[]>> {
    const unique = [...new Set(userIds)];
    const items = unique.map((id, index) => ({ id: String(index), method: 'GET' as const, url: `/users/${encodeURIComponent(id)}/sponsors?$select=id` }));
    const sponsors = new Map<string, string[]>();
    for (const response of await batchGet(this.graph, items, (run) => this.call('lookup', run))) {
      const id = unique[Number(response.id)];
      if (id === undefined) continue;
      if (response.status === 200) sponsors.set(id, userSponsorIds((response.body as GraphPage<SponsorObject>).value ?? []));
      else if (response.status !== 404) {
        const error = itemError(response, 'lookup');
        if (!error.retryable) throw error;
      }
    }
    return sponsors;
  }

  async addSponsor(userId: string, sponsorId: string): Promise<void> {
    try {
      await this.call('accountChange', () =>
        this.graph.api(`/users/${encodeURIComponent(userId)}/sponsors/$ref`).post(sponsorReference(sponsorId, this.graph.baseUrl)),
      );
    } catch (error) {
      // Graph answers 400 for a sponsor the guest already has (and for a sixth): settled by what the guest has now.
      if (error instanceof DirectoryError && error.kind === 'rejected' && (await this.sponsorIdsOf(userId)).includes(sponsorId)) return;
      throw error;
    }
  }

  async setAccountEnabled(userId: string, enabled: boolean): Promise<void> {
    await this.requireGuest(userId);
    await this.call('accountChange', () => this.graph.api(`/users/${encodeURIComponent(userId)}`).patch({ accountEnabled: enabled }));
  }

  async deleteAccount(userId: string): Promise<void> {
    try {
      await this.requireGuest(userId);
      await this.call('accountChange', () => this.graph.api(`/users/${encodeURIComponent(userId)}`).delete());
    } catch (error) {
      if (error instanceof DirectoryError && error.kind === 'notFound') return;
      throw error;
    }
  }

  /** Throws `rejected` for an account that is not a guest, `notFound` for one that does not exist. */
  private async requireGuest(userId: string): Promise<void> {
    const user = await this.call('lookup', () => this.graph.api(`/users/${encodeURIComponent(userId)}`).select(['id', 'userType']).get() as Promise<User>);
    if (user.userType !== 'Guest') {
      throw new DirectoryError('rejected', `Only guest accounts are disabled or deleted; this account's userType is ${user.userType ?? 'unknown'}`);
    }
  }

  private async probeSignIns(): Promise<LastSignIns> {
    try {
      await this.pace(() => this.graph.api('/users').select(['id', 'signInActivity']).top(1).get());
      return { available: true, at: new Map() };
    } catch (error) {
      if ((error as { statusCode?: unknown }).statusCode === SIGN_IN_ACTIVITY_REFUSED) return { available: false, why: 'forbidden' };
      throw toDirectoryError(error, 'lookup');
    }
  }

  private batch(ids: string[], select: string[]): Promise<BatchItemResponse[]> {
    const query = select.join(',');
    const items = ids.map((id, index) => ({ id: String(index), method: 'GET' as const, url: `/users/${encodeURIComponent(id)}?$select=${query}` }));
    return batchGet(this.graph, items, (run) => this.call('lookup', run));
  }

  private async call<T>(operation: GraphOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await this.pace(run);
    } catch (error) {
      throw toDirectoryError(error, operation);
    }
  }
}

interface SponsorObject {
  '@odata.type'?: string;
  id?: string;
}

/** Group sponsors are left out: a review card goes to people. */
function userSponsorIds(sponsors: SponsorObject[]): string[] {
  return sponsors.filter((sponsor) => sponsor['@odata.type'] === '#microsoft.graph.user' && sponsor.id).map((sponsor) => sponsor.id!);
}

function itemError(response: BatchItemResponse, operation: GraphOperation): DirectoryError {
  return toDirectoryError({ statusCode: response.status, code: itemErrorCode(response.body), requestId: itemRequestId(response) }, operation);
}

/** The reference Graph documents for a sponsor, on the configured cloud's Graph host. */
export function sponsorReference(sponsorId: string, baseUrl: string): { '@odata.id': string } {
  return { '@odata.id': `${new URL(baseUrl).origin}/v1.0/users/${encodeURIComponent(sponsorId)}` };
}

/**
 * The last time the guest signed in. `lastSuccessfulSignInDateTime` (successful, interactive or not) is the one
 * that means the guest used their access, but Graph fills it only since December 2023 and never backfilled it;
 * without it, the later of the interactive and non-interactive sign-ins stands in.
 */
export function lastSignIn(activity: SignInActivity | null | undefined): string | undefined {
  if (!activity) return undefined;
  if (activity.lastSuccessfulSignInDateTime) return activity.lastSuccessfulSignInDateTime;
  const times = [activity.lastSignInDateTime, activity.lastNonInteractiveSignInDateTime].filter((time): time is string => !!time);
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

export function toGuestAccount(user: User): GuestAccount {
  const state = normalizeExternalUserState(user.externalUserState);
  return {
    id: user.id ?? '',
    displayName: user.displayName ?? '',
    mail: user.mail ?? null,
    userPrincipalName: user.userPrincipalName ?? '',
    userType: user.userType === 'Member' || user.userType === 'Guest' ? user.userType : null,
    // Selected every time; a missing value is not taken for "disabled", which would spare the account a disable.
    accountEnabled: user.accountEnabled !== false,
    externalUserState: state,
    createdAt: user.createdDateTime ?? null,
  };
}
