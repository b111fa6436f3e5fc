import { TableClient } from '@azure/data-tables';
import { randomBytes } from 'node:crypto';
import { AuditEntry, AuditTrail } from '../../invitation/audit-trail';
import { fromDocumentProperties, toDocumentProperties } from './json-chunks';
import { newestFirst } from './newest-first';
import { hasStatus } from './table-errors';
import { sortKey } from './table-keys';
import { queryAll, anyRow, timeRangeFilter } from './table-query';
import { nextWriteStamp } from './write-stamp';

/**
 * The audit trail: one partition, row key `e|{inverted write time}|{random}`, so the newest entries have the
 * smallest keys and a time window is a key range. Entries are only ever inserted (the table store never updates
 * or deletes them; the storage account's access control is what protects them from others).
 *
 * "Newest" is the order entries were written by the writers' clocks: exact within one instance, as good as
 * the instances' clocks across several (App Service keeps them synchronized).
 */
const PARTITION = 'audit';
const PREFIX = 'e|';
/** Audit entries are a few hundred characters; two parts leave room for long details. */
const MAX_PARTS = 2;
const FIRST_WINDOW_MS = 24 * 60 * 60_000;
const MAX_ATTEMPTS = 3;

export class TableAuditTrail implements AuditTrail {
  constructor(private readonly table: TableClient) {}

  async append(entry: AuditEntry): Promise<void> {
    const document = toDocumentProperties(entry, `Audit entry ${entry.event}`, MAX_PARTS);
    for (let attempt = 1; ; attempt++) {
      const stamp = nextWriteStamp();
      // The random tail keeps two instances writing in the same microsecond from colliding.
      const rowKey = `${PREFIX}${sortKey(Math.floor(stamp / 1000), stamp)}|${randomBytes(4).toString('hex')}`;
      try {
        // At, Event and RequestId are copied out so people can filter the table in Storage Explorer or the portal.
        await this.table.createEntity({
          partitionKey: PARTITION,
          rowKey,
          ...document,
          At: entry.at,
          Event: entry.event,
          RequestId: entry.requestId ?? '',
        });
        return;
      } catch (error) {
        if (!hasStatus(error, 409) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async latest(count: number): Promise<AuditEntry[]> {
    const rows = await newestFirst(
      {
        read: async (fromMs, toMs) =>
          (await queryAll(this.table, timeRangeFilter(PARTITION, PREFIX, fromMs, toMs))).map((row) => ({
            entry: fromDocumentProperties<AuditEntry>(row, `Audit row ${row.rowKey}`),
            sortKey: String(row.rowKey),
          })),
        anyIn: (fromMs, toMs) => anyRow(this.table, timeRangeFilter(PARTITION, PREFIX, fromMs, toMs)),
      },
      { limit: Math.max(0, Math.floor(count)), nowMs: Date.now(), firstWindowMs: FIRST_WINDOW_MS },
    );
    return rows.map(({ entry }) => entry);
  }
}
