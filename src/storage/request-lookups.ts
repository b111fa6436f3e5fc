import { addressKey } from '../invitation/email-address';
import { InvitationRequest } from '../invitation/invitation-request';
import { normalizeObjectId } from '../invitation/object-id';
import { dueAt } from '../invitation/request-due';
import { DueQuery, RequestQuery } from '../invitation/request-repository';
import { createdAtMillis } from './created-at';

/**
 * What every store indexes a request by, besides its id, state, requester and creation time: the guest's object id
 * and the address in the forms they are compared in, so an index look-up finds what a comparison would.
 */
export function guestKeyOf(request: InvitationRequest): string | undefined {
  const userId = request.result?.userId;
  return userId === undefined || normalizeObjectId(userId) === '' ? undefined : normalizeObjectId(userId);
}

export function addressKeyOf(request: InvitationRequest): string {
  return addressKey(request.invitation.email);
}

/** Whether `request` answers `query` (every condition given). Stores reading an index check what they read with it. */
export function matchesQuery(request: InvitationRequest, query: RequestQuery): boolean {
  return (
    (query.states === undefined || query.states.includes(request.state)) &&
    (query.requesterId === undefined || request.requester.id === query.requesterId) &&
    (query.createdAtOrAfter === undefined || createdAtMillis(request) >= query.createdAtOrAfter.getTime()) &&
    (query.guestId === undefined || (normalizeObjectId(query.guestId) !== '' && guestKeyOf(request) === normalizeObjectId(query.guestId))) &&
    (query.address === undefined || addressKeyOf(request) === addressKey(query.address))
  );
}

/** When `request` is due as `query` asks, or undefined when it does not answer it. */
export function dueMatching(request: InvitationRequest, query: DueQuery): number | undefined {
  const due = dueAt(request, query.kind);
  if (due === undefined) return undefined;
  if (query.dueBy !== undefined && due > query.dueBy.getTime()) return undefined;
  if (query.dueFrom !== undefined && due < query.dueFrom.getTime()) return undefined;
  if (query.requesterId !== undefined && request.requester.id !== query.requesterId) return undefined;
  return due;
}

/** A limit as every store reads it: none, or a whole number of at least zero. */
export function boundedLimit(limit: number | undefined): number | undefined {
  return limit === undefined ? undefined : Math.max(0, Math.floor(limit));
}
