import type { Database, Statement } from 'better-sqlite3';
import { LeaseStore } from '../store';

/** Leases shared by every process using the file; each operation is one statement, so it is atomic across them. */
export class SqliteLeaseStore implements LeaseStore {
  private readonly acquire: Statement<[{ name: string; owner: string; expiresAt: number; now: number }]>;
  private readonly remove: Statement<[string, string]>;

  constructor(db: Database) {
    // Insert a free lease, or take over one that is ours or expired; when the WHERE fails nothing changes,
    // which is how a refusal shows up.
    this.acquire = db.prepare(`
      INSERT INTO leases (name, owner, expires_at) VALUES (@name, @owner, @expiresAt)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
      WHERE leases.owner = excluded.owner OR leases.expires_at <= @now`);
    this.remove = db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?');
  }

  async tryAcquire(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    const nowMs = now.getTime();
    return this.acquire.run({ name, owner, expiresAt: nowMs + ttlMs, now: nowMs }).changes > 0;
  }

  async release(name: string, owner: string): Promise<void> {
    this.remove.run(name, owner);
  }
}
