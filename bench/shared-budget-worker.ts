import { createInterface } from 'node:readline';
import { runBulkInvitation } from '../src/invitation/bulk-invite';
import { BENCH_REQUESTER, benchRows, bulkBenchServices } from './support/bulk-services';

/**
 * One instance of the `sharedBudget` section: GuestPass's production wiring (`createInvitationServices`, its
 * pacer and ledger) on the SQLite file the other instance uses too, inviting its share of the rows once told to
 * go. Speaks one JSON line per message on stdout: `{ ready }`, then `{ result }` or `{ error }`.
 *
 * Environment: BENCH_DATA_DIR (the shared store's folder), BENCH_GRAPH_URL, BENCH_FIRST_ROW, BENCH_ROWS.
 */

const say = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function main(): Promise<void> {
  const first = Number(process.env.BENCH_FIRST_ROW);
  const count = Number(process.env.BENCH_ROWS);
  const services = await bulkBenchServices({ STORE: 'sqlite', DATA_DIR: process.env.BENCH_DATA_DIR }, process.env.BENCH_GRAPH_URL!);
  try {
    const rows = benchRows('shared', first, count);
    const go = new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
    say({ ready: true });
    await go;
    const startedAt = Date.now();
    const report = await runBulkInvitation(
      services.invitations,
      { fileId: `shared-budget-${first}-${startedAt}`, rows, requester: BENCH_REQUESTER },
      { pacer: services.bulk.pacer, ledger: services.bulk.ledger },
    );
    const outcomes: Record<string, number> = {};
    if (report.kind === 'ran') for (const result of report.results) outcomes[result.outcome.kind] = (outcomes[result.outcome.kind] ?? 0) + 1;
    say({ result: { kind: report.kind, outcomes, startedAt, finishedAt: Date.now() } });
  } finally {
    await services.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
