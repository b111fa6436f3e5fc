import { TableEntity } from '@azure/data-tables';
import { InvitationRequest } from '../../invitation/invitation-request';
import { dueAt, DUE_KINDS, DueKind } from '../../invitation/request-due';
import { addressKeyOf, guestKeyOf } from '../request-lookups';
import { REQUESTS_PARTITION } from './request-rows';
import { ascendingTime, escapeKey, prefixEnd } from './table-keys';

/**
 * Look-up rows of the Requests partition: small entities that point at a request (RequestId only), written,
 * moved and deleted in the same entity group transaction as the request, so they always agree with it:
 *
 *   g|{guestId}|{sortKey}|{id}           requests whose guest is this object id (lower-cased)  (who invited a guest)
 *   e|{address}|{sortKey}|{id}           requests for this address (lower-cased)
 *   x|{kind}|{dueTime}|{id}              requests due for one kind of background work (request-due.ts), by due time
 *   w|{requesterId}|{dueTime}|{id}       one requester's guests still to accept                 (`pending`)
 *
 * Unlike the index rows of request-rows.ts they carry no copy of the document: a look-up reads the few requests
 * they name by id, and checks each against the query (a request written between the two reads may no longer
 * answer it). Keeping copies out keeps a transaction within Cosmos DB's 2 MB however many look-ups there are.
 * `dueTime` sorts oldest first (table-keys.ts `ascendingTime`).
 */
export const LOOKUPS_MARK = 'Lookups';
/** Row of the Requests partition recording that every request has its look-up rows (see backfillLookupRows). */
export const LOOKUPS_DONE_ROW = 'm|lookups';

export function guestPrefix(guestKey: string): string {
  return `g|${escapeKey(guestKey)}|`;
}

export function addressPrefix(addressKey: string): string {
  return `e|${escapeKey(addressKey)}|`;
}

export function duePrefix(kind: DueKind): string {
  return `x|${kind}|`;
}

export function waitingByRequesterPrefix(requesterId: string): string {
  return `w|${escapeKey(requesterId)}|`;
}

/** The row keys of a request's look-up rows, for its index sort key (request-rows.ts). */
export function lookupRowKeys(request: InvitationRequest, sortKey: string): string[] {
  const id = escapeKey(request.id);
  const keys: string[] = [];
  const guest = guestKeyOf(request);
  if (guest !== undefined) keys.push(`${guestPrefix(guest)}${sortKey}|${id}`);
  keys.push(`${addressPrefix(addressKeyOf(request))}${sortKey}|${id}`);
  for (const kind of DUE_KINDS) {
    const due = dueAt(request, kind);
    if (due !== undefined) keys.push(`${duePrefix(kind)}${ascendingTime(due)}|${id}`);
  }
  const watch = dueAt(request, 'watch');
  if (watch !== undefined) keys.push(`${waitingByRequesterPrefix(request.requester.id)}${ascendingTime(watch)}|${id}`);
  return keys;
}

export function lookupRow(rowKey: string, requestId: string): TableEntity {
  return { partitionKey: REQUESTS_PARTITION, rowKey, RequestId: requestId };
}

/** Row-key bounds of the due rows under `prefix` with a due time in `[fromMs, byMs]` (either bound optional). */
export function dueRange(prefix: string, fromMs?: number, byMs?: number): { ge: string; lt: string } {
  return {
    ge: fromMs === undefined ? prefix : prefix + ascendingTime(fromMs),
    lt: byMs === undefined ? prefixEnd(prefix) : prefix + ascendingTime(byMs + 1),
  };
}
