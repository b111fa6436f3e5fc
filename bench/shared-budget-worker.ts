import type { AccessToken, TokenCredential } from '@azure/identity';
import { createInterface } from 'node:readline';
import { loadConfig } from '../src/config';
import { createInvitationServices } from '../src/index';
import { BulkRow, runBulkInvitation } from '../src/invitation/bulk-invite';
import { DEFAULT_POLICY } from '../src/invitation/policy';
import { createLogger } from '../src/logging/logger';
import { TEAMS_TEST_USERS } from '../test/support/teams-activities';

/**
 * One instance of the `sharedBudget` section: GuestPass's production wiring (`createInvitationServices`, its
 * pacer and ledger) on the SQLite file the other instance uses too, inviting its share of the rows once told to
 * go. Speaks one JSON line per message on stdout: `{ ready }`, then `{ result }` or `{ error }`.
 *
 * Environment: BENCH_DATA_DIR (the shared store's folder), BENCH_GRAPH_URL, BENCH_FIRST_ROW, BENCH_ROWS.
 */

/** The simulator is reached over plain loopback HTTP, where the Graph SDK attaches no token; any credential does. */
const benchCredential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

const say = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function main(): Promise<void> {
  const first = Number(process.env.BENCH_FIRST_ROW);
  const count = Number(process.env.BENCH_ROWS);
  const config = loadConfig({ NODE_ENV: 'development', STORE: 'sqlite', DATA_DIR: process.env.BENCH_DATA_DIR, LOG_LEVEL: 'silent' });
  const services = await createInvitationServices(
    { ...config, graph: { ...config.graph, baseUrl: process.env.BENCH_GRAPH_URL! } },
    {
      graphCredential: benchCredential,
      logger: createLogger({ level: 'silent' }),
      policy: { ...DEFAULT_POLICY, dailyQuotaPerRequester: 10_000 },
      startJobs: false,
    },
  );
  try {
    const { megan } = TEAMS_TEST_USERS;
    const rows: BulkRow[] = Array.from({ length: count }, (_, i) => ({
      line: first + i + 2,
      draft: { email: `shared-${String(first + i).padStart(4, '0')}@tailspin.com`, sendEmail: true, userType: 'Guest' },
    }));
    const go = new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
    say({ ready: true });
    await go;
    const startedAt = Date.now();
    const report = await runBulkInvitation(
      services.invitations,
      { fileId: `shared-budget-${first}-${startedAt}`, rows, requester: { id: megan.aadObjectId, displayName: megan.name, locale: 'en-US' } },
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
