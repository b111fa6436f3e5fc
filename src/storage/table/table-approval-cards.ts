import { odata, TableClient } from '@azure/data-tables';
import { createHash } from 'node:crypto';
import { ApprovalCardLocations, CardLocation } from '../store';
import { hasStatus } from './table-errors';
import { escapeKey } from './table-keys';
import { queryAll } from './table-query';
import { nextWriteStamp } from './write-stamp';

/**
 * One partition per request, one row per posted card. The row key is a hash of conversation id + activity id:
 * Teams conversation ids can be long, and a fixed-length key stays within Cosmos DB's 255-byte row keys while
 * still making "the same card" the same row. `AddedAt` (a write stamp) keeps the first-added order.
 */
export class TableApprovalCards implements ApprovalCardLocations {
  constructor(private readonly table: TableClient) {}

  async add(requestId: string, location: CardLocation): Promise<void> {
    const partitionKey = escapeKey(requestId);
    const rowKey = cardKey(location);
    const { conversationId, activityId, serviceUrl, kind } = location;
    try {
      await this.table.createEntity({
        partitionKey,
        rowKey,
        ConversationId: conversationId,
        ActivityId: activityId,
        ServiceUrl: serviceUrl,
        Kind: kind,
        AddedAt: nextWriteStamp(),
      });
    } catch (error) {
      if (!hasStatus(error, 409)) throw error;
      // Already recorded: take the newer service URL but keep AddedAt, so the card keeps its place in the list.
      await this.table.updateEntity({ partitionKey, rowKey, ServiceUrl: serviceUrl, Kind: kind }, 'Merge');
    }
  }

  async list(requestId: string): Promise<CardLocation[]> {
    const rows = await queryAll(this.table, odata`PartitionKey eq ${escapeKey(requestId)}`);
    return rows
      .sort((a, b) => Number(a.AddedAt) - Number(b.AddedAt))
      .map((row) => ({
        conversationId: String(row.ConversationId),
        activityId: String(row.ActivityId),
        serviceUrl: String(row.ServiceUrl),
        kind: String(row.Kind),
      }));
  }
}

function cardKey(location: CardLocation): string {
  return createHash('sha256').update(JSON.stringify([location.conversationId, location.activityId])).digest('base64url');
}
