import type { Database, Statement } from 'better-sqlite3';
import { ConversationReferenceStore } from '../store';
import { toJsonColumn } from './json-column';

export class SqliteConversationReferences implements ConversationReferenceStore {
  private readonly upsert: Statement<[string, string]>;
  private readonly select: Statement<[string], { reference: string }>;

  constructor(db: Database) {
    this.upsert = db.prepare(`
      INSERT INTO conversation_references (key, reference) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET reference = excluded.reference`);
    this.select = db.prepare('SELECT reference FROM conversation_references WHERE key = ?');
  }

  async save(key: string, reference: Record<string, unknown>): Promise<void> {
    this.upsert.run(key, toJsonColumn(reference, `Conversation reference ${key}`));
  }

  async get(key: string): Promise<Record<string, unknown> | undefined> {
    const row = this.select.get(key);
    return row && (JSON.parse(row.reference) as Record<string, unknown>);
  }
}
