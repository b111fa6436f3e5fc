import { addressKey } from '../invitation/email-address';
import { InvitationRequest, isOpen } from '../invitation/invitation-request';

/**
 * One address, one open request. Every store keeps a claim per address (its `addressKey`) naming the open request
 * that holds it, written in the same atomic step as the request: taken when a request becomes open, given up when
 * it leaves the open states. A claim whose request is no longer open for that address (left behind by data written
 * before claims existed, or by a store without transactions) is stale, and the next request takes it over.
 */

/** What one write of a request does to the claims: the address it gives up, and the address it must hold. */
export interface ClaimChange {
  release?: string;
  take?: string;
}

export function claimChange(before: InvitationRequest | undefined, after: InvitationRequest): ClaimChange {
  const held = before && isOpen(before.state) ? addressKey(before.invitation.email) : undefined;
  const wanted = isOpen(after.state) ? addressKey(after.invitation.email) : undefined;
  return { release: held !== wanted ? held : undefined, take: wanted !== held ? wanted : undefined };
}

/** Whether the request a claim names still holds it; any other claim is stale and may be taken over. */
export function holdsClaim(holder: InvitationRequest | undefined, address: string): holder is InvitationRequest {
  return holder !== undefined && isOpen(holder.state) && addressKey(holder.invitation.email) === address;
}
