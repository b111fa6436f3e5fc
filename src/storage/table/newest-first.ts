/**
 * "The newest n" over rows whose row keys start with an inverted time (table-keys.ts `sortKey`).
 *
 * Azure Table Storage returns a partition in row-key order, so the first n rows would do; Cosmos DB for Table
 * does not promise any order. To serve both with one code path without reading a whole history for the latest
 * few rows, the rows are read in time windows going back from now, each wider than the last, and sorted here;
 * reading stops once enough rows are found or nothing older is left.
 */

export interface Keyed {
  /** The time-ordered part of the row key: ascending is newest first. */
  sortKey: string;
}

export interface WindowedSource<T extends Keyed> {
  /** Every wanted row with a time in `[fromMs, toMs)` (a missing bound is open), in any order. */
  read(fromMs: number | undefined, toMs: number | undefined): Promise<T[]>;
  /** Whether any row at all (wanted or not) has a time in `[fromMs, toMs)`. */
  anyIn(fromMs: number | undefined, toMs: number): Promise<boolean>;
}

export interface NewestFirstOptions {
  /** At most this many; undefined reads everything from `sinceMs` on in one query. */
  limit?: number;
  /** Nothing older than this instant. */
  sinceMs?: number;
  /** The first window is `[nowMs - firstWindowMs, ∞)`, open upwards so rows from clocks ahead of ours count. */
  nowMs: number;
  firstWindowMs: number;
}

/** Each window is this many times wider than the one before: a long quiet spell costs a few queries, not many. */
const GROWTH = 8;
const EARLIEST_MS = -8.64e15;

export async function newestFirst<T extends Keyed>(source: WindowedSource<T>, options: NewestFirstOptions): Promise<T[]> {
  const { limit, sinceMs } = options;
  if (limit === undefined) return sortNewestFirst(await source.read(sinceMs, undefined));
  if (limit <= 0) return [];

  const found: T[] = [];
  let toMs: number | undefined;
  let width = options.firstWindowMs;
  let fromMs = options.nowMs - width;
  for (;;) {
    const floor = Math.max(fromMs, sinceMs ?? EARLIEST_MS);
    // Windows do not overlap and each is older than the last, so appending keeps the whole list newest first.
    found.push(...sortNewestFirst(await source.read(floor, toMs)));
    if (found.length >= limit) return found.slice(0, limit);
    if (floor <= (sinceMs ?? EARLIEST_MS) || !(await source.anyIn(sinceMs, floor))) return found;
    toMs = floor;
    width *= GROWTH;
    fromMs = floor - width;
  }
}

export function sortNewestFirst<T extends Keyed>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
}
