import { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { InvitationRequest } from '../../invitation/invitation-request';
import { AddressAlreadyRequestedError } from '../../invitation/request-repository';
import { ClaimChange, holdsClaim } from '../address-claims';
import { docRowKey, REQUESTS_PARTITION, versionedOf } from './request-rows';
import { hasStatus } from './table-errors';
import { escapeKey } from './table-keys';

/**
 * Address claims (see address-claims.ts) as rows of the Requests partition, so they go into the same entity group
 * transaction as the request they belong to:
 *
 *   a|{address}   RequestId: the open request holding the lower-cased address
 *
 * The claim's actions are computed from a read made just before the transaction and are conditional on it (a
 * create fails with 409 if someone claimed meanwhile, an update names the claim's ETag), so a concurrent writer
 * makes the whole transaction fail rather than leaving two open requests for one address.
 */
export function claimRowKey(address: string): string {
  return `a|${escapeKey(address)}`;
}

async function readRow(table: TableClient, rowKey: string): Promise<(TableEntity & { etag: string }) | undefined> {
  try {
    return (await table.getEntity(REQUESTS_PARTITION, rowKey)) as TableEntity & { etag: string };
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

/**
 * The transaction actions that carry out `change` for `requestId`. Throws AddressAlreadyRequestedError when another
 * open request holds the address to take.
 */
export async function claimActions(table: TableClient, requestId: string, change: ClaimChange): Promise<TransactionAction[]> {
  const actions: TransactionAction[] = [];
  if (change.release !== undefined) {
    const claim = await readRow(table, claimRowKey(change.release));
    // A delete in a transaction cannot name an ETag; the request row's If-Match guards it instead: while this request
    // is open (as it was when read) nobody else can take its claim.
    if (claim && claim.RequestId === requestId) actions.push(['delete', { partitionKey: REQUESTS_PARTITION, rowKey: claim.rowKey! }]);
  }
  if (change.take !== undefined) {
    const rowKey = claimRowKey(change.take);
    const row: TableEntity = { partitionKey: REQUESTS_PARTITION, rowKey, RequestId: requestId };
    const claim = await readRow(table, rowKey);
    if (!claim) {
      actions.push(['create', row]);
    } else {
      const holderId = String(claim.RequestId);
      if (holderId !== requestId) {
        const holder = await readRequest(table, holderId);
        if (holdsClaim(holder, change.take, change.at)) throw new AddressAlreadyRequestedError(change.take, holder);
      }
      // Rewritten even when it names this request already, so a concurrent take-over fails on the ETag.
      actions.push(['update', row, 'Replace', { etag: claim.etag }]);
    }
  }
  return actions;
}

async function readRequest(table: TableClient, id: string): Promise<InvitationRequest | undefined> {
  const row = await readRow(table, docRowKey(id));
  return row && versionedOf(row).value;
}
