import type { Database, Statement } from 'better-sqlite3';
import { addressKey } from '../../invitation/email-address';
import { GovernedGuest } from '../../invitation/lifecycle/governed-guest';
import { GovernedGuestStore } from '../../invitation/lifecycle/governed-guest-store';
import { AlreadyExistsError, ConcurrencyError, Versioned } from '../../invitation/request-repository';
import { GuestIndexFacts, guestIndexFacts, guestKey, preferredByAddress, wantedCount } from '../governed-guests';
import { etagOf, versionOf } from './etag';
import { toJsonColumn } from './json-column';

interface GuestRow {
  version: number;
  document: string;
}

/** The named parameters every write binds: the document plus the columns copied out of it for indexing. */
interface GuestColumns {
  userId: string;
  address: string;
  dueAt: number | null;
  withoutSponsor: number;
  document: string;
}

/** The lists' queries, each answered from an index (the store's tests check the query plans). */
export const GUEST_LIST_QUERIES = {
  due: 'SELECT version, document FROM governed_guests WHERE due_at <= ? ORDER BY due_at, user_id LIMIT ?',
  bySponsor: `SELECT g.version, g.document FROM governed_guest_sponsors s JOIN governed_guests g ON g.user_id = s.user_id
    WHERE s.sponsor_id = ? ORDER BY s.user_id LIMIT ?`,
  withoutSponsor: 'SELECT version, document FROM governed_guests WHERE without_sponsor = 1 ORDER BY user_id LIMIT ?',
  all: 'SELECT version, document FROM governed_guests ORDER BY user_id LIMIT ?',
  after: 'SELECT version, document FROM governed_guests WHERE user_id > ? ORDER BY user_id LIMIT ?',
  byAddress: 'SELECT version, document FROM governed_guests WHERE address = ?',
} as const;

/**
 * Governed guests as JSON documents (`governed_guests`) with one row per sponsor (`governed_guest_sponsors`); the
 * guest and its sponsor rows are written in one IMMEDIATE transaction. `version` is bumped by every write and
 * doubles as the etag.
 */
export class SqliteGovernedGuests implements GovernedGuestStore {
  private readonly insert: Statement<[GuestColumns]>;
  private readonly replace: Statement<[GuestColumns & { expectedVersion: number }]>;
  private readonly selectById: Statement<[string], GuestRow>;
  private readonly selectDue: Statement<[number, number], GuestRow>;
  private readonly selectBySponsor: Statement<[string, number], GuestRow>;
  private readonly selectWithoutSponsor: Statement<[number], GuestRow>;
  private readonly selectAll: Statement<[number], GuestRow>;
  private readonly selectAfter: Statement<[string, number], GuestRow>;
  private readonly selectByAddress: Statement<[string], GuestRow>;
  private readonly createTransaction: (facts: GuestIndexFacts, columns: GuestColumns) => void;
  private readonly updateTransaction: (facts: GuestIndexFacts, columns: GuestColumns, expectedVersion: number) => void;

