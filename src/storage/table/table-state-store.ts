import { odata, TableClient } from '@azure/data-tables';
import { AlreadyExistsError, ConcurrencyError, Versioned } from '../../invitation/request-repository';
import { StateWriteOptions } from '../../invitation/resend-limit';
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
    const keepUntil = options.keepUntil?.getTime();
    const entity = { partitionKey: escapeKey(key), rowKey: ROW_KEY, ...document, Key: key, ...(keepUntil === undefined ? {} : { KeepUntil: keepUntil }) };
    if (keepUntil !== undefined) {
      await this.table.upsertEntity({ partitionKey: KEEP_UNTIL_PARTITION, rowKey: `${ascendingTime(keepUntil)}|${escapeKey(key)}`, Key: key }, 'Replace');
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
    const due = odata`PartitionKey eq ${KEEP_UNTIL_PARTITION} and RowKey lt ${ascendingTime(now.getTime())}`;
    let pruned = 0;
    const pages = this.table.listEntities<{ Key?: unknown }>({ queryOptions: { filter: due, select: ['RowKey', 'Key'] } }).byPage({ maxPageSize: 100 });
    for await (const page of pages) {
      for (const entry of page) {
        if (pruned >= limit) return pruned;
        if (typeof entry.Key === 'string' && (await this.deleteIfDue(entry.Key, now))) pruned++;
        await this.table.deleteEntity(KEEP_UNTIL_PARTITION, entry.rowKey!).catch((error: unknown) => {
          if (!hasStatus(error, 404)) throw error;
        });
      }
    }
    return pruned;
  }

  /** Deletes the record if its last write still says it may go by `now`; a record written meanwhile is kept. */
  private async deleteIfDue(key: string, now: Date): Promise<boolean> {
    let row;
    try {
      row = await this.table.getEntity<{ KeepUntil?: unknown }>(escapeKey(key), ROW_KEY, { queryOptions: { select: ['KeepUntil'] } });
    } catch (error) {
      if (hasStatus(error, 404)) return false;
      throw error;
    }
    if (typeof row.KeepUntil !== 'number' || row.KeepUntil >= now.getTime()) return false;
    try {
      await this.table.deleteEntity(escapeKey(key), ROW_KEY, { etag: row.etag });
      return true;
    } catch (error) {
      if (lostRace(error)) return false;
      throw error;
    }
  }
}

function requireEtag(etag: string | undefined, key: string): string {
  if (!etag) throw new Error(`The table service returned no ETag for state ${key}`);
  return etag;
}
