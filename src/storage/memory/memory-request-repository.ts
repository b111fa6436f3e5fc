import { InvitationRequest } from '../../invitation/invitation-request';
import { RequestQuery, RequestRepository, Versioned } from '../../invitation/request-repository';
import { createdAtMillis } from '../created-at';
import { VersionedMap } from './versioned-map';

/** Requests in a map; queries scan everything, which is fine at test sizes. */
export class MemoryRequestRepository implements RequestRepository {
  private readonly requests = new VersionedMap<InvitationRequest>();

  async create(request: InvitationRequest): Promise<Versioned<InvitationRequest>> {
    createdAtMillis(request); // refuse what the durable stores would refuse
    return this.requests.create(request.id, request);
  }

  async get(id: string): Promise<Versioned<InvitationRequest> | undefined> {
    return this.requests.get(id);
  }

  async update(request: InvitationRequest, etag: string): Promise<Versioned<InvitationRequest>> {
    createdAtMillis(request);
    return this.requests.replace(request.id, request, etag);
  }

  async list(query: RequestQuery): Promise<Versioned<InvitationRequest>[]> {
    const since = query.createdAtOrAfter?.getTime();
    const matches = this.requests.filter(
      (value) =>
        (query.states === undefined || query.states.includes(value.state)) &&
        (query.requesterId === undefined || value.requester.id === query.requesterId) &&
        (since === undefined || createdAtMillis(value) >= since),
    );
    // Newest first; among equal timestamps the later-created first, as the SQLite store orders by rowid.
    const newestFirst = matches.reverse().sort((a, b) => createdAtMillis(b.value) - createdAtMillis(a.value));
    return query.limit === undefined ? newestFirst : newestFirst.slice(0, Math.max(0, query.limit));
  }

  async countCreatedSince(requesterId: string, since: Date): Promise<number> {
    const from = since.getTime();
    return this.requests.count((value) => value.requester.id === requesterId && createdAtMillis(value) >= from);
  }
}
