import type { Database, Statement } from 'better-sqlite3';
import { AlreadyExistsError, ConcurrencyError, Versioned } from '../../invitation/request-repository';
import { StateStore } from '../store';
import { etagOf, versionOf } from './etag';
import { toJsonColumn } from './json-column';

/** Jobs' state as JSON values with the same version-as-etag scheme as requests. */
export class SqliteStateStore implements StateStore {
  private readonly select: Statement<[string], { version: number; value: string }>;
  private readonly insert: Statement<[key: string, value: string]>;
  private readonly replace: Statement<[value: string, key: string, version: number]>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT version, value FROM job_state WHERE key = ?');
    this.insert = db.prepare(
      'INSERT INTO job_state (key, version, value) VALUES (?, 1, ?) ON CONFLICT (key) DO NOTHING',
    );
    this.replace = db.prepare(
      'UPDATE job_state SET value = ?, version = version + 1 WHERE key = ? AND version = ?',
    );
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    const row = this.select.get(key);
    return row && { value: JSON.parse(row.value) as T, etag: etagOf(row.version) };
  }

  async put<T>(key: string, value: T, etag?: string): Promise<Versioned<T>> {
    const json = toJsonColumn(value, `State ${key}`);
    // Hand back what a later `get` will return (JSON-shaped), not the caller's own object.
    const stored = JSON.parse(json) as T;
    if (etag === undefined) {
      if (this.insert.run(key, json).changes === 0) throw new AlreadyExistsError(key);
      return { value: stored, etag: etagOf(1) };
    }
    const expectedVersion = versionOf(etag);
    if (expectedVersion === undefined || this.replace.run(json, key, expectedVersion).changes === 0) {
      throw new ConcurrencyError(key);
    }
    return { value: stored, etag: etagOf(expectedVersion + 1) };
  }
}
