import { odata, TableClient, TransactionAction } from '@azure/data-tables';
import { addressKey } from '../../invitation/email-address';
import { GovernedGuest } from '../../invitation/lifecycle/governed-guest';
import { GovernedGuestStore } from '../../invitation/lifecycle/governed-guest-store';
import { AlreadyExistsError, ConcurrencyError, Versioned } from '../../invitation/request-repository';
import { compareDue, compareKeys, GuestIndexFacts, guestIndexFacts, guestKey, preferredByAddress, wantedCount } from '../governed-guests';
import {
  addressPrefix,
  DUE_PREFIX,
  dueKey,
  GUEST_PREFIX,
  guestRow,
  guestRowKey,
  GUESTS_PARTITION,
  indexRow,
  indexRowKeys,
  MAX_GUEST_PARTS,
  MAX_TRANSACTION_ACTIONS,
  sponsorPrefix,
  storedIndexKeys,
  WITHOUT_SPONSOR_PREFIX,
} from './governed-guest-rows';
import { fromDocumentProperties, toDocumentProperties } from './json-chunks';
import { etagOf, versionOf } from './request-rows';
import { hasStatus, lostRace } from './table-errors';
import { prefixEnd } from './table-keys';
import { queryAll, Row } from './table-query';

/**
 * Governed guests in the layout of governed-guest-rows.ts; every write is one entity group transaction. A list
 * reads the keys of its index range (nothing else: the cost follows what is listed, not how many guests there
 * are), sorts them here (Cosmos DB for Table does not promise an order), and reads the documents it returns by id,
 * checking each again, since a guest may have moved on between the two reads.
 */
export class TableGovernedGuests implements GovernedGuestStore {
  constructor(private readonly table: TableClient) {}

  async create(guest: GovernedGuest): Promise<Versioned<GovernedGuest>> {
    const facts = guestIndexFacts(guest);
    const document = toDocumentProperties(guest, `Governed guest ${facts.key}`, MAX_GUEST_PARTS);
    const actions: TransactionAction[] = [
      // The guest's row goes first: if the id is taken, the transaction fails on it with 409 and writes nothing.
      ['create', guestRow(facts, document, 1)],
      // Upserts: an index row left behind by other software must not block the guest forever.
      ...indexRowKeys(facts).map((rowKey): TransactionAction => ['upsert', indexRow(rowKey, facts), 'Replace']),
    ];
    try {
      await this.submit(facts, actions);
    } catch (error) {
      if (hasStatus(error, 409)) throw new AlreadyExistsError(facts.key);
      throw error;
    }
    return { value: fromDocumentProperties(document, `Governed guest ${facts.key}`), etag: etagOf(1) };
  }

  async get(userId: string): Promise<Versioned<GovernedGuest> | undefined> {
    const row = await this.readRow(guestKey(userId));
    return row && versionedOf(row);
  }

  /**
   * Read the guest's row (for its ETag and where its index rows are), check the caller's version, then write the
   * guest and move its index rows in one transaction whose first action is an If-Match on that ETag: someone
   * writing in between makes the whole transaction fail with 412, and nothing is half-applied.
   */
  async update(guest: GovernedGuest, etag: string): Promise<Versioned<GovernedGuest>> {
    const facts = guestIndexFacts(guest);
    const expectedVersion = versionOf(etag);
    if (expectedVersion === undefined) throw new ConcurrencyError(facts.key);
    const current = await this.readRow(facts.key);
    if (!current || Number(current.Version) !== expectedVersion) throw new ConcurrencyError(facts.key);

    const document = toDocumentProperties(guest, `Governed guest ${facts.key}`, MAX_GUEST_PARTS);
    const version = expectedVersion + 1;
    const newKeys = indexRowKeys(facts);
    const actions: TransactionAction[] = [
      ['update', guestRow(facts, document, version), 'Replace', { etag: current.etag }],
      ...newKeys.map((rowKey): TransactionAction => ['upsert', indexRow(rowKey, facts), 'Replace']),
      ...storedIndexKeys(current)
        .filter((rowKey) => !newKeys.includes(rowKey))
        .map((rowKey): TransactionAction => ['delete', { partitionKey: GUESTS_PARTITION, rowKey }]),
    ];
    try {
      await this.submit(facts, actions);
    } catch (error) {
      if (lostRace(error)) throw new ConcurrencyError(facts.key);
      throw error;
    }
    return { value: fromDocumentProperties(document, `Governed guest ${facts.key}`), etag: etagOf(version) };
  }

  async listDue(now: Date, limit: number): Promise<Versioned<GovernedGuest>[]> {
    const nowMs = now.getTime();
    // Up to and including every key `d|{now}|{id}`.
    const filter = odata`PartitionKey eq ${GUESTS_PARTITION} and RowKey ge ${DUE_PREFIX} and RowKey lt ${prefixEnd(`${DUE_PREFIX}${dueKey(nowMs)}|`)}`;
    const keys = (await queryAll(this.table, filter, ['RowKey', 'UserId'])).sort(byRowKey);
    const due = (facts: GuestIndexFacts) => facts.dueMs !== undefined && facts.dueMs <= nowMs;
    return this.readListed(keys, limit, due, (a, b) => compareDue({ dueMs: a.dueMs!, key: a.key }, { dueMs: b.dueMs!, key: b.key }));
  }

