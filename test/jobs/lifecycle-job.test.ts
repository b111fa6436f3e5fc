import assert from 'node:assert/strict';
import { nextAction } from '../../src/invitation/lifecycle/next-action';
import { LifecycleJob } from '../../src/jobs/lifecycle-job';
import { createLogger } from '../../src/logging/logger';
import { governedGuest, guestAccount, lifecycleHarness } from '../invitation/lifecycle/lifecycle-fixtures';

const INTERVAL_MINUTES = 60;
const silent = createLogger({ level: 'silent' });

async function setup(lifecycle: Parameters<typeof lifecycleHarness>[0] = {}) {
  const h = lifecycleHarness(lifecycle);
  const draft = governedGuest({ accessEndsAt: '2026-11-21T09:00:00.000Z' });
  await h.guests.create({ ...draft, dueAt: nextAction(draft, h.lifecycle, h.clock.now()).at });
  h.directoryAccounts.add(guestAccount({ id: draft.userId }));
  const job = (owner: string) => new LifecycleJob(h.lifecycle, h.store, silent, INTERVAL_MINUTES, owner);
  return { h, job };
}

/** Time is the harness's controlled clock: rounds run by hand through the real LeasedTimer and memory store. */
describe('the guest lifecycle job', () => {
  it('runs a round, then waits the configured interval before the next', async () => {
    const { h, job } = await setup();
    const first = job('instance-a');
    const round = await first.runOnce();
    assert.ok(round.kind === 'ran');
    assert.deepEqual(round.report.actions.map((action) => [action.action, action.done]), [['disable', true]]);
    assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1']);
    h.clock.advance((INTERVAL_MINUTES - 1) * 60_000);
    assert.equal((await first.runOnce()).kind, 'notDue');
    h.clock.advance(60_000);
    assert.equal((await first.runOnce()).kind, 'ran');
    await first.stop();
  });

  it('runs on one instance at a time, and the interval holds across a restart', async () => {
    const { h, job } = await setup();
    const a = job('instance-a');
    const b = job('instance-b');
    assert.equal((await a.runOnce()).kind, 'ran');
    assert.deepEqual(await b.runOnce(), { kind: 'leaseHeldElsewhere' });
    await a.stop();
    assert.equal((await b.runOnce()).kind, 'notDue', 'a stopped instance frees the lease; the last run is remembered in the store');
    await b.stop();
    h.clock.advance(INTERVAL_MINUTES * 60_000);
    const restarted = job('instance-a2');
    assert.equal((await restarted.runOnce()).kind, 'ran');
    assert.equal((await job('instance-a3').runOnce()).kind, 'leaseHeldElsewhere');
    await restarted.stop();
    assert.deepEqual(h.directoryAccounts.calls, ['disable:guest-1'], 'never twice');
  });

  it('a run taken over from a stalled instance shares its cap: together they remove at most maxRemovalsPerRun', async () => {
    const { h, job } = await setup({ maxRemovalsPerRun: 1 });
    const draft = governedGuest({ userId: 'guest-2', address: 'b@fabrikam.com', accessEndsAt: '2026-11-21T09:00:00.000Z' });
    await h.guests.create({ ...draft, dueAt: nextAction(draft, h.lifecycle, h.clock.now()).at });
    h.directoryAccounts.add(guestAccount({ id: 'guest-2', mail: 'b@fabrikam.com' }));
    let release!: () => void;
    const stalled = new Promise<void>((resolve) => (release = resolve));
    const setAccountEnabled = h.directoryAccounts.setAccountEnabled;
    h.directoryAccounts.setAccountEnabled = (async (userId: string, enabled: boolean) => {
      await stalled;
      return setAccountEnabled(userId, enabled);
    }) as typeof setAccountEnabled;

    const a = job('instance-a');
    const first = a.runOnce();
    while (!(await h.guests.get('guest-1'))?.value.pendingEffect) await new Promise((resolve) => setImmediate(resolve));
    h.clock.advance(4 * 60_000);
    const b = job('instance-b');
    const second = b.runOnce();
    // B has read the last run (none yet) and the accounts before A, released, records its own run.
    while (h.directoryAccounts.getAccounts.callCount < 2) await new Promise((resolve) => setImmediate(resolve));
    release();
    const rounds = await Promise.all([first, second]);

    assert.deepEqual(rounds.map((round) => round.kind), ['ran', 'ran'], 'the lease was taken over');
    assert.deepEqual([...new Set(h.directoryAccounts.calls)], ['disable:guest-1'], 'one removal in all');
    assert.equal((await h.guests.get('guest-2'))!.value.state, 'active', 'left for the next run');
    await a.stop();
    await b.stop();
  });

  it('in report-only mode changes nothing', async () => {
    const { h, job } = await setup({ enforcement: 'reportOnly' });
    const round = await job('instance-a').runOnce();
    assert.ok(round.kind === 'ran');
    assert.deepEqual(round.report.actions.map((action) => [action.action, action.done]), [['disable', false]]);
    assert.deepEqual(h.directoryAccounts.calls, []);
  });

  it('says in its readiness note that last sign-ins cannot be read, and a failed run is retried', async () => {
    const { h, job } = await setup({ inactiveDays: 90 });
    const lifecycle = job('instance-a');
    assert.equal(lifecycle.readinessNote(), undefined);
    h.directoryAccounts.signIns = { available: false, why: 'forbidden' };
    assert.equal((await lifecycle.runOnce()).kind, 'ran');
    assert.match(lifecycle.readinessNote() ?? '', /signInActivity forbidden/);
    h.clock.advance(INTERVAL_MINUTES * 60_000);
    const listDue = h.guests.listDue.bind(h.guests);
    h.guests.listDue = async () => {
      throw new Error('store down');
    };
    assert.deepEqual(await lifecycle.runOnce(), { kind: 'failed' });
    h.guests.listDue = listDue;
    assert.equal((await lifecycle.runOnce()).kind, 'ran', 'a failed run is not recorded as run');
    await lifecycle.stop();
  });
});
