import { TableEntity } from '@azure/data-tables';
import { GuestIndexFacts } from '../governed-guests';
import { DocumentProperties } from './json-chunks';
import { escapeKey } from './table-keys';

/**
 * How governed guests are laid out in the Guests table. Every row lives in ONE partition, so a guest and its index
 * rows are written in one entity group transaction and an index never points at a guest that moved on:
 *
 *   g|{userId}               the guest (its JSON document), looked up by id; lists every guest by id
 *   d|{dueAt}|{userId}       guests due at `dueAt` (ISO, so the keys sort by time)   (the runs' due list)
 *   s|{sponsorId}|{userId}   each sponsor of a guest not deleted                    (`my guests`)
 *   n|{userId}               guests not deleted without any sponsor                  (`orphans`)
 *   e|{address}|{userId}     the guest's address (addressKey)                        (`restore EMAIL`)
 *
 * Ids are lower case. Index rows hold only the guest's id: a guest's document may be large (a long history), and
 * one copy per index row would not fit a transaction; a list reads the documents it returns by id. The etag callers
 * see is the `Version` number on the guest row, as for requests.
 */
export const GUESTS_PARTITION = 'guests';

export const GUEST_PREFIX = 'g|';
export const DUE_PREFIX = 'd|';
export const WITHOUT_SPONSOR_PREFIX = 'n|';

/** 15 × 30,000 characters: one copy in a transaction, within an entity's 1 MiB. */
export const MAX_GUEST_PARTS = 15;

/** Entity group transactions hold at most 100 operations. */
export const MAX_TRANSACTION_ACTIONS = 100;

const EARLIEST_DUE = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST_DUE = Date.parse('9999-12-31T23:59:59.999Z');

export function guestRowKey(key: string): string {
  return `${GUEST_PREFIX}${escapeKey(key)}`;
}

/**
 * An instant as ISO 8601 with four-digit years, which sorts as time does; instants outside years 0–9999 (which
 * ISO writes with a sign) are clamped: the document keeps the exact value and every list checks it again.
 */
export function dueKey(ms: number): string {
  return new Date(Math.min(LATEST_DUE, Math.max(EARLIEST_DUE, ms))).toISOString();
}

export function sponsorPrefix(sponsorKey: string): string {
  return `s|${escapeKey(sponsorKey)}|`;
}

export function addressPrefix(address: string): string {
  return `e|${escapeKey(address)}|`;
}

/** The row keys of a guest's index rows. */
export function indexRowKeys(facts: GuestIndexFacts): string[] {
  const id = escapeKey(facts.key);
  return [
    ...(facts.dueMs === undefined ? [] : [`${DUE_PREFIX}${dueKey(facts.dueMs)}|${id}`]),
    ...facts.sponsorKeys.map((sponsor) => sponsorPrefix(sponsor) + id),
    ...(facts.withoutSponsor ? [WITHOUT_SPONSOR_PREFIX + id] : []),
    addressPrefix(facts.address) + id,
  ];
}

/** The guest's row; `IndexKeys` says where its index rows are, so an update can remove the ones it no longer needs. */
export function guestRow(facts: GuestIndexFacts, document: DocumentProperties, version: number): TableEntity {
  return {
    partitionKey: GUESTS_PARTITION,
    rowKey: guestRowKey(facts.key),
    ...document,
    Version: version,
    UserId: facts.key,
    IndexKeys: JSON.stringify(indexRowKeys(facts)),
  };
}

export function indexRow(rowKey: string, facts: GuestIndexFacts): TableEntity {
  return { partitionKey: GUESTS_PARTITION, rowKey, UserId: facts.key };
}

/** The index row keys a stored guest row names. */
export function storedIndexKeys(row: Record<string, unknown>): string[] {
  const keys: unknown = typeof row.IndexKeys === 'string' ? JSON.parse(row.IndexKeys) : [];
  return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
}