  async listBySponsor(sponsorId: string, limit: number): Promise<Versioned<GovernedGuest>[]> {
    const sponsor = guestKey(sponsorId);
    const keys = await this.keysWithPrefix(sponsorPrefix(sponsor));
    return this.readListed(keys, limit, (facts) => facts.sponsorKeys.includes(sponsor));
  }

  async listWithoutSponsor(limit: number): Promise<Versioned<GovernedGuest>[]> {
    return this.readListed(await this.keysWithPrefix(WITHOUT_SPONSOR_PREFIX), limit, (facts) => facts.withoutSponsor);
  }

  /**
   * Reads the keys of every guest after `after` to find the first `limit` of them (without an order promise there is
   * no cheaper way); only the report pages through every guest, and it reads them all anyway.
   */
  async listAll(limit: number, after?: string): Promise<Versioned<GovernedGuest>[]> {
    if (wantedCount(limit) === 0) return [];
    const from = after === undefined ? GUEST_PREFIX : guestRowKey(guestKey(after));
    const filter = odata`PartitionKey eq ${GUESTS_PARTITION} and RowKey gt ${from} and RowKey lt ${prefixEnd(GUEST_PREFIX)}`;
    const keys = (await queryAll(this.table, filter, ['RowKey', 'UserId'])).sort(byRowKey);
    return this.readListed(keys, limit, () => true);
  }

  async findByAddress(address: string): Promise<Versioned<GovernedGuest> | undefined> {
    const key = addressKey(address);
    const keys = await this.keysWithPrefix(addressPrefix(key));
    return preferredByAddress(await this.readListed(keys, Number.MAX_SAFE_INTEGER, (facts) => facts.address === key));
  }

  /** Refuses, before the service would, a guest whose rows cannot fit one transaction (hundreds of sponsors). */
  private async submit(facts: GuestIndexFacts, actions: TransactionAction[]): Promise<void> {
    if (actions.length > MAX_TRANSACTION_ACTIONS) {
      throw new RangeError(
        `Governed guest ${facts.key} needs ${actions.length} rows written at once; the table store writes at most ${MAX_TRANSACTION_ACTIONS} (too many sponsors)`,
      );
    }
    await this.table.submitTransaction(actions);
  }

  private async keysWithPrefix(prefix: string): Promise<Row[]> {
    const filter = odata`PartitionKey eq ${GUESTS_PARTITION} and RowKey ge ${prefix} and RowKey lt ${prefixEnd(prefix)}`;
    return (await queryAll(this.table, filter, ['RowKey', 'UserId'])).sort(byRowKey);
  }

  /**
   * The guests the index rows `keys` name, in that order (or `order`), that `keep` still accepts, at most `limit`.
   * Reads in batches of what is still wanted, so a guest that moved on meanwhile is replaced by the next one.
   */
  private async readListed(
    keys: Row[],
    limit: number,
    keep: (facts: GuestIndexFacts) => boolean,
    order?: (a: GuestIndexFacts, b: GuestIndexFacts) => number,
  ): Promise<Versioned<GovernedGuest>[]> {
    const wanted = wantedCount(limit);
    const ids = [...new Set(keys.map((row) => String(row.UserId)))];
    const found: { guest: Versioned<GovernedGuest>; facts: GuestIndexFacts }[] = [];
    for (let next = 0; found.length < wanted && next < ids.length; ) {
      const batch = ids.slice(next, next + Math.min(wanted - found.length, 100));
      next += batch.length;
      const read = await Promise.all(batch.map((id) => this.get(id)));
      for (const guest of read) {
        if (!guest) continue;
        const facts = guestIndexFacts(guest.value);
        if (keep(facts)) found.push({ guest, facts });
      }
    }
    // The keys were in order; a guest re-read with a new due instant may not be, so a custom order sorts again.
    if (order) found.sort((a, b) => order(a.facts, b.facts));
    return found.slice(0, wanted).map(({ guest }) => guest);
  }

  private async readRow(key: string): Promise<Row | undefined> {
    try {
      return await this.table.getEntity<Record<string, unknown>>(GUESTS_PARTITION, guestRowKey(key));
    } catch (error) {
      if (hasStatus(error, 404)) return undefined;
      throw error;
    }
  }
}

function versionedOf(row: Record<string, unknown>): Versioned<GovernedGuest> {
  return { value: fromDocumentProperties<GovernedGuest>(row, `Governed guest row ${String(row.rowKey)}`), etag: etagOf(Number(row.Version)) };
}

function byRowKey(a: Row, b: Row): number {
  return compareKeys(String(a.rowKey), String(b.rowKey));
}
