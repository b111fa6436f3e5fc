import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { BottleneckPacer, PacingOptions } from '../../src/bulk/bottleneck-pacer';
import { parseBulkCsv } from '../../src/bulk/parse-bulk-csv';
import { validateBulkRows, ValidRow } from '../../src/bulk/validate-rows';
import { loadConfig } from '../../src/config';
import { createInvitationServices, InvitationServices } from '../../src/index';
import { BulkRunReport, runBulkInvitation } from '../../src/invitation/bulk-invite';
import { Requester } from '../../src/invitation/requester';
import { createLogger } from '../../src/logging/logger';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { createMemoryStore } from '../../src/storage';
import { guestRows, templateCsv } from '../bulk/support/bulk-files';
import { GraphStage } from '../bulk/support/graph-stage';

const MEGAN: Requester = { id: SANDBOX_IDS.users.megan, displayName: 'Megan Bowen', userPrincipalName: 'megan@contoso.com' };
/** Graph's 150 per 5 s, scaled to 15 per 0.4 s so the test crosses it in a moment. */
const BUDGET = { requests: 15, windowMs: 400, retryAfter: '0' };
/** The client's pacing at the same scale, below the budget as GuestPass's is below Graph's. */
const PACED: PacingOptions = { requestsPerWindow: 10, windowMs: 400, maxConcurrent: 4 };
const UNPACED: PacingOptions = { requestsPerWindow: 10_000, windowMs: 400, maxConcurrent: 4 };

/**
 * Bulk runs through the real Graph client (@azure/identity tokens, the SDK's RetryHandler) against the Graph
 * simulator over https, with an invitation budget enforced the way Graph does: 429 and Retry-After beyond it.
 */
describe('bulk invitations against a throttling Graph', function () {
  let stage: GraphStage;
  let services: InvitationServices;
  let rows: ValidRow[];
  let fileId: string;

  beforeEach(async () => {
    stage = await GraphStage.start({ budget: BUDGET });
    const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    services = await createInvitationServices(loadConfig(stage.env()), {
      store: createMemoryStore(),
      logger: createLogger({ level: 'warn', destination: quiet }),
      startJobs: false,
    });
    const parsed = parseBulkCsv(Buffer.from(templateCsv(guestRows(24))));
    assert.ok(parsed.ok);
    fileId = parsed.fileId;
    rows = validateBulkRows(parsed.rows, services.invitations.limits).valid;
  });
  afterEach(async () => {
    await services.close();
    await stage.stop();
  });

  async function run(pacing: PacingOptions): Promise<Extract<BulkRunReport, { kind: 'ran' }>> {
    const pacer = new BottleneckPacer(pacing);
    try {
      const report = await runBulkInvitation(services.invitations, { fileId, rows, requester: MEGAN }, { pacer, ledger: services.bulk.ledger });
      assert.equal(report.kind, 'ran');
      return report as Extract<BulkRunReport, { kind: 'ran' }>;
    } finally {
      await pacer.close();
    }
  }

  const everyoneInvitedOnce = () => {
    const counts = stage.invitationsPerAddress();
    assert.equal(counts.size, 24);
    assert.deepEqual([...counts.values()].filter((count) => count !== 1), [], 'nobody invited twice');
  };

  it('stays within the budget when paced: no 429 at all, everyone invited once', async () => {
    const report = await run(PACED);
    assert.equal(stage.throttled, 0);
    assert.deepEqual(new Set(report.results.map((result) => result.outcome.kind)), new Set(['invited']));
    assert.equal(stage.invitationPosts().length, 24, 'one POST /invitations per row');
    everyoneInvitedOnce();
  });

  it('without pacing the budget bites; Graph’s 429s are retried, what stays throttled is left for a re-run', async () => {
    // A window no run outlasts, however slow the machine: the rows past the budget are throttled on every attempt.
    stage.budget = { ...BUDGET, windowMs: 10 * 60_000 };
    const first = await run(UNPACED);
    assert.ok(stage.throttled > 0, 'the simulator enforced the budget');
    const failed = first.results.filter((result) => result.outcome.kind === 'failed');
    for (const { outcome } of failed) assert.ok(outcome.kind === 'failed' && outcome.error?.kind === 'throttled' && outcome.error.retryable);
    assert.equal(failed.length, 24 - BUDGET.requests, 'the budget let through what it allows, and no more');
    const attempts = new Map<string, number>();
    for (const post of stage.invitationPosts()) {
      const address = String((post.body as { invitedUserEmailAddress?: unknown }).invitedUserEmailAddress).toLowerCase();
      attempts.set(address, (attempts.get(address) ?? 0) + 1);
    }
    for (const { email } of failed) assert.ok((attempts.get(email.toLowerCase()) ?? 0) > 1, `the SDK retried ${email} (Retry-After: 0)`);

    stage.startNewBudgetWindow();
    const postsBefore = stage.invitationPosts().length;
    const second = await run(PACED);
    assert.equal(second.results.filter((result) => result.outcome.kind === 'skipped').length, 24 - failed.length);
    assert.equal(stage.invitationPosts().length - postsBefore, failed.length, 'the re-run posts only the rows still to do');
    everyoneInvitedOnce();
  });

  it('rides out random 429s on every Graph call (setRandomFaults) and ends with everyone invited once', async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    stage.simulator.setRandomFaults({ rate: 0.3, random, responses: [{ status: 429, headers: { 'Retry-After': '0' } }] });
    let report = await run(PACED);
    for (let rerun = 0; rerun < 3 && report.results.some((result) => result.outcome.kind === 'failed'); rerun++) report = await run(PACED);
    stage.simulator.setRandomFaults(null);
    assert.ok(stage.simulator.requests.some((request) => request.path === '/v1.0/invitations'));
    everyoneInvitedOnce();
  });

  it('honours a single 429 with Retry-After and invites that guest exactly once', async () => {
    stage.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { status: 429, headers: { 'Retry-After': '1' } });
    rows = rows.slice(0, 2);
    const report = await run(PACED);
    assert.deepEqual(report.results.map((result) => result.outcome.kind), ['invited', 'invited']);
    assert.equal(stage.invitationPosts().length, 3, 'the throttled attempt, its retry, and the other row');
    assert.equal(stage.simulator.directory.invitations.length, 2);
  });
});
