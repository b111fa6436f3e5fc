import { TableClient, TransactionAction } from '@azure/data-tables';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addressKey } from '../src/invitation/email-address';
import { isOpen } from '../src/invitation/invitation-request';
import { watchedSince } from '../src/invitation/notice-redemptions';
import { RequestRepository } from '../src/invitation/request-repository';
import { openSqliteStore } from '../src/storage';
import { columnsOf } from '../src/storage/sqlite/request-columns';
import { LOOKUPS_DONE_ROW } from '../src/storage/table/lookup-rows';
import { REQUESTS_PARTITION } from '../src/storage/table/request-rows';
import { newRequestRows, TableRequestRepository } from '../src/storage/table/table-request-repository';
import { startAzurite, uniqueTablePrefix } from '../test/support/azurite';
import { figure, Figure } from './support/figure';
import { median, round } from './support/stats';
import { BENCH_REQUESTER, REINVITED_ADDRESS, REINVITED_GUEST, storedRequests } from './support/stored-requests';

/** The sizes compared: the target is each look-up at `large` within `TARGET`× its cost at `small`. */
export interface StoreLookupSizes {
  small: number;
  sqliteLarge: number;
  azuriteLarge: number;
}

/**
 * Azurite is compared at 2,000, not 100,000: it seeds in time that grows with the square of the table (every write
 * and every query evaluates a predicate over the whole table: LokiTableMetadataStore's `.where()`), about 10 s for
 * 1,000 requests and 90 s for 3,000 on 2 cores, so 100,000 would take about a day. The section reports the
 * projection it measured.
 */
export const STORE_LOOKUP_SIZES: StoreLookupSizes = { small: 1_000, sqliteLarge: 100_000, azuriteLarge: 2_000 };
const TARGET = 1.2;
/** Samples per look-up and size; each SQLite sample times a burst of calls, as one call is a few microseconds. */
const SQLITE_SAMPLES = 150;
const SQLITE_BURST = 10;
const AZURITE_SAMPLES = 15;
const AZURITE_BATCH = 100;
const AZURITE_PARALLEL_BATCHES = 8;
const ESCALATION_WAIT_MS = 24 * 3_600_000;

interface Lookup {
  id: string;
  label: string;
  run: (requests: RequestRepository, now: Date) => Promise<unknown[]>;
}

/** Each look-up as its caller makes it (see the callers named). */
const LOOKUPS: Lookup[] = [
  { id: 'statusByAddress', label: 'status: requests for an address', run: (r) => r.list({ address: REINVITED_ADDRESS, states: ['invited'] }) },
  { id: 'whoInvited', label: 'who invited a guest (requestThatInvited)', run: (r) => r.list({ guestId: REINVITED_GUEST, states: ['invited'] }) },
  {
    id: 'pending',
    label: "pending: a requester's guests to accept",
    run: (r, now) => r.listDue({ kind: 'watch', requesterId: BENCH_REQUESTER, dueFrom: watchedSince(now), limit: 100 }),
  },
  { id: 'watcher', label: "redemption watcher's round", run: (r, now) => r.listDue({ kind: 'watch', dueFrom: watchedSince(now) }) },
  { id: 'expiry', label: 'housekeeping: expiry due', run: (r, now) => r.listDue({ kind: 'expiry', dueBy: now }) },
  { id: 'escalation', label: 'housekeeping: escalation due', run: (r, now) => r.listDue({ kind: 'escalation', dueBy: new Date(now.getTime() - ESCALATION_WAIT_MS) }) },
  { id: 'groupRetry', label: 'housekeeping: group retries due', run: (r, now) => r.listDue({ kind: 'groupRetry', dueBy: now }) },
  { id: 'resume', label: 'housekeeping: approved or inviting', run: (r) => r.list({ states: ['approved', 'inviting'] }) },
  { id: 'approvals', label: 'approvals waiting (list)', run: (r) => r.list({ states: ['pendingApproval'], limit: 200 }) },
];

interface SeededStore {
  requests: RequestRepository;
  size: number;
  seedSeconds: number;
  /** Service requests so far (Azurite only): how many one look-up makes. */
  calls?: () => number;
  close(): Promise<void>;
}

