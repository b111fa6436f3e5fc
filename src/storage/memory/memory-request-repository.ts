import { InvitationRequest } from '../../invitation/invitation-request';
import { AlreadyExistsError, ConcurrencyError, DueQuery, RequestQuery, RequestRepository, Versioned } from '../../invitation/request-repository';
import { boundedLimit, dueMatching, matchesQuery } from '../request-lookups';
import { claimChange, claimFactsOf } from '../address-claims';
import { createdAtMillis } from '../created-at';
import { MemoryAddressClaims } from './memory-address-claims';
import { CreationIndex } from './creation-index';
import { VersionedMap } from './versioned-map';

/**
 * Requests in a map. Listing (due work included) scans everything, which is fine at the sizes this store is for
 * (tests, the sandbox); the daily quota, asked on every invitation, has an index.
 */
export class MemoryRequestRepository implements RequestRepository {
  private readonly requests = new VersionedMap<InvitationRequest>();
  private readonly creations = new CreationIndex();
  private readonly claims = new MemoryAddressClaims();

  async create(request: InvitationRequest): Promise<Versioned<InvitationRequest>> {
    const createdAt = createdAtMillis(request); // refuse what the durable stores would refuse
    if (this.requests.peek(request.id)) throw new AlreadyExistsError(request.id);
    const change = claimChange(undefined, request);
    this.claims.check(request.id, change, (id) => this.requests.get(id)?.value);
    const created = this.requests.create(request.id, request);
    this.claims.apply(request.id, change);
    this.creations.record(request.id, request.requester.id, createdAt);
    return created;
  }

  async get(id: string): Promise<Versioned<InvitationRequest> | undefined> {
    return this.requests.get(id);
  }

  async update(request: InvitationRequest, etag: string): Promise<Versioned<InvitationRequest>> {
    const createdAt = createdAtMillis(request);
    // Read in place: a copy of the whole request only to compare its etag and address was most of an update's cost.
    const current = this.requests.peek(request.id);
    if (current?.etag !== etag) throw new ConcurrencyError(request.id);
    const change = claimChange(claimFactsOf(current.value), request);
    this.claims.check(request.id, change, (id) => this.requests.get(id)?.value);
    const updated = this.requests.replace(request.id, request, etag);
    this.claims.apply(request.id, change);
    this.creations.record(request.id, request.requester.id, createdAt);
    return updated;
  }

  async list(query: RequestQuery): Promise<Versioned<InvitationRequest>[]> {
    const matches = this.requests.filter((value) => matchesQuery(value, query));
    // Newest first; among equal timestamps the later-created first, as the SQLite store orders by rowid.
    const newestFirst = matches.reverse().sort((a, b) => createdAtMillis(b.value) - createdAtMillis(a.value));
    return query.limit === undefined ? newestFirst : newestFirst.slice(0, Math.max(0, query.limit));
  }

  async listDue(query: DueQuery): Promise<Versioned<InvitationRequest>[]> {
    const due = this.requests
      .filter((value) => dueMatching(value, query) !== undefined)
      .map((entry) => ({ entry, at: dueMatching(entry.value, query)! }))
      // Ties in id order, as the durable stores break them.
      .sort((a, b) => a.at - b.at || (a.entry.value.id < b.entry.value.id ? -1 : a.entry.value.id > b.entry.value.id ? 1 : 0))
      .map(({ entry }) => entry);
    const limit = boundedLimit(query.limit);
    return limit === undefined ? due : due.slice(0, limit);
  }

  async countCreatedSince(requesterId: string, since: Date): Promise<number> {
    return this.creations.countSince(requesterId, since.getTime());
  }
}
