import assert from 'node:assert/strict';
import sinon from 'sinon';
import { BottleneckPacer } from '../../src/bulk/bottleneck-pacer';
import { StoreBulkLedger } from '../../src/bulk/store-ledger';
import { BulkRow, runBulkInvitation } from '../../src/invitation/bulk-invite';
import { ALICE, harness } from '../invitation/fixtures';

/**
 * What Graph counts against the tenant's budget is when each invitation arrives, after a directory look-up whose
 * time varies. A bulk run on a controlled clock (sinon drives Bottleneck's timers and Date), with look-ups slow
 * for a while and then quick again, as when Graph recovers from a slow spell: the invitations must stay within
 * the budget all the same.
 */
describe('a bulk run paced by its invitations, not by its tasks', () => {
  let clock: sinon.SinonFakeTimers;
  let pacer: BottleneckPacer;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(async () => {
    await Promise.race([pacer.close().catch(() => undefined), clock.tickAsync(10)]);
    clock.restore();
  });

  it('sends no more than 150 invitations in any 5 seconds however long the look-ups before them take', async () => {
    const h = harness({ dailyQuotaPerRequester: 10_000 });
    const ledger = new StoreBulkLedger(h.store.state, h.store.leases, h.clock);
    pacer = new BottleneckPacer({ requestsPerWindow: 150, windowMs: 5_000, maxConcurrent: 20 });
    const sent: number[] = [];
    const slowLookups = 80;
    let lookups = 0;
    const findUsersByEmail = h.directory.findUsersByEmail;
    h.directory.findUsersByEmail = sinon.spy(async (email: string) => {
      const ms = lookups++ < slowLookups ? 1_000 : 0;
      await new Promise((resolve) => setTimeout(resolve, ms));
      return findUsersByEmail(email);
    });
    const createInvitation = h.directory.createInvitation;
    h.directory.createInvitation = sinon.spy(async (command: Parameters<typeof createInvitation>[0]) => {
      sent.push(Date.now());
      return createInvitation(command);
    });
    const rows: BulkRow[] = Array.from({ length: 400 }, (_, i) => ({
      line: i + 2,
      draft: { email: `guest-${i}@tailspin.com`, sendEmail: true, userType: 'Guest' },
    }));

    const run = runBulkInvitation(h.ctx, { fileId: 'file-1', rows, requester: ALICE }, { pacer, ledger });
    await clock.tickAsync(30_000);
    const report = await run;

    assert.ok(report.kind === 'ran' && report.results.every((result) => result.outcome.kind === 'invited'));
    assert.equal(sent.length, 400);
    const busiest = Math.max(...sent.map((at) => sent.filter((other) => other > at - 5_000 && other <= at).length));
    assert.ok(busiest <= 150, `${busiest} invitations sent in one 5 s window`);
  });
});
