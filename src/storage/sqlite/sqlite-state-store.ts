import type { Database, Statement } from 'better-sqlite3';
import { AlreadyExistsError, ConcurrencyError, Versioned } from '../../invitation/request-repository';
import { StateWriteOptions } from '../../invitation/versioned-state';
import { keepUntilMs } from '../keep-until';
import { StateStore } from '../store';
import { etagOf, versionOf } from './etag';
import { toJsonColumn } from './json-column';

/** Jobs' state as JSON values with the same version-as-etag scheme as requests. */
export class SqliteStateStore implements StateStore {
  private readonly select: Statement<[string], { version: number; value: string }>;
  private readonly insert: Statement<[key: string, version: number, value: string, keepUntil: number | null]>;
  private readonly replace: Statement<[value: string, keepUntil: number | null, key: string, version: number]>;
  private readonly deleteDue: Statement<[now: number, limit: number]>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT version, value FROM job_state WHERE key = ?');
    this.insert = db.prepare(
      'INSERT INTO job_state (key, version, value, keep_until) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
    );
    this.replace = db.prepare(
      'UPDATE job_state SET value = ?, keep_until = ?, version = version + 1 WHERE key = ? AND version = ?',
    );
    // One statement, so a write that gives a record more time cannot fall between choosing it and deleting it.
    this.deleteDue = db.prepare(`
      DELETE FROM job_state WHERE key IN (
        SELECT key FROM job_state WHERE keep_until IS NOT NULL AND keep_until < ? ORDER BY keep_until LIMIT ?
      )`);
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    const row = this.select.get(key);
    return row && { value: JSON.parse(row.value) as T, etag: etagOf(row.version) };
  }

  async put<T>(key: string, value: T, etag?: string, options: StateWriteOptions = {}): Promise<Versioned<T>> {
    const json = toJsonColumn(value, `State ${key}`);
    const keepUntil = keepUntilMs(options) ?? null;
    // Hand back what a later `get` will return (JSON-shaped), not the caller's own object.
    const stored = JSON.parse(json) as T;
    if (etag === undefined) {
      // Not 1: a key pruned and created again must not take a version a writer that read the old record still holds.
      const version = Math.max(1, Date.now());
      if (this.insert.run(key, version, json, keepUntil).changes === 0) throw new AlreadyExistsError(key);
      return { value: stored, etag: etagOf(version) };
    }
    const expectedVersion = versionOf(etag);
    if (expectedVersion === undefined || this.replace.run(json, keepUntil, key, expectedVersion).changes === 0) {
      throw new ConcurrencyError(key);
    }
    return { value: stored, etag: etagOf(expectedVersion + 1) };
  }

  async prune(now: Date, limit: number): Promise<number> {
    return this.deleteDue.run(now.getTime(), Math.max(0, Math.floor(limit))).changes;
  }
}