interface LookupResult {
  id: string;
  smallMs: number;
  largeMs: number;
  results: { small: number; large: number };
  serviceCalls?: { small: number; large: number };
  failures: string[];
}

/**
 * Costs flat as the store grows: each look-up of status, "who invited", `pending`, the redemption watcher and
 * housekeeping, on a store of `small` requests and on one of `large`, on SQLite and on Azurite. The two stores of
 * a kind are measured in alternating turns, so drift in the machine's load touches both alike.
 */
export async function measureStoreLookups(sizes: StoreLookupSizes = STORE_LOOKUP_SIZES): Promise<{ figures: Figure[]; raw: Record<string, unknown> }> {
  const now = new Date();
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = { sizes };
  const dir = mkdtempSync(join(tmpdir(), 'guestpass-bench-store-'));
  try {
    const small = await seedSqlite(join(dir, 'small.db'), sizes.small, now);
    const large = await seedSqlite(join(dir, 'large.db'), sizes.sqliteLarge, now);
    try {
      const results = await compare(small, large, now, SQLITE_SAMPLES, SQLITE_BURST);
      figures.push(...results.map((result) => lookupFigure('sqlite', 'SQLite', result, small.size, large.size, 'µs')));
      raw.sqlite = { seedSeconds: { small: small.seedSeconds, large: large.seedSeconds }, lookups: results };
    } finally {
      await small.close();
      await large.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const azurite = await startAzurite();
  try {
    const small = await seedAzurite(azurite.connectionString, sizes.small, now);
    const large = await seedAzurite(azurite.connectionString, sizes.azuriteLarge, now);
    const results = await compare(small, large, now, AZURITE_SAMPLES, 1);
    figures.push(...results.map((result) => lookupFigure('azurite', 'Azurite', result, small.size, large.size, 'ms')));
    const requests = (which: 'small' | 'large') => results.reduce((sum, result) => sum + (result.serviceCalls?.[which] ?? Number.NaN), 0);
    // What the layout decides, apart from Azurite's own scans: how many requests each look-up sends to the service.
    figures.push(
      figure({
        id: 'storeLookups.azurite.serviceRequests',
        label: `Azurite: Azure requests of the ${results.length} look-ups together, ${large.size.toLocaleString('en-US')} stored`,
        unit: 'requests',
        value: requests('large'),
        floor: requests('small'),
        floorLabel: `the same at ${small.size.toLocaleString('en-US')}`,
        target: TARGET,
      }),
    );
    // Seeding time grows as size^k; k from the two sizes seeded projects the time for 100,000.
    const exponent = Math.log(large.seedSeconds / small.seedSeconds) / Math.log(large.size / small.size);
    raw.azurite = {
      seedSeconds: { small: small.seedSeconds, large: large.seedSeconds },
      seedGrowthExponent: round(exponent),
      projectedSeedSecondsAt100k: round(large.seedSeconds * (100_000 / large.size) ** exponent, 0),
      lookups: results,
    };
  } finally {
    await azurite.stop();
  }
  return { figures, raw };
}

function lookupFigure(store: string, storeLabel: string, result: LookupResult, small: number, large: number, unit: 'ms' | 'µs'): Figure {
  const scale = unit === 'µs' ? 1000 : 1;
  const calls = result.serviceCalls ? `; Azure requests ${result.serviceCalls.small} → ${result.serviceCalls.large}` : '';
  const failed = result.failures.length > 0 ? `; ${result.failures.length} failed: ${result.failures[0]}` : '';
  return figure({
    id: `storeLookups.${store}.${result.id}`,
    label: `${storeLabel}: ${LOOKUPS.find((lookup) => lookup.id === result.id)!.label}, ${large.toLocaleString('en-US')} stored (median)`,
    unit,
    value: result.largeMs * scale,
    floor: result.smallMs * scale,
    floorLabel: `the same at ${small.toLocaleString('en-US')}`,
    target: TARGET,
    note: `results ${result.results.small} / ${result.results.large}${calls}${failed}`,
  });
}

async function compare(small: SeededStore, large: SeededStore, now: Date, samples: number, burst: number): Promise<LookupResult[]> {
  const results: LookupResult[] = [];
  for (const lookup of LOOKUPS) {
    const result: LookupResult = { id: lookup.id, smallMs: Number.NaN, largeMs: Number.NaN, results: { small: -1, large: -1 }, failures: [] };
    const timings = { small: [] as number[], large: [] as number[] };
    const once = async (store: SeededStore, which: 'small' | 'large') => {
      try {
        const before = store.calls?.();
        const started = performance.now();
        let found: unknown[] = [];
        for (let i = 0; i < burst; i++) found = await lookup.run(store.requests, now);
        timings[which].push((performance.now() - started) / burst);
        result.results[which] = found.length;
        if (before !== undefined) result.serviceCalls = { ...(result.serviceCalls ?? { small: 0, large: 0 }), [which]: (store.calls!() - before) / burst };
      } catch (error) {
        result.failures.push(`${which}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200));
      }
    };
    // Warm-up (statements prepared, pages cached), then alternating turns, each size first in every other round.
    await once(small, 'small');
    await once(large, 'large');
    timings.small.length = 0;
    timings.large.length = 0;
    for (let round = 0; round < samples; round++) {
      if (round % 2 === 0) {
        await once(small, 'small');
        await once(large, 'large');
      } else {
        await once(large, 'large');
        await once(small, 'small');
      }
    }
    result.smallMs = median(timings.small);
    result.largeMs = median(timings.large);
    results.push(result);
  }
  return results;
}

/** A SQLite file as GuestPass leaves it, filled in one transaction with the columns the repository writes. */
async function seedSqlite(filePath: string, size: number, now: Date): Promise<SeededStore> {
  const started = performance.now();
  await openSqliteStore(filePath).close(); // the schema, as at a first start
  const db = new Database(filePath);
  const insert = db.prepare(`
    INSERT INTO requests (id, state, requester_id, created_at, version, document,
                          guest_id, address, expiry_due, escalation_due, group_retry_due, watch_due)
    VALUES (@id, @state, @requesterId, @createdAt, 1, @document,
            @guestId, @address, @expiryDue, @escalationDue, @groupRetryDue, @watchDue)`);
  const claim = db.prepare('INSERT INTO address_claims (address, request_id) VALUES (?, ?)');
  db.transaction(() => {
    for (const request of storedRequests(size, now)) {
      insert.run(columnsOf(request));
      if (isOpen(request.state)) claim.run(addressKey(request.invitation.email), request.id);
    }
  })();
  db.close();
  const seedSeconds = round((performance.now() - started) / 1000, 1);
  const store = openSqliteStore(filePath);
  return { requests: store.requests, size, seedSeconds, close: () => store.close() };
}

/**
 * A Requests table as GuestPass leaves it, written in entity group transactions of 100 rows, several at once. The
 * rows are the store's own (newRequestRows); open requests' address claims are left out, as no look-up reads them.
 */
async function seedAzurite(connectionString: string, size: number, now: Date): Promise<SeededStore> {
  const table = TableClient.fromConnectionString(connectionString, `${uniqueTablePrefix()}Requests`, { allowInsecureConnection: true });
  await table.createTable();
  const started = performance.now();
  const rows = storedRequests(size, now).flatMap((request) => newRequestRows(request).rows);
  rows.push({ partitionKey: REQUESTS_PARTITION, rowKey: LOOKUPS_DONE_ROW });
  const batches: TransactionAction[][] = [];
  for (let start = 0; start < rows.length; start += AZURITE_BATCH) {
    batches.push(rows.slice(start, start + AZURITE_BATCH).map((row): TransactionAction => ['create', row]));
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: AZURITE_PARALLEL_BATCHES }, async () => {
      while (next < batches.length) await table.submitTransaction(batches[next++]!);
    }),
  );
  const seedSeconds = round((performance.now() - started) / 1000, 1);
  let calls = 0;
  table.pipeline.addPolicy({ name: 'countRequests', sendRequest: (request, send) => ((calls += 1), send(request)) });
  return { requests: new TableRequestRepository(table), size, seedSeconds, calls: () => calls, close: async () => undefined };
}
