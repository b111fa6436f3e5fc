import type { Database, Statement } from 'better-sqlite3';
import { InvitationRequest, RequestState } from '../../invitation/invitation-request';
import { addressKey } from '../../invitation/email-address';
import { normalizeObjectId } from '../../invitation/object-id';
import {
  AlreadyExistsError,
  ConcurrencyError,
  DueQuery,
  RequestQuery,
  RequestRepository,
  Versioned,
} from '../../invitation/request-repository';
import { claimChange } from '../address-claims';
import { boundedLimit } from '../request-lookups';
import { SqliteAddressClaims } from './sqlite-address-claims';
import { etagOf, versionOf } from './etag';
import { columnsOf, DUE_COLUMNS, LOOKUP_ASSIGNMENTS, RequestColumns } from './request-columns';

interface RequestRow {
  version: number;
  document: string;
}

/** The columns a claim depends on, written from the document on every write (see request-columns.ts). */
interface ClaimRow {
  state: RequestState;
  address: string;
}


/** Requests as JSON documents; `version` is bumped by every write and doubles as the etag. */
export class SqliteRequestRepository implements RequestRepository {
  private readonly insert: Statement<[RequestColumns]>;
  private readonly replace: Statement<[RequestColumns & { expectedVersion: number }]>;
  private readonly selectById: Statement<[string], RequestRow>;
  private readonly selectClaimFacts: Statement<[string], ClaimRow>;
  private readonly countByRequester: Statement<[string, number], { count: number }>;
  /** `list` needs one statement per combination of filters; each is prepared once, on first use. */
  private readonly listStatements = new Map<string, Statement<unknown[], RequestRow>>();
  private readonly claims: SqliteAddressClaims;
  /** The request and its address claim in one IMMEDIATE transaction: the write lock first, so no other process can slip in. */
  private readonly createTransaction: (request: InvitationRequest, columns: RequestColumns) => void;
  private readonly updateTransaction: (request: InvitationRequest, columns: RequestColumns, expectedVersion: number) => void;

  constructor(private readonly db: Database) {
    // ON CONFLICT DO NOTHING turns "already exists" into a zero change count instead of an exception to parse.
    this.insert = db.prepare(`
      INSERT INTO requests (id, state, requester_id, created_at, version, document,
                            guest_id, address, expiry_due, escalation_due, group_retry_due, watch_due)
      VALUES (@id, @state, @requesterId, @createdAt, 1, @document,
              @guestId, @address, @expiryDue, @escalationDue, @groupRetryDue, @watchDue)
      ON CONFLICT (id) DO NOTHING`);
    this.replace = db.prepare(`
      UPDATE requests
      SET state = @state, requester_id = @requesterId, created_at = @createdAt, document = @document,
          ${LOOKUP_ASSIGNMENTS}, version = version + 1
      WHERE id = @id AND version = @expectedVersion`);
    this.selectById = db.prepare('SELECT version, document FROM requests WHERE id = ?');
    this.selectClaimFacts = db.prepare('SELECT state, address FROM requests WHERE id = ?');
    this.countByRequester = db.prepare(
      'SELECT COUNT(*) AS count FROM requests WHERE requester_id = ? AND created_at >= ?',
    );
    this.claims = new SqliteAddressClaims(db, (id) => {
      const row = this.selectById.get(id);
      return row && (JSON.parse(row.document) as InvitationRequest);
    });
    const create = db.transaction((request: InvitationRequest, columns: RequestColumns) => {
      if (this.insert.run(columns).changes === 0) throw new AlreadyExistsError(request.id);
      this.claims.apply(request.id, claimChange(undefined, request));
    });
    this.createTransaction = (request, columns) => create.immediate(request, columns);
    const update = db.transaction((request: InvitationRequest, columns: RequestColumns, expectedVersion: number) => {
      // Two columns, not the document: parsing the whole request on every write was a measurable share of it.
      const before = this.selectClaimFacts.get(request.id);
      // The WHERE on version is the whole of the optimistic check: no read-then-write window, even across processes.
      if (this.replace.run({ ...columns, expectedVersion }).changes === 0) throw new ConcurrencyError(request.id);
      this.claims.apply(request.id, claimChange(before, request));
    });
    this.updateTransaction = (request, columns, expectedVersion) => update.immediate(request, columns, expectedVersion);
  }

