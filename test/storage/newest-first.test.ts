import assert from 'node:assert/strict';
import { newestFirst, WindowedSource } from '../../src/storage/table/newest-first';
import { sortKey } from '../../src/storage/table/table-keys';

const DAY = 24 * 60 * 60_000;
const NOW = Date.parse('2025-03-01T00:00:00.000Z');

interface Row {
  name: string;
  ms: number;
  sortKey: string;
}

/**
 * A source that answers in a scrambled order, as Cosmos DB for Table may, and counts its queries; `ms` stands in
 * for the time the service would compare through the row key.
 */
function scrambledSource(rows: Row[]): WindowedSource<Row> & { reads: number } {
  const inRange = (row: Row, from?: number, to?: number) => (from === undefined || row.ms >= from) && (to === undefined || row.ms < to);
  const source = {
    reads: 0,
    async read(from: number | undefined, to: number | undefined) {
      source.reads++;
      // A fixed shuffle (by the name's character code modulo 3), so the test is deterministic yet unordered.
      return rows.filter((row) => inRange(row, from, to)).sort((x, y) => (x.name.charCodeAt(0) % 3) - (y.name.charCodeAt(0) % 3));
    },
    async anyIn(from: number | undefined, to: number) {
      return rows.some((row) => inRange(row, from, to));
    },
  };
  return source;
}

const row = (name: string, ms: number, stamp = 1): Row => ({ name, ms, sortKey: sortKey(ms, stamp) });
const names = (rows: Row[]) => rows.map((r) => r.name);
const options = { nowMs: NOW, firstWindowMs: DAY };

describe('newestFirst (reading the latest rows without relying on the order of query results)', () => {
  const rows = [row('a', NOW - 400 * DAY), row('b', NOW - 3 * DAY), row('c', NOW - DAY / 2), row('d', NOW + DAY), row('e', NOW - 3 * DAY, 2)];

  it('sorts newest first, ties by the later write, whatever order the service answers in', async () => {
    assert.deepEqual(names(await newestFirst(scrambledSource(rows), options)), ['d', 'c', 'e', 'b', 'a']);
  });

  it('reads only the recent window when it holds enough rows', async () => {
    const source = scrambledSource(rows);
    assert.deepEqual(names(await newestFirst(source, { ...options, limit: 2 })), ['d', 'c']);
    assert.equal(source.reads, 1);
  });

  it('widens the window until it has enough or nothing older is left', async () => {
    const source = scrambledSource(rows);
    assert.deepEqual(names(await newestFirst(source, { ...options, limit: 10 })), ['d', 'c', 'e', 'b', 'a']);
    assert.ok(source.reads <= 4, `${source.reads} reads`);
  });

  it('stops at the since bound', async () => {
    const source = scrambledSource(rows);
    assert.deepEqual(names(await newestFirst(source, { ...options, limit: 10, sinceMs: NOW - 3 * DAY })), ['d', 'c', 'e', 'b']);
    assert.deepEqual(names(await newestFirst(source, { ...options, sinceMs: NOW - DAY })), ['d', 'c']);
  });

  it('answers nothing for a limit of zero or an empty source', async () => {
    assert.deepEqual(await newestFirst(scrambledSource(rows), { ...options, limit: 0 }), []);
    assert.deepEqual(await newestFirst(scrambledSource([]), { ...options, limit: 5 }), []);
  });
});
