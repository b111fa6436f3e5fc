import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { GRAPH_INVITATION_PACING, PacingOptions } from '../../src/bulk/bottleneck-pacer';
import { parseBulkCsv } from '../../src/bulk/parse-bulk-csv';
import { validateBulkRows } from '../../src/bulk/validate-rows';
import { loadConfig } from '../../src/config';
import { createInvitationServices, InvitationServices } from '../../src/index';
import { runBulkInvitation } from '../../src/invitation/bulk-invite';
import { Requester } from '../../src/invitation/requester';
import { createLogger } from '../../src/logging/logger';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { createMemoryStore, openSqliteStore } from '../../src/storage';
import { guestRows, templateCsv } from '../bulk/support/bulk-files';
import { GraphStage } from '../bulk/support/graph-stage';

const MEGAN: Requester = { id: SANDBOX_IDS.users.megan, displayName: 'Megan Bowen', userPrincipalName: 'megan@contoso.com' };
/** Graph's 150 per 5 s scaled to 12 per 2 s, so that two instances cross it within seconds unless they share it. */
const WINDOW_MS = 2_000;
const GRAPH_BUDGET = 12;
/**
 * The pacing a little below Graph's budget at this scale. The pacer spaces starts, and a start reaches Graph after a
 * lookup (and, on a cold client, a token) whose time varies: at Graph's scale the spacing's 3 % margin absorbs
 * 150 ms of that, at this one only 60 ms, less than a cold start.
 */
const PACING: PacingOptions = { requestsPerWindow: 10, windowMs: WINDOW_MS, maxConcurrent: 4 };
const ROWS_EACH = 12;

/**
 * Two instances of GuestPass (each its own services, pacer and SQLite connection) on one SQLite file run bulk files
 * at the same time against one Graph that enforces the budget: together they stay within it.
 */
describe('two instances on one store running bulk files at once', function () {
  let stage: GraphStage;
  let dir: string;
  let instances: InvitationServices[];
  let posts: number[];

  beforeEach(async () => {
    stage = await GraphStage.start({ budget: { requests: GRAPH_BUDGET, windowMs: WINDOW_MS, retryAfter: '1' } });
    posts = [];
    stage.onInvitationPost = () => posts.push(Date.now());
    dir = mkdtempSync(join(tmpdir(), 'guestpass-shared-budget-'));
    const file = join(dir, 'guestpass.db');
    const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    instances = [];
    for (let i = 0; i < 2; i++) {
      instances.push(
        await createInvitationServices(loadConfig(stage.env()), {
          store: openSqliteStore(file),
          logger: createLogger({ level: 'warn', destination: quiet }),
          startJobs: false,
          bulkPacing: PACING,
        }),
      );
    }
  });
  afterEach(async () => {
    for (const services of instances) {
      await services.close();
      await services.store.close();
    }
    await stage.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const fileOf = (services: InvitationServices, prefix: string) => {
    const parsed = parseBulkCsv(Buffer.from(templateCsv(guestRows(ROWS_EACH, prefix))));
    assert.ok(parsed.ok);
    return { fileId: parsed.fileId, rows: validateBulkRows(parsed.rows, services.invitations.limits).valid, requester: MEGAN };
  };

  it('never exceeds the budget in any window between them, and invites everyone once', async () => {
    const reports = await Promise.all(
      instances.map((services, i) => runBulkInvitation(services.invitations, fileOf(services, `instance${i}-`), services.bulk)),
    );
    for (const report of reports) {
      assert.ok(report.kind === 'ran');
      assert.deepEqual(new Set(report.results.map((result) => result.outcome.kind)), new Set(['invited']));
    }
    const gaps = posts.slice(1).map((at, i) => at - posts[i]!);
    assert.equal(stage.throttled, 0, `Graph refused nothing (ms between POSTs: ${gaps.join(' ')})`);
    const busiest = Math.max(...posts.map((at) => posts.filter((other) => other > at - WINDOW_MS && other <= at).length));
    assert.ok(busiest <= GRAPH_BUDGET, `${busiest} invitations reached Graph within one window`);
    assert.equal(posts.length, 2 * ROWS_EACH, 'one POST per row, none repeated');
    const counts = stage.invitationsPerAddress();
    assert.equal(counts.size, 2 * ROWS_EACH);
    assert.deepEqual([...counts.values()].filter((count) => count !== 1), [], 'nobody invited twice');
  });

  it('paces by BULK_INVITATIONS_PER_5_SECONDS when set, over Graph’s window', async () => {
    const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const services = await createInvitationServices(loadConfig(stage.env({ BULK_INVITATIONS_PER_5_SECONDS: '100' })), {
      store: createMemoryStore(),
      logger: createLogger({ level: 'warn', destination: quiet }),
      startJobs: false,
    });
    try {
      assert.deepEqual(services.bulk.pacer.options, { ...GRAPH_INVITATION_PACING, requestsPerWindow: 100 });
    } finally {
      await services.close();
    }
  });
});
