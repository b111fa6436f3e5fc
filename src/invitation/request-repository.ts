import { InvitationRequest, RequestState } from './invitation-request';

/** A stored value and the version it was read at. */
export interface Versioned<T> {
  value: T;
  /** Opaque version token; a write naming an older one fails with `ConcurrencyError`. */
  etag: string;
}

/** Raised when a write names a version that is no longer current (someone else wrote first). */
export class ConcurrencyError extends Error {
  constructor(readonly key: string) {
    super(`${key} was changed by someone else; read it again and retry`);
    this.name = 'ConcurrencyError';
  }
}

/** Raised when creating a record whose key already exists. */
export class AlreadyExistsError extends Error {
  constructor(readonly key: string) {
    super(`${key} already exists`);
    this.name = 'AlreadyExistsError';
  }
}

/**
 * Raised when a request would be open (pending approval, approved, inviting) for an address another open request
 * already holds. `holder` is that request, as the store has it.
 */
export class AddressAlreadyRequestedError extends Error {
  constructor(
    readonly address: string,
    readonly holder: InvitationRequest,
  ) {
    super(`Request ${holder.id} is already open for this address`);
    this.name = 'AddressAlreadyRequestedError';
  }
}

export interface RequestQuery {
  states?: RequestState[];
  requesterId?: string;
  createdAtOrAfter?: Date;
  /** Newest first; at most this many. */
  limit?: number;
}

/**
 * Durable invitation requests with optimistic concurrency. One address, one open request: a create or update that
 * would leave two open requests for the same address (`addressKey`) throws `AddressAlreadyRequestedError`, checked
 * atomically with the write itself, across processes.
 */
export interface RequestRepository {
  create(request: InvitationRequest): Promise<Versioned<InvitationRequest>>;
  get(id: string): Promise<Versioned<InvitationRequest> | undefined>;
  /** Replaces the request if `etag` is still current; otherwise throws `ConcurrencyError` (and changes nothing). */
  update(request: InvitationRequest, etag: string): Promise<Versioned<InvitationRequest>>;
  list(query: RequestQuery): Promise<Versioned<InvitationRequest>[]>;
  /** Requests created by `requesterId` at or after `since` (for the daily quota). */
  countCreatedSince(requesterId: string, since: Date): Promise<number>;
}
