import { TableClient } from '@azure/data-tables';
import { AlreadyExistsError, ConcurrencyError, Versioned } from '../../invitation/request-repository';
import { StateStore } from '../store';
import { fromDocumentProperties, toDocumentProperties } from './json-chunks';
import { hasStatus, lostRace, looksLikeEntityTag } from './table-errors';
import { escapeKey } from './table-keys';

const ROW_KEY = 'state';
/** Up to 450,000 characters: a job's checkpoint may list many ids, and one entity holds up to 1 MiB. */
const MAX_PARTS = 15;

/** Jobs' state, one partition per key; the etag callers see is the entity's own ETag. */
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

  async put<T>(key: string, value: T, etag?: string): Promise<Versioned<T>> {
    const document = toDocumentProperties(value, `State ${key}`, MAX_PARTS);
    const entity = { partitionKey: escapeKey(key), rowKey: ROW_KEY, ...document, Key: key };
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
}

function requireEtag(etag: string | undefined, key: string): string {
  if (!etag) throw new Error(`The table service returned no ETag for state ${key}`);
  return etag;
}
