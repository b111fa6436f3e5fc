import type { Database, Statement } from 'better-sqlite3';
import { ApprovalCardLocations, CardLocation } from '../store';

interface CardRow {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
  kind: string;
}

export class SqliteApprovalCards implements ApprovalCardLocations {
  private readonly upsert: Statement<[CardRow & { requestId: string }]>;
  private readonly select: Statement<[string], CardRow>;

  constructor(db: Database) {
    // An upsert keeps the row (and its rowid, hence its place in the list) and takes the newer serviceUrl.
    this.upsert = db.prepare(`
      INSERT INTO approval_cards (request_id, conversation_id, activity_id, service_url, kind)
      VALUES (@requestId, @conversationId, @activityId, @serviceUrl, @kind)
      ON CONFLICT (request_id, conversation_id, activity_id)
      DO UPDATE SET service_url = excluded.service_url, kind = excluded.kind`);
    this.select = db.prepare(`
      SELECT conversation_id AS conversationId, activity_id AS activityId, service_url AS serviceUrl, kind
      FROM approval_cards WHERE request_id = ? ORDER BY rowid`);
  }

  async add(requestId: string, location: CardLocation): Promise<void> {
    const { conversationId, activityId, serviceUrl, kind } = location;
    this.upsert.run({ requestId, conversationId, activityId, serviceUrl, kind });
  }

  async list(requestId: string): Promise<CardLocation[]> {
    return this.select.all(requestId);
  }
}
