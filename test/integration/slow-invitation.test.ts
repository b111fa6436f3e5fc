import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { InstanceHeartbeat } from '../../src/jobs/instance-heartbeat';
import { BotHarness } from './bot-harness';
import { LifecycleBot, startLifecycleBot } from './lifecycle-setup';

const INVITATIONS = '/v1.0/invitations';
const USERS = '/v1.0/users';

/** Checks `condition` until it holds (the test's timeout bounds the wait). */
async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await sleep(20);
}

/**
 * Graph keeps this instance's POST /invitations waiting (throttled, slow) for longer than a minute of the bot's
 * clock. The housekeeping round that comes meanwhile must leave the request to the live instance: resuming it
 * would find no guest yet (the first call has not landed) and invite a second time.
 */
describe('an invitation Graph holds for minutes', () => {
  let t: LifecycleBot;
  let bot: BotHarness;
  let presence: InstanceHeartbeat;

  beforeEach(async () => {
    t = await startLifecycleBot();
    bot = t.bot;
    presence = new InstanceHeartbeat(bot.app.store.leases, () => t.clock.now());
    await presence.start();
    bot.app.invitations.instances = presence;
  });
  afterEach(async () => {
    presence.stop();
    await bot.stop();
  });

  it('is not resumed by housekeeping while its instance runs, and the guest is invited once', async () => {
    const postsBefore = bot.simulator.requestsTo('POST', INVITATIONS).length;
    let release = bot.simulator.hold({ method: 'POST', pathPrefix: INVITATIONS });
    try {
      const answered = t.say('invite slow@tailspin.com Slow Guest');
      await until(async () => (await bot.app.store.requests.list({ states: ['inviting'] })).length === 1);
      const lookupsBefore = bot.simulator.requestsTo('GET', USERS).length;

      t.clock.advance(5 * 60_000);
      let roundDone = false;
      const round = bot.app.housekeeping.runOnce().then(() => ((roundDone = true), 'left alone' as const));
      // A resuming round looks the guest up first, then invites (and would wait on the held POST like the first).
      const looked = () => bot.simulator.requestsTo('GET', USERS).length > lookupsBefore;
      const resuming = until(() => roundDone || looked()).then(() => (looked() ? ('resuming' as const) : ('left alone' as const)));
      assert.equal(await Promise.race([round, resuming]), 'left alone');
      assert.equal((await bot.app.store.requests.list({ states: ['inviting'] })).length, 1, 'still the live instance’s');

      release();
      release = () => undefined;
      await answered;
      await bot.app.housekeeping.runOnce();
      assert.equal(bot.simulator.requestsTo('POST', INVITATIONS).length - postsBefore, 1, 'exactly one POST /invitations');
      const [request] = await bot.app.store.requests.list({ states: ['invited'] });
      assert.equal(request?.value.invitation.email, 'slow@tailspin.com');
    } finally {
      release();
    }
  });
});
