import { InvitationRequest } from '../../invitation/invitation-request';
import { AddressAlreadyRequestedError } from '../../invitation/request-repository';
import { ClaimChange, holdsClaim } from '../address-claims';

/**
 * The address claims of the memory store (see address-claims.ts): address → id of the request holding it. Checked
 * and written synchronously with the request, so no other call can come in between.
 */
export class MemoryAddressClaims {
  private readonly holders = new Map<string, string>();

  /** Throws AddressAlreadyRequestedError if another request holds `change.take`; changes nothing then. */
  check(requestId: string, change: ClaimChange, find: (id: string) => InvitationRequest | undefined): void {
    if (change.take === undefined) return;
    const holderId = this.holders.get(change.take);
    if (holderId === undefined || holderId === requestId) return;
    const holder = find(holderId);
    if (holdsClaim(holder, change.take, change.at)) throw new AddressAlreadyRequestedError(change.take, holder);
  }

  apply(requestId: string, change: ClaimChange): void {
    if (change.release !== undefined && this.holders.get(change.release) === requestId) this.holders.delete(change.release);
    if (change.take !== undefined) this.holders.set(change.take, requestId);
  }
}
