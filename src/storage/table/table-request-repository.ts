import { TableClient, TransactionAction } from '@azure/data-tables';
import { InvitationRequest } from '../../invitation/invitation-request';
import {
  AlreadyExistsError,
  ConcurrencyError,
  RequestQuery,
  RequestRepository,
  Versioned,
} from '../../invitation/request-repository';
import { claimChange } from '../address-claims';
import { createdAtMillis } from '../created-at';
import { claimActions } from './address-claim-rows';
import { fromDocumentProperties, toDocumentProperties } from './json-chunks';
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

/** A create retried this often because others claimed or released the same address meanwhile gives up. */
const MAX_CREATE_ATTEMPTS = 10;

type Listed = Versioned<InvitationRequest> & { sortKey: string };

/** Requests in the layout of request-rows.ts; every write is one entity group transaction. */
export class TableRequestRepository implements RequestRepository {
  constructor(private readonly table: TableClient) {}

  async create(request: InvitationRequest): Promise<Versioned<InvitationRequest>> {
    const createdAtMs = createdAtMillis(request);
    const facts = factsOf(request, sortKey(createdAtMs, nextWriteStamp()));
    const document = toDocumentProperties(request, `Request ${request.id}`, MAX_REQUEST_PARTS);
    for (let attempt = 1; ; attempt++) {
      const actions: TransactionAction[] = [
        // The row by id goes first: if the id is taken, the transaction fails on it with 409 before anything else.
        ['create', docRow(facts, createdAtMs, document, 1)],
        ...indexRowKeys(facts).map((rowKey): TransactionAction => ['create', indexRow(rowKey, facts, document, 1)]),
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
    const claims = await claimActions(this.table, request.id, claimChange(versionedOf(current).value, request));

    const facts = factsOf(request, retime(old.sortKey, createdAtMs));
    const document = toDocumentProperties(request, `Request ${request.id}`, MAX_REQUEST_PARTS);
    const version = expectedVersion + 1;
    const newKeys = indexRowKeys(facts);
    const actions: TransactionAction[] = [
      ['update', docRow(facts, createdAtMs, document, version), 'Replace', { etag: current.etag }],
      ...newKeys.map((rowKey): TransactionAction => ['upsert', indexRow(rowKey, facts, document, version), 'Replace']),
      ...indexRowKeys(old)
        .filter((rowKey) => !newKeys.includes(rowKey))
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
    const limit = query.limit === undefined ? undefined : Math.max(0, Math.floor(query.limit));
    if (limit === 0 || query.states?.length === 0) return [];
    const rows = await newestFirst(this.source(query), {
      limit,
      sinceMs: query.createdAtOrAfter?.getTime(),
      nowMs: Date.now(),
      firstWindowMs: FIRST_WINDOW_MS,
    });
    return rows.map(({ value, etag }) => ({ value, etag }));
  }

  async countCreatedSince(requesterId: string, since: Date): Promise<number> {
    const filter = timeRangeFilter(REQUESTS_PARTITION, requesterPrefix(requesterId), since.getTime());
    return (await queryAll(this.table, filter, ['RowKey'])).length;
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
    const sinceMs = query.createdAtOrAfter?.getTime();
    const wanted = (request: InvitationRequest) =>
      (query.states === undefined || query.states.includes(request.state)) &&
      (query.requesterId === undefined || request.requester.id === query.requesterId) &&
      (sinceMs === undefined || createdAtMillis(request) >= sinceMs);

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
