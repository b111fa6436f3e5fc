import { TableClient } from '@azure/data-tables';
import { LeaseStore } from '../store';
import { hasStatus, lostRace } from './table-errors';
import { escapeKey } from './table-keys';

const ROW_KEY = 'lease';
/** Each retry follows someone else's successful write; after a few, that someone holds the lease. */
const MAX_ATTEMPTS = 3;

interface LeaseRow {
  Owner: string;
  ExpiresAt: number;
}

/**
 * A lease is one entity per name; taking it is a conditional write: an insert (409 if someone inserted first) or
 * a Replace with If-Match on the ETag just read (412 if someone wrote in between). Of instances racing for a
 * free or expired lease exactly one write succeeds; the others read again and find it held.
 */
export class TableLeaseStore implements LeaseStore {
  constructor(private readonly table: TableClient) {}

  async tryAcquire(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    const partitionKey = escapeKey(name);
    const nowMs = now.getTime();
    const lease = { partitionKey, rowKey: ROW_KEY, Owner: owner, ExpiresAt: nowMs + ttlMs };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.read(partitionKey);
      if (current && current.Owner !== owner && current.ExpiresAt > nowMs) return false;
      try {
        if (current) await this.table.updateEntity(lease, 'Replace', { etag: current.etag });
        else await this.table.createEntity(lease);
        return true;
      } catch (error) {
        if (!lostRace(error) && !hasStatus(error, 409)) throw error;
      }
    }
    return false;
  }

  async release(name: string, owner: string): Promise<void> {
    const partitionKey = escapeKey(name);
    const current = await this.read(partitionKey);
    if (current?.Owner !== owner) return;
    try {
      // If-Match: if the lease expired and someone else took it since the read, their lease stays.
      await this.table.deleteEntity(partitionKey, ROW_KEY, { etag: current.etag });
    } catch (error) {
      if (!lostRace(error)) throw error;
    }
  }

  private async read(partitionKey: string): Promise<(LeaseRow & { etag: string }) | undefined> {
    try {
      const row = await this.table.getEntity<LeaseRow>(partitionKey, ROW_KEY);
      return { Owner: row.Owner, ExpiresAt: Number(row.ExpiresAt), etag: row.etag };
    } catch (error) {
      if (hasStatus(error, 404)) return undefined;
      throw error;
    }
  }
}
