import { odata, TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { addressKey } from '../../invitation/email-address';
import { InvitationRequest } from '../../invitation/invitation-request';
import { normalizeObjectId } from '../../invitation/object-id';
import {
  AlreadyExistsError,
  ConcurrencyError,
  DueQuery,
  RequestQuery,
  RequestRepository,
  Versioned,
} from '../../invitation/request-repository';
import { claimChange, claimFactsOf } from '../address-claims';
import { createdAtMillis } from '../created-at';
import { boundedLimit, dueMatching, matchesQuery } from '../request-lookups';
import { claimActions } from './address-claim-rows';
import {
  addressPrefix,
  duePrefix,
  dueRange,
  guestPrefix,
  lookupRow,
  lookupRowKeys,
  LOOKUPS_MARK,
  waitingByRequesterPrefix,
} from './lookup-rows';
import { DocumentProperties, fromDocumentProperties, toDocumentProperties } from './json-chunks';
import { newestFirst, WindowedSource } from './newest-first';
import {
  CREATED_PREFIX,
  docRow,
  docRowKey,
  etagOf,
  factsOf,
  indexRow,
  indexRowKeys,
  MAX_REQUEST_PARTS,
  REQUESTS_PARTITION,
  requesterPrefix,
  statePrefix,
  storedFacts,
  versionedOf,
  versionOf,
} from './request-rows';
import { hasStatus, lostRace } from './table-errors';
import { retime, sortKey } from './table-keys';
import { anyRow, queryAll, timeRangeFilter } from './table-query';
import { nextWriteStamp } from './write-stamp';

/** Lists with a limit look back this far first (see newest-first.ts), then further if that was not enough. */
const FIRST_WINDOW_MS = 7 * 24 * 60 * 60_000;

/** Requests named by look-up rows are read this many at once. */
const READ_BATCH = 16;

/** A create retried this often because others claimed or released the same address meanwhile gives up. */
const MAX_CREATE_ATTEMPTS = 10;

type Listed = Versioned<InvitationRequest> & { sortKey: string };

/**
 * The rows a new request is written as (its address claim apart): the row by id first, so that if the id is taken
 * a transaction fails on it with 409 before anything else; then its index and look-up rows.
 */
export function newRequestRows(request: InvitationRequest): { rows: TableEntity[]; document: DocumentProperties } {
  const createdAtMs = createdAtMillis(request);
  const facts = factsOf(request, sortKey(createdAtMs, nextWriteStamp()));
  const document = toDocumentProperties(request, `Request ${request.id}`, MAX_REQUEST_PARTS);
  return {
    rows: [
      { ...docRow(facts, createdAtMs, document, 1), [LOOKUPS_MARK]: 1 },
      ...indexRowKeys(facts).map((rowKey) => indexRow(rowKey, facts, document, 1)),
      ...lookupRowKeys(request, facts.sortKey).map((rowKey) => lookupRow(rowKey, request.id)),
    ],
    document,
  };
}

/** Requests in the layout of request-rows.ts; every write is one entity group transaction. */
export class TableRequestRepository implements RequestRepository {
  constructor(private readonly table: TableClient) {}

  async create(request: InvitationRequest): Promise<Versioned<InvitationRequest>> {
    const { rows, document } = newRequestRows(request);
    for (let attempt = 1; ; attempt++) {
      const actions: TransactionAction[] = [
        ...rows.map((row): TransactionAction => ['create', row]),
        ...(await claimActions(this.table, request.id, claimChange(undefined, request))),
      ];
      try {
        await this.table.submitTransaction(actions);
        break;
      } catch (error) {
        if (!hasStatus(error, 409) && !lostRace(error)) throw error;
        if (await this.get(request.id)) throw new AlreadyExistsError(request.id);
        // The address claim changed since it was read: decide again on what is stored now.
        if (attempt >= MAX_CREATE_ATTEMPTS) throw error;
      }
    }
    return { value: fromDocumentProperties(document, `Request ${request.id}`), etag: etagOf(1) };
  }

  async get(id: string): Promise<Versioned<InvitationRequest> | undefined> {
    try {
      return versionedOf(await this.table.getEntity(REQUESTS_PARTITION, docRowKey(id)));
    } catch (error) {
      if (hasStatus(error, 404)) return undefined;
      throw error;
    }
  }

  /**
   * Read the row by id (for its ETag and where its index rows are), check the caller's version, then write the
   * request and move its index rows (and its address claim, when it opens or settles) in one transaction whose
   * first action is an If-Match on that ETag. Someone writing in between makes the whole transaction fail with 412:
   * nothing is half-applied, and the caller retries.
   */
  async update(request: InvitationRequest, etag: string): Promise<Versioned<InvitationRequest>> {
    const expectedVersion = versionOf(etag);
    if (expectedVersion === undefined) throw new ConcurrencyError(request.id);
    const createdAtMs = createdAtMillis(request);
    let current;
    try {
      current = await this.table.getEntity(REQUESTS_PARTITION, docRowKey(request.id));
    } catch (error) {
      if (hasStatus(error, 404)) throw new ConcurrencyError(request.id);
      throw error;
    }
    const old = storedFacts(request.id, current);
    if (old.version !== expectedVersion) throw new ConcurrencyError(request.id);
    const before = versionedOf(current).value;
    const claims = await claimActions(this.table, request.id, claimChange(claimFactsOf(before), request));

    const facts = factsOf(request, retime(old.sortKey, createdAtMs));
    const document = toDocumentProperties(request, `Request ${request.id}`, MAX_REQUEST_PARTS);
    const version = expectedVersion + 1;
    const newKeys = indexRowKeys(facts);
    const newLookups = lookupRowKeys(request, facts.sortKey);
    // A request written before look-up rows existed has none to delete (a delete of a missing row fails the whole transaction).
    const oldLookups = current[LOOKUPS_MARK] === 1 ? lookupRowKeys(before, old.sortKey) : [];
    const actions: TransactionAction[] = [
      ['update', { ...docRow(facts, createdAtMs, document, version), [LOOKUPS_MARK]: 1 }, 'Replace', { etag: current.etag }],
      ...newKeys.map((rowKey): TransactionAction => ['upsert', indexRow(rowKey, facts, document, version), 'Replace']),
      ...indexRowKeys(old)
        .filter((rowKey) => !newKeys.includes(rowKey))
        .map((rowKey): TransactionAction => ['delete', { partitionKey: REQUESTS_PARTITION, rowKey }]),
      ...newLookups.filter((rowKey) => !oldLookups.includes(rowKey)).map((rowKey): TransactionAction => ['upsert', lookupRow(rowKey, request.id), 'Replace']),
      ...oldLookups
        .filter((rowKey) => !newLookups.includes(rowKey))
        .map((rowKey): TransactionAction => ['delete', { partitionKey: REQUESTS_PARTITION, rowKey }]),
      ...claims,
    ];
    try {
      await this.table.submitTransaction(actions);
    } catch (error) {
      // 409: the address was claimed between the read and the transaction.
      if (lostRace(error) || hasStatus(error, 409)) throw new ConcurrencyError(request.id);
      throw error;
    }
    return { value: fromDocumentProperties(document, `Request ${request.id}`), etag: etagOf(version) };
  }

  async list(query: RequestQuery): Promise<Versioned<InvitationRequest>[]> {
    const limit = boundedLimit(query.limit);
    if (limit === 0 || query.states?.length === 0) return [];
    if (query.guestId !== undefined && normalizeObjectId(query.guestId) === '') return [];
    const lookupPrefix =
      query.guestId !== undefined
        ? guestPrefix(normalizeObjectId(query.guestId))
        : query.address !== undefined
          ? addressPrefix(addressKey(query.address))
          : undefined;
    const rows = await newestFirst(lookupPrefix === undefined ? this.source(query) : this.lookupSource(lookupPrefix, query), {
      limit,
      sinceMs: query.createdAtOrAfter?.getTime(),
      nowMs: Date.now(),
      firstWindowMs: FIRST_WINDOW_MS,
    });
    return rows.map(({ value, etag }) => ({ value, etag }));
  }

  async listDue(query: DueQuery): Promise<Versioned<InvitationRequest>[]> {
    const limit = boundedLimit(query.limit);
    if (limit === 0) return [];
    const prefix = query.kind === 'watch' && query.requesterId !== undefined ? waitingByRequesterPrefix(query.requesterId) : duePrefix(query.kind);
    const { ge, lt } = dueRange(prefix, query.dueFrom?.getTime(), query.dueBy?.getTime());
    const pointers = await queryAll(this.table, odata`PartitionKey eq ${REQUESTS_PARTITION} and RowKey ge ${ge} and RowKey lt ${lt}`, ['RowKey', 'RequestId']);
    // Key order is due order (Cosmos DB may answer in another), ties by id; read only as many requests as wanted.
    pointers.sort((a, b) => (String(a.rowKey) < String(b.rowKey) ? -1 : String(a.rowKey) > String(b.rowKey) ? 1 : 0));
    const due: { request: Versioned<InvitationRequest>; at: number }[] = [];
    for (let start = 0; start < pointers.length && (limit === undefined || due.length < limit); start += READ_BATCH) {
      const read = await this.readAll(pointers.slice(start, start + READ_BATCH).map((row) => String(row.RequestId)));
      for (const request of read) {
        const at = dueMatching(request.value, query);
        if (at !== undefined) due.push({ request, at });
      }
    }
    // A request changed between the two reads may have moved; order by what was read.
    due.sort((a, b) => a.at - b.at || (a.request.value.id < b.request.value.id ? -1 : a.request.value.id > b.request.value.id ? 1 : 0));
    return (limit === undefined ? due : due.slice(0, limit)).map(({ request }) => request);
  }

  async countCreatedSince(requesterId: string, since: Date): Promise<number> {
    const filter = timeRangeFilter(REQUESTS_PARTITION, requesterPrefix(requesterId), since.getTime());
    return (await queryAll(this.table, filter, ['RowKey'])).length;
  }

  /** The requests named by look-up rows under `prefix` in a time window, as they are now, if they still answer `query`. */
  private lookupSource(prefix: string, query: RequestQuery): WindowedSource<Listed> {
    const filter = (fromMs?: number, toMs?: number) => timeRangeFilter(REQUESTS_PARTITION, prefix, fromMs, toMs);
    return {
      read: async (fromMs, toMs) => {
        const pointers = await queryAll(this.table, filter(fromMs, toMs), ['RowKey', 'RequestId']);
        const sortKeys = new Map(pointers.map((row) => [String(row.RequestId), String(row.rowKey).slice(prefix.length)]));
        const read = await this.readAll([...sortKeys.keys()]);
        return read.filter(({ value }) => matchesQuery(value, query)).map((request): Listed => ({ ...request, sortKey: sortKeys.get(request.value.id)! }));
      },
      anyIn: (fromMs, toMs) => anyRow(this.table, filter(fromMs, toMs)),
    };
  }

  /** The requests with these ids that exist, a few reads at a time. */
  private async readAll(ids: string[]): Promise<Versioned<InvitationRequest>[]> {
    const found: Versioned<InvitationRequest>[] = [];
    for (let start = 0; start < ids.length; start += READ_BATCH) {
      const read = await Promise.all(ids.slice(start, start + READ_BATCH).map((id) => this.get(id)));
      for (const request of read) if (request) found.push(request);
    }
    return found;
  }

  /**
   * The narrowest index for the query: a requester's rows, else the rows of each wanted state, else all. The
   * time bound is part of the key range; the other conditions are checked on the documents read.
   */
  private source(query: RequestQuery): WindowedSource<Listed> {
    const prefixes =
      query.requesterId !== undefined
        ? [requesterPrefix(query.requesterId)]
        : query.states !== undefined
          ? [...new Set(query.states)].map(statePrefix)
          : [CREATED_PREFIX];
    const wanted = (request: InvitationRequest) => matchesQuery(request, query);

    return {
      read: async (fromMs, toMs) => {
        const perPrefix = await Promise.all(
          prefixes.map(async (prefix) =>
            (await queryAll(this.table, timeRangeFilter(REQUESTS_PARTITION, prefix, fromMs, toMs))).map(
              (row): Listed => ({ ...versionedOf(row), sortKey: String(row.rowKey).slice(prefix.length) }),
            ),
          ),
        );
        return perPrefix.flat().filter(({ value }) => wanted(value));
      },
      anyIn: async (fromMs, toMs) => {
        const found = await Promise.all(
          prefixes.map((prefix) => anyRow(this.table, timeRangeFilter(REQUESTS_PARTITION, prefix, fromMs, toMs))),
        );
        return found.includes(true);
      },
    };
  }
}
