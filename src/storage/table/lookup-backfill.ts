import { odata, TableClient, TransactionAction } from '@azure/data-tables';
import { lookupRow, lookupRowKeys, LOOKUPS_DONE_ROW, LOOKUPS_MARK } from './lookup-rows';
import { REQUESTS_PARTITION, versionedOf } from './request-rows';
import { hasStatus, lostRace } from './table-errors';
import { prefixEnd } from './table-keys';
import { Row } from './table-query';

/** A request rewritten this often while being backfilled is left to its writers (who write its look-up rows themselves). */
const MAX_ATTEMPTS = 5;

/**
 * Requests filled at once. Start-up waits for the backfill, and one transaction at a time is a round trip per
 * request: a table holding years of requests would keep the bot from starting for the best part of an hour.
 */
const FILLS_AT_ONCE = 16;

/**
 * Gives every request written before look-up rows existed (lookup-rows.ts) its rows, once per table: a mark row
 * records that it was done, so later starts cost one point read. Each request is filled in its own transaction,
 * conditional on the ETag read, so a request written meanwhile (by an instance that writes look-up rows itself)
 * is read again rather than overwritten; instances starting together may both fill, with the same result.
 * Returns how many requests were filled.
 */
export async function backfillLookupRows(table: TableClient): Promise<number> {
  if (await readRow(table, LOOKUPS_DONE_ROW)) return 0;
  const filter = odata`PartitionKey eq ${REQUESTS_PARTITION} and RowKey ge ${'d|'} and RowKey lt ${prefixEnd('d|')}`;
  let filled = 0;
  let failed: { error: unknown } | undefined;
  const running = new Set<Promise<void>>();
  for await (const row of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
    if (row[LOOKUPS_MARK] === 1) continue;
    const filling: Promise<void> = fill(table, row)
      .then(
        (done) => void (done && filled++),
        (error: unknown) => void (failed ??= { error }),
      )
      .finally(() => running.delete(filling));
    running.add(filling);
    if (running.size >= FILLS_AT_ONCE) await Promise.race(running);
    if (failed) break;
  }
  await Promise.all(running);
  if (failed) throw failed.error;
  await table.upsertEntity({ partitionKey: REQUESTS_PARTITION, rowKey: LOOKUPS_DONE_ROW, DoneAt: new Date().toISOString() }, 'Replace');
  return filled;
}

async function fill(table: TableClient, first: Row): Promise<boolean> {
  let row: Row | undefined = first;
  for (let attempt = 1; row && row[LOOKUPS_MARK] !== 1 && attempt <= MAX_ATTEMPTS; attempt++) {
    const request = versionedOf(row).value;
    const actions: TransactionAction[] = [
      ['update', { partitionKey: REQUESTS_PARTITION, rowKey: row.rowKey!, [LOOKUPS_MARK]: 1 }, 'Merge', { etag: row.etag }],
      ...lookupRowKeys(request, String(row.SortKey)).map((rowKey): TransactionAction => ['upsert', lookupRow(rowKey, request.id), 'Replace']),
    ];
    try {
      await table.submitTransaction(actions);
      return true;
    } catch (error) {
      if (!lostRace(error)) throw error;
      row = await readRow(table, row.rowKey!);
    }
  }
  return false;
}

async function readRow(table: TableClient, rowKey: string): Promise<Row | undefined> {
  try {
    return await table.getEntity<Record<string, unknown>>(REQUESTS_PARTITION, rowKey);
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}
