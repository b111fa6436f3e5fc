import type { Database, Statement } from 'better-sqlite3';
import { InvitationRequest } from '../../invitation/invitation-request';
import { AddressAlreadyRequestedError } from '../../invitation/request-repository';
import { ClaimChange, holdsClaim } from '../address-claims';

/**
 * The `address_claims` table (see address-claims.ts). `apply` must run inside the transaction that writes the
 * request, which is what makes "one open request per address" hold across processes sharing the file.
 */
export class SqliteAddressClaims {
  private readonly insert: Statement<[string, string]>;
  private readonly holderOf: Statement<[string], { request_id: string }>;
  private readonly takeOver: Statement<[string, string]>;
  private readonly release: Statement<[string, string]>;

  constructor(
    db: Database,
    private readonly find: (id: string) => InvitationRequest | undefined,
  ) {
    this.insert = db.prepare('INSERT INTO address_claims (address, request_id) VALUES (?, ?) ON CONFLICT (address) DO NOTHING');
    this.holderOf = db.prepare('SELECT request_id FROM address_claims WHERE address = ?');
    this.takeOver = db.prepare('UPDATE address_claims SET request_id = ? WHERE address = ?');
    this.release = db.prepare('DELETE FROM address_claims WHERE address = ? AND request_id = ?');
  }

  /** Throws AddressAlreadyRequestedError (the caller's transaction then rolls back) if another open request holds the address. */
  apply(requestId: string, change: ClaimChange): void {
    if (change.release !== undefined) this.release.run(change.release, requestId);
    if (change.take === undefined) return;
    if (this.insert.run(change.take, requestId).changes > 0) return;
    const holderId = this.holderOf.get(change.take)?.request_id;
    if (holderId === requestId) return;
    const holder = holderId === undefined ? undefined : this.find(holderId);
    if (holdsClaim(holder, change.take, change.at)) throw new AddressAlreadyRequestedError(change.take, holder);
    this.takeOver.run(requestId, change.take);
  }
}
