import Database from 'better-sqlite3';
import type { SqliteSynchronous } from '../../config/app-config';
import { GuestPassStore } from '../store';
import { migrate } from './migrations';
import { createPrivateFile, preparePrivateFolder, StorageWarning, tightenDatabaseFiles } from './private-files';
import { SqliteApprovalCards } from './sqlite-approval-cards';
import { SqliteAuditTrail } from './sqlite-audit-trail';
import { SqliteConversationReferences } from './sqlite-conversation-references';
import { SqliteGovernedGuests } from './sqlite-governed-guests';
import { SqliteLeaseStore } from './sqlite-lease-store';
import { SqliteRequestRepository } from './sqlite-request-repository';
import { SqliteStateStore } from './sqlite-state-store';

/**
 * How long a statement waits for another process's write lock before failing with SQLITE_BUSY. Writes here are
 * single small rows, so a lock is normally held for milliseconds; seconds of waiting means something is wrong.
 */
const BUSY_TIMEOUT_MS = 5_000;

const IN_MEMORY = ':memory:';

/**
 * Opens (creating if missing) the SQLite file at `filePath` and brings its schema up to date.
 * `:memory:` gives a private database that vanishes on close. better-sqlite3 is synchronous, so each operation
 * completes before the returned promise settles; the promises are there to fit the store interface. `synchronous`
 * says when a commit reaches the disk (see SqliteSynchronous). The folder is made 0700 and the files 0600
 * (see private-files); `warn` hears about a folder that could not be made private.
 */
export function openSqliteStore(filePath: string, synchronous: SqliteSynchronous = 'normal', warn: StorageWarning = () => undefined): GuestPassStore {
  if (filePath !== IN_MEMORY) {
    preparePrivateFolder(filePath, warn);
    createPrivateFile(filePath);
    tightenDatabaseFiles(filePath, warn);
  }
  const db = new Database(filePath);
  try {
    // Set before anything else so even the migration waits for a lock held by another process.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // WAL lets readers in other processes carry on while one writes; an in-memory database stays in 'memory' mode.
    db.pragma('journal_mode = WAL');
    // Said explicitly: left alone, SQLite would flush every commit on a new file and not on a reopened one.
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const checkHealth = db.prepare('SELECT 1');
  return {
    kind: 'sqlite',
    requests: new SqliteRequestRepository(db),
    audit: new SqliteAuditTrail(db),
    conversations: new SqliteConversationReferences(db),
    approvalCards: new SqliteApprovalCards(db),
    leases: new SqliteLeaseStore(db),
    state: new SqliteStateStore(db),
    guests: new SqliteGovernedGuests(db),
    async checkHealth() {
      // Throws "The database connection is not open" after close, and SQLITE errors if the file went bad.
      checkHealth.get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
