import type { Database, Statement } from 'better-sqlite3';
import { AuditEntry, AuditTrail } from '../../invitation/audit-trail';
import { toJsonColumn } from './json-column';

/** Append-only (the schema's triggers refuse UPDATE and DELETE); `at`, `event` and `request_id` are copied out for ad-hoc queries. */
export class SqliteAuditTrail implements AuditTrail {
  private readonly insert: Statement<[{ at: string; event: string; requestId: string | null; entry: string }]>;
  private readonly selectLatest: Statement<[number], { entry: string }>;

  constructor(db: Database) {
    this.insert = db.prepare(
      'INSERT INTO audit (at, event, request_id, entry) VALUES (@at, @event, @requestId, @entry)',
    );
    // Ordered by id, not `at`: the order entries were written is the order events happened here.
    this.selectLatest = db.prepare('SELECT entry FROM audit ORDER BY id DESC LIMIT ?');
  }

  async append(entry: AuditEntry): Promise<void> {
    this.insert.run({
      at: entry.at,
      event: entry.event,
      requestId: entry.requestId ?? null,
      entry: toJsonColumn(entry, `Audit entry ${entry.event}`),
    });
  }

  async latest(count: number): Promise<AuditEntry[]> {
    // A negative LIMIT would mean "everything" to SQLite.
    const wanted = Math.max(0, Math.floor(count));
    return this.selectLatest.all(wanted).map((row) => JSON.parse(row.entry) as AuditEntry);
  }
}
