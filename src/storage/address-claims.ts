import { addressKey } from '../invitation/email-address';
import { InvitationRequest, isOpen, RequestState } from '../invitation/invitation-request';

/**
 * One address, one open request. Every store keeps a claim per address (its `addressKey`) naming the open request
 * that holds it, written in the same atomic step as the request: taken when a request becomes open, given up when
 * it leaves the open states. A claim whose request is no longer open for that address (left behind by data written
 * before claims existed, or by a store without transactions) is stale, and the next request takes it over.
 *
 * An invited request keeps its claim for a while (INVITED_HOLD_MS): Entra's directory takes a moment to show a new
 * guest to every reader, and a second request in that moment would find no one, reach `POST /invitations` and get
 * back the redeem URL of the first requester's guest. After the hold the directory knows the guest, and the next
 * request is answered from it.
 */

/** How long after its invitation a request still holds its address against other requests. */
export const INVITED_HOLD_MS = 15 * 60_000;

/** What one write of a request does to the claims: the address it gives up, the address it must hold, and when. */
export interface ClaimChange {
  release?: string;
  take?: string;
  /** The instant of the write (its last transition): what a stale claim is judged against. */
  at: string;
}

/**
 * What a claim depends on of a request as last written: its state, and its address as compared (`addressKey`).
 * A store that keeps these beside the document reads them instead of the whole request.
 */
export interface ClaimHolderFacts {
  state: RequestState;
  address: string;
}

export function claimFactsOf(request: InvitationRequest): ClaimHolderFacts {
  return { state: request.state, address: addressKey(request.invitation.email) };
}

export function claimChange(before: ClaimHolderFacts | undefined, after: InvitationRequest): ClaimChange {
  const held = before && keepsClaim(before.state) ? before.address : undefined;
  const address = addressKey(after.invitation.email);
  // An invitation keeps the claim its request held; a request written as invited from the start takes none.
  const wanted = isOpen(after.state) || (after.state === 'invited' && held === address) ? address : undefined;
  return { release: held !== wanted ? held : undefined, take: wanted !== held ? wanted : undefined, at: writtenAt(after) };
}

/** Whether the request a claim names still holds it at `at`; any other claim is stale and may be taken over. */
export function holdsClaim(holder: InvitationRequest | undefined, address: string, at: string): holder is InvitationRequest {
  if (holder === undefined || addressKey(holder.invitation.email) !== address) return false;
  if (isOpen(holder.state)) return true;
  return holder.state === 'invited' && Date.parse(at) - Date.parse(invitedAt(holder)) < INVITED_HOLD_MS;
}

function keepsClaim(state: RequestState): boolean {
  return isOpen(state) || state === 'invited';
}

function writtenAt(request: InvitationRequest): string {
  return request.transitions.at(-1)?.at ?? request.createdAt;
}

function invitedAt(request: InvitationRequest): string {
  return [...request.transitions].reverse().find((transition) => transition.to === 'invited')?.at ?? writtenAt(request);
}
