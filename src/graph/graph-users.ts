import { User } from '@microsoft/microsoft-graph-types';
import { DirectoryAccount } from '../invitation/account-port';
import { DirectoryError } from '../invitation/directory-error';
import { DirectoryUser } from '../invitation/directory-user';
import { DirectoryPerson, PendingGuestListing, UsersById } from '../invitation/guest-directory-port';
import { batchGet, itemErrorCode, itemRequestId } from './graph-batch';
import { GraphConnection } from './graph-client';
import { toDirectoryError } from './graph-errors';
import { collectPages, GraphPage } from './graph-paging';
import { encodeQueryValue } from './odata';
import { displayNamePrefixFilter, existingUserFilter, PENDING_FILTER } from './user-filters';
import { toDirectoryUser, USER_SELECT } from './user-mapping';

/** Graph's default page size for users; the pending list follows `@odata.nextLink` beyond it. */
export const USER_PAGE_SIZE = 100;

type Call = <T>(run: () => Promise<T>) => Promise<T>;

/** The user queries of the guest lifecycle: every URL and filter they need, and nothing else. */
export class GraphUsers {
  constructor(
    private readonly graph: GraphConnection,
    /** Runs a Graph call and maps its failure to a DirectoryError. */
    private readonly call: Call,
  ) {}

  async findByEmail(email: string): Promise<DirectoryUser[]> {
    return this.list(existingUserFilter(email), 10);
  }

  async findByDisplayNamePrefix(prefix: string, limit: number): Promise<DirectoryUser[]> {
    return this.list(displayNamePrefixFilter(prefix), limit);
  }

  async listPendingGuests(limit: number): Promise<PendingGuestListing> {
    const first = await this.page(
      this.graph.api('/users').filter(encodeQueryValue(PENDING_FILTER)).select(USER_SELECT).top(Math.min(limit, USER_PAGE_SIZE)),
    );
    const { items, complete } = await collectPages(this.graph, first, limit, (path) => this.page(this.graph.api(path)));
    return { guests: items.map(toDirectoryUser), complete };
  }

  async listSponsors(userId: string): Promise<DirectoryPerson[]> {
    const page = await this.page(this.graph.api(`/users/${encodeURIComponent(userId)}/sponsors`).select(['id', 'displayName', 'mail']));
    return page.value.map((sponsor) => ({ id: sponsor.id ?? '', displayName: sponsor.displayName ?? '', mail: sponsor.mail ?? null }));
  }

  /** One plain GET: access control asks about one person at a time, and a 404 means there is no such user. */
  async accountOf(userId: string): Promise<DirectoryAccount | undefined> {
    let user: User;
    try {
      user = await this.call(() => this.graph.api(`/users/${encodeURIComponent(userId)}`).select(['id', 'userType']).get() as Promise<User>);
    } catch (error) {
      if (error instanceof DirectoryError && error.kind === 'notFound') return undefined;
      throw error;
    }
    return { id: user.id ?? userId, userType: user.userType === 'Member' || user.userType === 'Guest' ? user.userType : null };
  }

  /** One JSON batch item per user; a 404 item means the user is gone, any other failure fails the whole lookup. */
  async getById(ids: string[]): Promise<UsersById> {
    const select = USER_SELECT.join(',');
    const items = ids.map((id, index) => ({ id: String(index), method: 'GET' as const, url: `/users/${encodeURIComponent(id)}?$select=${select}` }));
    const responses = await batchGet(this.graph, items, this.call);
    const found: DirectoryUser[] = [];
    const missingIds: string[] = [];
    for (const response of responses) {
      const id = ids[Number(response.id)];
      if (id === undefined) continue;
      if (response.status === 200) found.push(toDirectoryUser(response.body as User));
      else if (response.status === 404) missingIds.push(id);
      else throw toDirectoryError({ statusCode: response.status, code: itemErrorCode(response.body), requestId: itemRequestId(response) }, 'lookup');
    }
    return { found, missingIds };
  }

  private list(filter: string, top: number): Promise<DirectoryUser[]> {
    return this.page(this.graph.api('/users').filter(encodeQueryValue(filter)).select(USER_SELECT).top(top)).then((page) =>
      page.value.map(toDirectoryUser),
    );
  }

  private page(request: { get(): Promise<unknown> }): Promise<GraphPage<User>> {
    return this.call(() => request.get() as Promise<GraphPage<User>>);
  }
}
