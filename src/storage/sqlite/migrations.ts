import type { Database } from 'better-sqlite3';
import { InvitationRequest } from '../../invitation/invitation-request';
import { LOOKUP_ASSIGNMENTS, lookupColumnsOf } from './request-columns';

/**
 * The schema, as an append-only list: migration N (1-based) moves a database from `user_version` N-1 to N.
 * Never edit or reorder a released migration; add a new one. Existing files are upgraded at open.
 */
export interface Migration {
  description: string;
  sql: string;
  /** Runs after `sql`, in the same transaction: for data only code can derive (fields computed from documents). */
  backfill?: (db: Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    description: 'requests, audit, conversation references, approval cards, leases, job state',
    sql: `
      -- The JSON document is the truth; the other columns are copies of its fields so queries can use indexes.
      -- created_at is epoch milliseconds so comparisons are between instants, not strings.
      CREATE TABLE requests (
        id           TEXT    PRIMARY KEY,
        state        TEXT    NOT NULL,
        requester_id TEXT    NOT NULL,
        created_at   INTEGER NOT NULL,
        version      INTEGER NOT NULL,
        document     TEXT    NOT NULL
      );
      -- Jobs scan by state (expiry, recovery); the daily quota counts by requester since a date; lists are newest first.
      CREATE INDEX requests_by_state ON requests (state, created_at);
      CREATE INDEX requests_by_requester ON requests (requester_id, created_at);
      CREATE INDEX requests_by_created_at ON requests (created_at);

      -- AUTOINCREMENT so ids are never reused: the id is the order of events.
      CREATE TABLE audit (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT    NOT NULL,
        event      TEXT    NOT NULL,
        request_id TEXT,
        entry      TEXT    NOT NULL
      );
      CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

      CREATE TABLE conversation_references (
        key       TEXT PRIMARY KEY,
        reference TEXT NOT NULL
      );

      CREATE TABLE approval_cards (
        request_id      TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        activity_id     TEXT NOT NULL,
        service_url     TEXT NOT NULL,
        kind            TEXT NOT NULL,
        PRIMARY KEY (request_id, conversation_id, activity_id)
      );

      CREATE TABLE leases (
        name       TEXT    PRIMARY KEY,
        owner      TEXT    NOT NULL,
        expires_at INTEGER NOT NULL
      );

      CREATE TABLE job_state (
        key     TEXT    PRIMARY KEY,
        version INTEGER NOT NULL,
        value   TEXT    NOT NULL
      );
    `,
  },
  {
    description: 'address claims: one open request per address',
    sql: `
      -- The open request (pendingApproval, approved, inviting) holding each address; address is the lower-cased
      -- email. Written in the transaction that writes the request, so two open requests for one address cannot exist.
      CREATE TABLE address_claims (
        address    TEXT PRIMARY KEY,
        request_id TEXT NOT NULL
      );
      -- Requests already open when the file is upgraded keep their address; of several, the oldest.
      INSERT INTO address_claims (address, request_id)
        SELECT lower(json_extract(document, '$.invitation.email')), id FROM requests
        WHERE state IN ('pendingApproval', 'approved', 'inviting')
        ORDER BY created_at, rowid
        ON CONFLICT (address) DO NOTHING;
    `,
  },
  {
    description: 'governed guests and their sponsors',
    sql: `
      -- The JSON document is the truth; the other columns are copies of its fields so the lists use indexes.
      -- user_id is the lower-cased object id, address the lower-cased address, due_at epoch milliseconds (NULL: never
      -- due), without_sponsor 1 for a guest not deleted and without any sponsor.
      CREATE TABLE governed_guests (
        user_id         TEXT    PRIMARY KEY,
        address         TEXT    NOT NULL,
        due_at          INTEGER,
        without_sponsor INTEGER NOT NULL,
        version         INTEGER NOT NULL,
        document        TEXT    NOT NULL
      );
      CREATE INDEX governed_guests_by_due ON governed_guests (due_at, user_id);
      CREATE INDEX governed_guests_by_address ON governed_guests (address);
      CREATE INDEX governed_guests_without_sponsor ON governed_guests (user_id) WHERE without_sponsor = 1;

      -- One row per sponsor (lower-cased object id) of each guest not deleted; rewritten with the guest.
      CREATE TABLE governed_guest_sponsors (
        sponsor_id TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        PRIMARY KEY (sponsor_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX governed_guest_sponsors_by_guest ON governed_guest_sponsors (user_id);
    `,
  },
  {
    description: 'look-up columns: guest, address and due times, indexed',
    sql: `
      -- Copies of document fields, computed by request-columns.ts on every write: the guest's object id and the
      -- address as compared (lower-cased), and per kind of background work the instant a request is due for it
      -- (epoch ms; NULL while it is not waiting for that work). Partial indexes hold only the requests waiting,
      -- so housekeeping and the redemption watcher read what is due, not the whole history.
      ALTER TABLE requests ADD COLUMN guest_id TEXT;
      ALTER TABLE requests ADD COLUMN address TEXT;
      ALTER TABLE requests ADD COLUMN expiry_due INTEGER;
      ALTER TABLE requests ADD COLUMN escalation_due INTEGER;
      ALTER TABLE requests ADD COLUMN group_retry_due INTEGER;
      ALTER TABLE requests ADD COLUMN watch_due INTEGER;
      CREATE INDEX requests_by_guest ON requests (guest_id, created_at) WHERE guest_id IS NOT NULL;
      CREATE INDEX requests_by_address ON requests (address, created_at);
      CREATE INDEX requests_expiry_due ON requests (expiry_due, id) WHERE expiry_due IS NOT NULL;
      CREATE INDEX requests_escalation_due ON requests (escalation_due, id) WHERE escalation_due IS NOT NULL;
      CREATE INDEX requests_group_retry_due ON requests (group_retry_due, id) WHERE group_retry_due IS NOT NULL;
      CREATE INDEX requests_watch_due ON requests (watch_due, id) WHERE watch_due IS NOT NULL;
      CREATE INDEX requests_watch_due_by_requester ON requests (requester_id, watch_due, id) WHERE watch_due IS NOT NULL;
    `,
    // The rule for each column lives in code (request-due.ts); running it on every stored document keeps one
    // definition. A later change to a rule needs a migration that runs this again.
    backfill: (db) => {
      const update = db.prepare(`UPDATE requests SET ${LOOKUP_ASSIGNMENTS} WHERE id = @id`);
      // In pages by rowid: a statement cannot run while another still iterates, and one page bounds the memory used.
      const page = db.prepare<[number], { rowid: number; id: string; document: string }>(
        'SELECT rowid, id, document FROM requests WHERE rowid > ? ORDER BY rowid LIMIT 1000',
      );
      for (let after = 0, rows = page.all(after); rows.length > 0; after = rows.at(-1)!.rowid, rows = page.all(after)) {
        for (const row of rows) update.run({ id: row.id, ...lookupColumnsOf(JSON.parse(row.document) as InvitationRequest) });
      }
    },
  },
  {
    description: 'state records kept until a time, pruned by housekeeping',
    sql: `
      -- Epoch ms after which the record matters to nobody (a resend window, a sign-in or a preview that can no
      -- longer be used); NULL: kept. The partial index holds only the records that will go.
      ALTER TABLE job_state ADD COLUMN keep_until INTEGER;
      CREATE INDEX job_state_keep_until ON job_state (keep_until) WHERE keep_until IS NOT NULL;
    `,
  },
];

/** The schema version this code writes; `PRAGMA user_version` of an up-to-date file. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file up to `SCHEMA_VERSION`. The version is read inside an IMMEDIATE transaction, which takes the
 * write lock first, so two processes opening a new file at once migrate it once: the second waits, then sees
 * the work done. A file newer than this code is refused rather than written with an outdated idea of the schema.
 */
export function migrate(db: Database): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `The database ${db.name} has schema version ${current}, newer than this GuestPass knows (${SCHEMA_VERSION}); upgrade GuestPass`,
      );
    }
    for (const migration of MIGRATIONS.slice(current)) {
      db.exec(migration.sql);
      migration.backfill?.(db);
    }
    // PRAGMA takes no bound parameters; SCHEMA_VERSION is a number we control.
    if (current < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