  constructor(db: Database) {
    // ON CONFLICT DO NOTHING turns "already exists" into a zero change count instead of an exception to parse.
    this.insert = db.prepare(`
      INSERT INTO governed_guests (user_id, address, due_at, without_sponsor, version, document)
      VALUES (@userId, @address, @dueAt, @withoutSponsor, 1, @document)
      ON CONFLICT (user_id) DO NOTHING`);
    this.replace = db.prepare(`
      UPDATE governed_guests
      SET address = @address, due_at = @dueAt, without_sponsor = @withoutSponsor, document = @document,
          version = version + 1
      WHERE user_id = @userId AND version = @expectedVersion`);
    this.selectById = db.prepare('SELECT version, document FROM governed_guests WHERE user_id = ?');
    this.selectDue = db.prepare(GUEST_LIST_QUERIES.due);
    this.selectBySponsor = db.prepare(GUEST_LIST_QUERIES.bySponsor);
    this.selectWithoutSponsor = db.prepare(GUEST_LIST_QUERIES.withoutSponsor);
    this.selectAll = db.prepare(GUEST_LIST_QUERIES.all);
    this.selectAfter = db.prepare(GUEST_LIST_QUERIES.after);
    this.selectByAddress = db.prepare(GUEST_LIST_QUERIES.byAddress);

    const deleteSponsors = db.prepare<[string]>('DELETE FROM governed_guest_sponsors WHERE user_id = ?');
    const insertSponsor = db.prepare<[string, string]>('INSERT INTO governed_guest_sponsors (sponsor_id, user_id) VALUES (?, ?)');
    const writeSponsors = (facts: GuestIndexFacts) => {
      deleteSponsors.run(facts.key);
      for (const sponsor of facts.sponsorKeys) insertSponsor.run(sponsor, facts.key);
    };
    const create = db.transaction((facts: GuestIndexFacts, columns: GuestColumns) => {
      if (this.insert.run(columns).changes === 0) throw new AlreadyExistsError(facts.key);
      writeSponsors(facts);
    });
    this.createTransaction = (facts, columns) => create.immediate(facts, columns);
    const update = db.transaction((facts: GuestIndexFacts, columns: GuestColumns, expectedVersion: number) => {
      // The WHERE on version is the whole of the optimistic check: no read-then-write window, even across processes.
      if (this.replace.run({ ...columns, expectedVersion }).changes === 0) throw new ConcurrencyError(facts.key);
      writeSponsors(facts);
    });
    this.updateTransaction = (facts, columns, expectedVersion) => update.immediate(facts, columns, expectedVersion);
  }

  async create(guest: GovernedGuest): Promise<Versioned<GovernedGuest>> {
    const facts = guestIndexFacts(guest);
    const columns = columnsOf(facts, guest);
    this.createTransaction(facts, columns);
    return { value: JSON.parse(columns.document) as GovernedGuest, etag: etagOf(1) };
  }

  async get(userId: string): Promise<Versioned<GovernedGuest> | undefined> {
    const row = this.selectById.get(guestKey(userId));
    return row && fromRow(row);
  }

  async update(guest: GovernedGuest, etag: string): Promise<Versioned<GovernedGuest>> {
    const facts = guestIndexFacts(guest);
    const expectedVersion = versionOf(etag);
    if (expectedVersion === undefined) throw new ConcurrencyError(facts.key);
    const columns = columnsOf(facts, guest);
    this.updateTransaction(facts, columns, expectedVersion);
    return { value: JSON.parse(columns.document) as GovernedGuest, etag: etagOf(expectedVersion + 1) };
  }

  async listDue(now: Date, limit: number): Promise<Versioned<GovernedGuest>[]> {
    return this.selectDue.all(now.getTime(), wantedCount(limit)).map(fromRow);
  }

  async listBySponsor(sponsorId: string, limit: number): Promise<Versioned<GovernedGuest>[]> {
    return this.selectBySponsor.all(guestKey(sponsorId), wantedCount(limit)).map(fromRow);
  }

  async listWithoutSponsor(limit: number): Promise<Versioned<GovernedGuest>[]> {
    return this.selectWithoutSponsor.all(wantedCount(limit)).map(fromRow);
  }

  async listAll(limit: number, after?: string): Promise<Versioned<GovernedGuest>[]> {
    const rows = after === undefined ? this.selectAll.all(wantedCount(limit)) : this.selectAfter.all(guestKey(after), wantedCount(limit));
    return rows.map(fromRow);
  }

  async findByAddress(address: string): Promise<Versioned<GovernedGuest> | undefined> {
    return preferredByAddress(this.selectByAddress.all(addressKey(address)).map(fromRow));
  }
}

function columnsOf(facts: GuestIndexFacts, guest: GovernedGuest): GuestColumns {
  return {
    userId: facts.key,
    address: facts.address,
    dueAt: facts.dueMs ?? null,
    withoutSponsor: facts.withoutSponsor ? 1 : 0,
    document: toJsonColumn(guest, `Governed guest ${facts.key}`),
  };
}

function fromRow(row: GuestRow): Versioned<GovernedGuest> {
  return { value: JSON.parse(row.document) as GovernedGuest, etag: etagOf(row.version) };
}