  async create(request: InvitationRequest): Promise<Versioned<InvitationRequest>> {
    const columns = columnsOf(request);
    this.createTransaction(request, columns);
    return { value: JSON.parse(columns.document) as InvitationRequest, etag: etagOf(1) };
  }

  async get(id: string): Promise<Versioned<InvitationRequest> | undefined> {
    const row = this.selectById.get(id);
    return row && fromRow(row);
  }

  async update(request: InvitationRequest, etag: string): Promise<Versioned<InvitationRequest>> {
    const expectedVersion = versionOf(etag);
    if (expectedVersion === undefined) throw new ConcurrencyError(request.id);
    const columns = columnsOf(request);
    this.updateTransaction(request, columns, expectedVersion);
    return { value: JSON.parse(columns.document) as InvitationRequest, etag: etagOf(expectedVersion + 1) };
  }

  async list(query: RequestQuery): Promise<Versioned<InvitationRequest>[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.states !== undefined) {
      // One placeholder for any number of states keeps the number of distinct statements small.
      conditions.push('state IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(query.states));
    }
    if (query.requesterId !== undefined) {
      conditions.push('requester_id = ?');
      params.push(query.requesterId);
    }
    if (query.createdAtOrAfter !== undefined) {
      conditions.push('created_at >= ?');
      params.push(query.createdAtOrAfter.getTime());
    }
    if (query.guestId !== undefined) {
      // An empty id names nobody (as sameObjectId has it); NULL matches no row.
      conditions.push('guest_id = ?');
      params.push(normalizeObjectId(query.guestId) || null);
    }
    if (query.address !== undefined) {
      conditions.push('address = ?');
      params.push(addressKey(query.address));
    }
    // LIMIT -1 is SQLite for "no limit"; a negative limit from a caller means none wanted, as in the memory store.
    params.push(query.limit === undefined ? -1 : Math.max(0, Math.floor(query.limit)));
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    // rowid breaks ties between equal timestamps: the later-inserted request comes first.
    const sql = `SELECT version, document FROM requests ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?`;
    return this.listStatement(sql).all(...params).map(fromRow);
  }

  async listDue(query: DueQuery): Promise<Versioned<InvitationRequest>[]> {
    const column = DUE_COLUMNS[query.kind];
    // IS NOT NULL names the partial index's condition, so the planner may use it even with no bound given.
    const conditions = [`${column} IS NOT NULL`];
    const params: unknown[] = [];
    if (query.dueBy !== undefined) {
      conditions.push(`${column} <= ?`);
      params.push(query.dueBy.getTime());
    }
    if (query.dueFrom !== undefined) {
      conditions.push(`${column} >= ?`);
      params.push(query.dueFrom.getTime());
    }
    if (query.requesterId !== undefined) {
      conditions.push('requester_id = ?');
      params.push(query.requesterId);
    }
    params.push(boundedLimit(query.limit) ?? -1);
    const sql = `SELECT version, document FROM requests WHERE ${conditions.join(' AND ')} ORDER BY ${column}, id LIMIT ?`;
    return this.listStatement(sql).all(...params).map(fromRow);
  }

  async countCreatedSince(requesterId: string, since: Date): Promise<number> {
    return this.countByRequester.get(requesterId, since.getTime())?.count ?? 0;
  }

  private listStatement(sql: string): Statement<unknown[], RequestRow> {
    let statement = this.listStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], RequestRow>(sql);
      this.listStatements.set(sql, statement);
    }
    return statement;
  }
}

function fromRow(row: RequestRow): Versioned<InvitationRequest> {
  return { value: JSON.parse(row.document) as InvitationRequest, etag: etagOf(row.version) };
}
