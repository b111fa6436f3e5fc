import { TableClient } from '@azure/data-tables';
import { ConversationReferenceStore } from '../store';
import { fromDocumentProperties, toDocumentProperties } from './json-chunks';
import { hasStatus } from './table-errors';
import { escapeKey } from './table-keys';

/**
 * One partition per key (point reads and writes only, so spreading them over partitions costs nothing and lets
 * the service balance the load). Last writer wins, as in the other stores: a reference is simply the latest one.
 */
const ROW_KEY = 'reference';
/** A reference is about a kilobyte; two parts are generous. */
const MAX_PARTS = 2;

export class TableConversationReferences implements ConversationReferenceStore {
  constructor(private readonly table: TableClient) {}

  async save(key: string, reference: Record<string, unknown>): Promise<void> {
    const document = toDocumentProperties(reference, `Conversation reference ${key}`, MAX_PARTS);
    // Replace, not Merge: a shorter document must not keep a stale `Doc1` from a longer one.
    await this.table.upsertEntity({ partitionKey: escapeKey(key), rowKey: ROW_KEY, ...document, Key: key }, 'Replace');
  }

  async get(key: string): Promise<Record<string, unknown> | undefined> {
    try {
      const row = await this.table.getEntity(escapeKey(key), ROW_KEY);
      return fromDocumentProperties<Record<string, unknown>>(row, `Conversation reference ${key}`);
    } catch (error) {
      if (hasStatus(error, 404)) return undefined;
      throw error;
    }
  }
}
