import { odata, TableClient } from '@azure/data-tables';
import { AlreadyExistsError, ConcurrencyError, Versioned } from '../../invitation/request-repository';
import { StateWriteOptions } from '../../invitation/versioned-state';
import { keepUntilMs } from '../keep-until';
import { StateStore } from '../store';
import { fromDocumentProperties, toDocumentProperties } from './json-chunks';
import { hasStatus, lostRace, looksLikeEntityTag } from './table-errors';
import { ascendingTime, escapeKey } from './table-keys';

const ROW_KEY = 'state';
/** Up to 450,000 characters: a job's checkpoint may list many ids, and one entity holds up to 1 MiB. */
const MAX_PARTS = 15;
/**
 * The partition listing records kept until a time, by that time (`ascendingTime|escaped key`), so pruning reads
 * the records due and not the table. `|` is in no escaped key, so no record's own partition can be this one.
 */
const KEEP_UNTIL_PARTITION = '|keep-until';
/** Longer than a write takes between its keep-until entry and its record: an entry younger may await its record. */
const WRITE_IN_FLIGHT_MS = 5 * 60_000;

/**
 * Jobs' state, one partition per key; the etag callers see is the entity's own ETag. A record kept until a time
 * carries it (`KeepUntil`, epoch ms) and has an entry in the keep-until partition, written before the record; an
 * entry whose record was since written with another time (or none) is only dropped when pruning meets it.
 */
export class TableStateStore implements StateStore {
  constructor(private readonly table: TableClient) {}

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    try {
      const row = await this.table.getEntity(escapeKey(key), ROW_KEY);
      return { value: fromDocumentProperties<T>(row, `State ${key}`), etag: row.etag };
    } catch (error) {
      if (hasStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async put<T>(key: string, value: T, etag?: string, options: StateWriteOptions = {}): Promise<Versioned<T>> {
    const document = toDocumentProperties(value, `State ${key}`, MAX_PARTS);
    const keepUntil = keepUntilMs(options);
    const entity = { partitionKey: escapeKey(key), rowKey: ROW_KEY, ...document, Key: key, ...(keepUntil === undefined ? {} : { KeepUntil: keepUntil }) };
    if (keepUntil !== undefined) {
      const entry = { partitionKey: KEEP_UNTIL_PARTITION, rowKey: `${ascendingTime(keepUntil)}|${escapeKey(key)}`, Key: key, KeepUntil: keepUntil };
      await this.table.upsertEntity(entry, 'Replace');
    }
    // Hand back what a later `get` will return (JSON-shaped), not the caller's own object.
    const stored = fromDocumentProperties<T>(document, `State ${key}`);
    if (etag === undefined) {
      try {
        const created = await this.table.createEntity(entity);
        return { value: stored, etag: requireEtag(created.etag, key) };
      } catch (error) {
        if (hasStatus(error, 409)) throw new AlreadyExistsError(key);
        throw error;
      }
    }
    if (!looksLikeEntityTag(etag)) throw new ConcurrencyError(key);
    try {
      const replaced = await this.table.updateEntity(entity, 'Replace', { etag });
      return { value: stored, etag: requireEtag(replaced.etag, key) };
    } catch (error) {
      // 404 as well: an etag cannot be current for a key that does not exist.
      if (lostRace(error)) throw new ConcurrencyError(key);
      throw error;
    }
  }

  async prune(now: Date, limit: number): Promise<number> {
    const nowMs = now.getTime();
    const due = odata`PartitionKey eq ${KEEP_UNTIL_PARTITION} and RowKey lt ${ascendingTime(nowMs)}`;
    const pages = this.table
      .listEntities<{ Key?: unknown; KeepUntil?: unknown }>({ queryOptions: { filter: due, select: ['RowKey', 'Key', 'KeepUntil'] } })
      .byPage({ maxPageSize: 100 });
    let pruned = 0;
    let looked = 0;
    for await (const page of pages) {
      for (const entry of page) {
        // Every entry looked at counts, not only the records deleted: a stale entry costs its calls too.
        if (looked++ >= limit) return pruned;
        const outcome = typeof entry.Key === 'string' ? await this.pruneRecord(entry.Key, instantOf(entry.KeepUntil), nowMs) : 'entryDone';
        if (outcome === 'deleted') pruned++;
        if (outcome === 'keepEntry') continue;
        await this.table.deleteEntity(KEEP_UNTIL_PARTITION, entry.rowKey!).catch((error: unknown) => {
          if (!hasStatus(error, 404)) throw error;
        });
      }
    }
    return pruned;
  }

  /**
   * What an entry (the record `key`, due at `entryMs`) comes to: the record deleted; the entry done with (the
   * record was since written with a later time, which has an entry of its own, or with none, or is gone, and the
   * entry is old enough that no write of it can still be on its way); or the entry kept for a later round.
   */
  private async pruneRecord(key: string, entryMs: number | undefined, nowMs: number): Promise<'deleted' | 'entryDone' | 'keepEntry'> {
    let row;
    try {
      row = await this.table.getEntity<{ KeepUntil?: unknown }>(escapeKey(key), ROW_KEY, { queryOptions: { select: ['KeepUntil'] } });
    } catch (error) {
      if (!hasStatus(error, 404)) throw error;
    }
    // A young entry may belong to a write still on its way (one that shortens the record's time, too).
    const settled = entryMs === undefined || entryMs < nowMs - WRITE_IN_FLIGHT_MS;
    const recordMs = row && instantOf(row.KeepUntil);
    if (!row || recordMs === undefined || (entryMs !== undefined && recordMs > entryMs)) return settled ? 'entryDone' : 'keepEntry';
    if (recordMs >= nowMs) return 'keepEntry';
    try {
      await this.table.deleteEntity(escapeKey(key), ROW_KEY, { etag: row.etag });
      return 'deleted';
    } catch (error) {
      if (lostRace(error)) return 'keepEntry';
      throw error;
    }
  }
}

/** A time as the service gives it back: a Double on Azure and Azurite, an Int64 (bigint) where a store types it so. */
function instantOf(value: unknown): number | undefined {
  const ms = typeof value === 'bigint' ? Number(value) : value;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}

function requireEtag(etag: string | undefined, key: string): string {
  if (!etag) throw new Error(`The table service returned no ETag for state ${key}`);
  return etag;
}
