import { TableEntity } from '@azure/data-tables';
import { InvitationRequest } from '../../invitation/invitation-request';
import { Versioned } from '../../invitation/request-repository';
import { DocumentProperties, fromDocumentProperties } from './json-chunks';
import { escapeKey } from './table-keys';

/**
 * How a request is laid out in the Requests table. Every row of every request lives in ONE partition, because a
 * partition is what an entity group transaction can change atomically: a request and its index rows are always
 * written together, so an index never points at a state the request is no longer in.
 *
 *   d|{id}                          the request, looked up by id; also holds State, RequesterId, SortKey
 *   c|{sortKey}|{id}                every request, by creation time          (list newest first)
 *   s|{state}|{sortKey}|{id}        requests in one state, by creation time  (housekeeping, pending lists)
 *   r|{requesterId}|{sortKey}|{id}  one person's requests, by creation time  (their list, the daily quota)
 *   a|{address}                     the open request holding an address        (address-claim-rows.ts)
 *   g|… e|… x|… w|…                 look-up rows: by guest, address and due time (lookup-rows.ts)
 *
 * `sortKey` is the inverted creation time (newest first) plus an inverted write stamp (table-keys.ts). Index
 * rows carry a full copy of the document, so a list is one range query rather than one read per request; the
 * etag callers see is the `Version` number all four rows share, since an entity ETag cannot be copied into the
 * other rows of the transaction that creates it.
 */
export const REQUESTS_PARTITION = 'requests';

/** 4 × 30,000 characters: four copies of that still fit one transaction on Cosmos DB (2 MB), with room for UTF-8. */
export const MAX_REQUEST_PARTS = 4;

export const CREATED_PREFIX = 'c|';

export function docRowKey(id: string): string {
  return `d|${escapeKey(id)}`;
}

export function statePrefix(state: string): string {
  return `s|${escapeKey(state)}|`;
}

export function requesterPrefix(requesterId: string): string {
  return `r|${escapeKey(requesterId)}|`;
}

/** What decides where a request's index rows are. */
export interface IndexFacts {
  id: string;
  state: string;
  requesterId: string;
  sortKey: string;
}

export function indexRowKeys(facts: IndexFacts): string[] {
  const suffix = `${facts.sortKey}|${escapeKey(facts.id)}`;
  return [CREATED_PREFIX, statePrefix(facts.state), requesterPrefix(facts.requesterId)].map((prefix) => prefix + suffix);
}

export function factsOf(request: InvitationRequest, sortKey: string): IndexFacts {
  return { id: request.id, state: request.state, requesterId: request.requester.id, sortKey };
}

/** The row looked up by id; its copied-out fields are what an update needs to find the old index rows. */
export function docRow(facts: IndexFacts, createdAtMs: number, document: DocumentProperties, version: number): TableEntity {
  return {
    partitionKey: REQUESTS_PARTITION,
    rowKey: docRowKey(facts.id),
    ...document,
    Version: version,
    State: facts.state,
    RequesterId: facts.requesterId,
    CreatedAt: createdAtMs,
    SortKey: facts.sortKey,
  };
}

export function indexRow(rowKey: string, facts: IndexFacts, document: DocumentProperties, version: number): TableEntity {
  return { partitionKey: REQUESTS_PARTITION, rowKey, ...document, Version: version, RequestId: facts.id };
}

/** The stored facts of a doc row, as written by `docRow`. */
export function storedFacts(id: string, row: Record<string, unknown>): IndexFacts & { version: number; createdAtMs: number } {
  return {
    id,
    state: String(row.State),
    requesterId: String(row.RequesterId),
    sortKey: String(row.SortKey),
    version: Number(row.Version),
    createdAtMs: Number(row.CreatedAt),
  };
}

export function versionedOf(row: Record<string, unknown>): Versioned<InvitationRequest> {
  return { value: fromDocumentProperties<InvitationRequest>(row, `Request row ${String(row.rowKey)}`), etag: etagOf(Number(row.Version)) };
}

export function etagOf(version: number): string {
  return String(version);
}

/** The version an etag names, or undefined if it cannot be one of ours (and so cannot be current). */
export function versionOf(etag: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(etag) ? Number(etag) : undefined;
}
