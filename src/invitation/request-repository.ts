import { InvitationRequest, RequestState } from './invitation-request';
import { DueKind } from './request-due';

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
  /** Requests whose guest is this Entra object id (`result.userId`, compared as object ids are). */
  guestId?: string;
  /** Requests for this address (compared by `addressKey`). */
  address?: string;
  /** Newest first; at most this many. */
  limit?: number;
}

/** Which requests a `listDue` asks for, by the instant each is due (see request-due.ts for what each kind means). */
export interface DueQuery {
  kind: DueKind;
  /** Due at or before this instant. */
  dueBy?: Date;
  /** Due at or after this instant. */
  dueFrom?: Date;
  requesterId?: string;
  /** Earliest due first; at most this many. */
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
  /**
   * Requests due for one kind of background work, earliest due first. Stores keep these indexed by due time, so
   * the cost follows the requests due, not every request ever stored.
   */
  listDue(query: DueQuery): Promise<Versioned<InvitationRequest>[]>;
  /** Requests created by `requesterId` at or after `since` (for the daily quota). */
  countCreatedSince(requesterId: string, since: Date): Promise<number>;
}
