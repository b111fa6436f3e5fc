import assert from 'node:assert/strict';
import { DirectoryError } from '../../src/invitation/directory-error';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { RedemptionWatcher } from '../../src/jobs/redemption-watcher';
import { createLogger } from '../../src/logging/logger';
import { ALICE, harness } from '../invitation/fixtures';

const INTERVAL_MINUTES = 15;
const silent = createLogger({ level: 'silent' });

async function setup() {
  const h = harness();
  const outcome = await submitInvitation(h.ctx, { email: 'gita@fabrikam.com', sendEmail: true, userType: 'Guest' }, ALICE);
  assert.ok(outcome.kind === 'invited');
  const accept = () => {
    h.directory.users.find((user) => user.id === outcome.request.result?.userId)!.externalUserState = 'Accepted';
  };
  const watcher = (owner: string) => new RedemptionWatcher(h.ctx, h.store, silent, INTERVAL_MINUTES, owner);
  const acceptedNews = () => h.notifier.told.filter((news) => news.topic === 'accepted');
  return { h, accept, watcher, acceptedNews, requestId: outcome.request.id };
}

/** Time is the harness's controlled clock: nothing here waits, and rounds are run by hand. */
describe('the redemption watcher job', () => {
  it('runs a round, then waits the configured interval before the next', async () => {
    const { h, accept, watcher, acceptedNews, requestId } = await setup();
    const job = watcher('instance-a');
    assert.deepEqual(await job.runOnce(), { kind: 'ran', watched: 1, accepted: 0, gone: 0 });
    accept();
    h.clock.advance((INTERVAL_MINUTES - 1) * 60_000);
    assert.equal((await job.runOnce()).kind, 'notDue');
    assert.equal(acceptedNews().length, 0);
    h.clock.advance(60_000);
    assert.deepEqual(await job.runOnce(), { kind: 'ran', watched: 1, accepted: 1, gone: 0 });
    assert.deepEqual(acceptedNews().map((news) => news.request.id), [requestId]);
  });

  it('runs on one instance at a time: another instance waits while the lease is held', async () => {
    const { h, watcher } = await setup();
    const a = watcher('instance-a');
    const b = watcher('instance-b');
    assert.equal((await a.runOnce()).kind, 'ran');
    h.clock.advance(INTERVAL_MINUTES * 60_000);
    assert.deepEqual(await b.runOnce(), { kind: 'leaseHeldElsewhere' });
    await a.stop();
    assert.equal((await b.runOnce()).kind, 'ran', 'a stopped instance frees the lease');
  });

  it('survives a restart: the interval and what requesters were told are kept in the store', async () => {
    const { h, accept, watcher, acceptedNews } = await setup();
    accept();
    const first = watcher('instance-a');
    assert.equal((await first.runOnce()).kind, 'ran');
    await first.stop();
    const restarted = watcher('instance-a2');
    assert.equal((await restarted.runOnce()).kind, 'notDue', 'the last round is remembered across the restart');
    h.clock.advance(INTERVAL_MINUTES * 60_000);
    assert.deepEqual(await restarted.runOnce(), { kind: 'ran', watched: 0, accepted: 0, gone: 0 });
    assert.equal(acceptedNews().length, 1, 'told once, not again after the restart');
  });

  it('does not throw when the directory fails, and tries again on the next tick', async () => {
    const { h, accept, watcher, acceptedNews } = await setup();
    const job = watcher('instance-a');
    accept();
    h.directory.lookupFailure = new DirectoryError('unavailable', 'down');
    assert.deepEqual(await job.runOnce(), { kind: 'failed' });
    h.directory.lookupFailure = undefined;
    assert.equal((await job.runOnce()).kind, 'ran', 'a failed round is not recorded as run');
    assert.equal(acceptedNews().length, 1);
  });
});
