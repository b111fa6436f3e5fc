import { InvitationRequest } from '../invitation/invitation-request';

/**
 * `createdAt` as epoch milliseconds, the form every store filters and sorts on. Comparing instants rather than
 * ISO strings keeps ordering right even if a writer used a different offset or precision; an unparsable value is
 * refused up front because it would otherwise silently fall out of every date query.
 */
export function createdAtMillis(request: InvitationRequest): number {
  const millis = Date.parse(request.createdAt);
  if (Number.isNaN(millis)) {
    throw new TypeError(`Request ${request.id} has an invalid createdAt: ${JSON.stringify(request.createdAt)}`);
  }
  return millis;
}
