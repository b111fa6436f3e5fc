import { odata, TableClient, TableEntityResult } from '@azure/data-tables';
import { rowKeyRange } from './table-keys';

export type Row = TableEntityResult<Record<string, unknown>>;

/**
 * OData filter for the rows of one partition whose row keys start with `prefix` and carry a time in
 * `[fromMs, toMs)`. Only key comparisons: both services answer those from their primary index.
 */
export function timeRangeFilter(partitionKey: string, prefix: string, fromMs?: number, toMs?: number): string {
  const { ge, lt } = rowKeyRange(prefix, fromMs, toMs);
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${ge} and RowKey lt ${lt}`;
}

/** Every row matching `filter`, following continuation tokens. */
export async function queryAll(client: TableClient, filter: string, select?: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  const queryOptions = select ? { filter, select } : { filter };
  for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions })) rows.push(row);
  return rows;
}

/** Whether any row matches `filter`; asks for one row at a time. */
export async function anyRow(client: TableClient, filter: string): Promise<boolean> {
  const pages = client.listEntities({ queryOptions: { filter, select: ['PartitionKey'] } }).byPage({ maxPageSize: 1 });
  // An empty page with a continuation token does not mean "no rows" (the service may send one), so keep paging.
  for await (const page of pages) if (page.length > 0) return true;
  return false;
}
