import assert from 'node:assert/strict';
import * as http from 'node:http';
import { GovernedGuest } from '../../src/invitation/lifecycle/governed-guest';
import { DEFAULT_LIFECYCLE_POLICY } from '../../src/invitation/lifecycle/lifecycle-policy';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { BotHarness } from './bot-harness';

function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

/** Alex (an accepted guest of the sandbox directory) as if GuestPass had invited him, his access ended yesterday. */
function alex(now: Date): GovernedGuest {
  return {
    userId: SANDBOX_IDS.users.alexAccepted,
    address: 'alex@northwind.com',
    requestId: 'REQALEX1',
    invitedAt: new Date(now.getTime() - 14 * 86_400_000).toISOString(),
    sponsorIds: [SANDBOX_IDS.users.adele],
    accessEndsAt: new Date(now.getTime() - 86_400_000).toISOString(),
    redemption: 'accepted',
    state: 'active',
    dueAt: new Date(now.getTime() - 86_400_000).toISOString(),
    history: [],
  };
}

/** The lifecycle job through the real Graph client against the simulator, in the default report-only mode. */
describe('the guest lifecycle run through Graph', () => {
  let bot: BotHarness | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('reports what it would do, changes no account, and says in /readyz that last sign-ins are forbidden', async () => {
    bot = await BotHarness.start({ policy: { lifecycle: { ...DEFAULT_LIFECYCLE_POLICY, inactiveDays: 30 } } });
    bot.simulator.directory.premium = false;
    const lifecycle = bot.app.invitations.lifecycle!;
    await lifecycle.guests.create(alex(new Date()));

    const before = await getJson(`${bot.botUrl}/readyz`);
    assert.equal(before.body.notes, undefined, 'nothing to say before a run');
    const round = await bot.app.lifecycleJob!.runOnce();
    assert.ok(round.kind === 'ran');
    assert.equal(round.report.enforcement, 'reportOnly');
    assert.equal(round.report.signInActivity, 'forbidden');
    assert.deepEqual(
      round.report.actions.map((action) => [action.userId, action.action, action.reason, action.done]),
      [[SANDBOX_IDS.users.alexAccepted, 'disable', 'accessEnded', false]],
    );
    assert.equal(bot.simulator.directory.findUser(SANDBOX_IDS.users.alexAccepted)?.accountEnabled ?? true, true, 'the account is untouched');
    const writes = bot.simulator.requests.filter((request) => request.method !== 'GET' && !request.path.endsWith('/$batch'));
    assert.deepEqual(writes.map((request) => `${request.method} ${request.path}`), [], 'report-only sends Graph no write');

    const ready = await getJson(`${bot.botUrl}/readyz`);
    assert.equal(ready.status, 200, 'a feature the tenant cannot have does not make the bot unready');
    assert.match(String((ready.body.notes as Record<string, string>).guestLifecycle), /signInActivity forbidden/);
  });

  it('reads last sign-ins where the tenant allows it, and then has nothing to note', async () => {
    bot = await BotHarness.start({ policy: { lifecycle: { ...DEFAULT_LIFECYCLE_POLICY, inactiveDays: 30 } } });
    await bot.app.invitations.lifecycle!.guests.create(alex(new Date()));
    const round = await bot.app.lifecycleJob!.runOnce();
    assert.ok(round.kind === 'ran');
    assert.equal(round.report.signInActivity, 'available');
    assert.equal((await getJson(`${bot.botUrl}/readyz`)).body.notes, undefined);
  });

  it('sends every Graph request of a run through the lifecycle pacer, reads in $batch, and disables the account', async () => {
    bot = await BotHarness.start({
      appRoles: ['User.Invite.All', 'User.ReadWrite.All'],
      policy: { lifecycle: { ...DEFAULT_LIFECYCLE_POLICY, enforcement: 'enforce' } },
    });
    await bot.app.invitations.lifecycle!.guests.create(alex(new Date()));
    let paced = 0;
    bot.app.lifecyclePacer.onStart(() => paced++);
    const before = bot.simulator.requests.length;
    const round = await bot.app.lifecycleJob!.runOnce();
    assert.ok(round.kind === 'ran');
    assert.deepEqual(round.report.actions.map((action) => [action.action, action.done]), [['disable', true]]);
    const sent = bot.simulator.requests.slice(before).filter((request) => request.batchItemId === undefined);
    assert.ok(sent.some((request) => request.path.endsWith('/$batch')), 'accounts are read in a JSON batch');
    assert.ok(sent.some((request) => request.method === 'PATCH'));
    assert.equal(paced, sent.length, 'each request the simulator saw was started by the pacer');
    assert.equal(bot.simulator.directory.findUser(SANDBOX_IDS.users.alexAccepted)?.accountEnabled, false);
  });
});
