import assert from 'node:assert/strict';
import sinon from 'sinon';
import { APPROVE } from '../../src/cards/verbs';
import { RunningAzurite, startAzurite, uniqueTablePrefix } from '../support/azurite';
import { sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import { adaptiveCardActionInvoke, directoryAccountOf, personalMessage, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';
import { BotHarness, StandIns } from './bot-harness';

const APPROVER_COUNT = 50;

/** 50 approvers named in the policy by Entra object id, as Teams sends it in `from.aadObjectId`. */
const approvers: TeamsUser[] = Array.from({ length: APPROVER_COUNT }, (_, i) => ({
  id: `29:1approver-${i}-teams-id`,
  name: `Approver ${i}`,
  aadObjectId: `00000000-0000-4000-8000-${(0xa000 + i).toString(16).padStart(12, '0')}`,
}));

/**
 * Scale-out: two complete bot instances (each its own HTTP server, adapter, caches and jobs) with STORE=table on
 * one Azurite and one table prefix, sharing one tenant (Graph simulator, Entra ID) and one Bot Connector, as two
 * App Service instances behind one bot registration do. Whatever must hold across instances has to hold here.
 */
describe('two bot instances sharing one table store', function () {
  let azurite: RunningAzurite;
  let standIns: StandIns;
  let instances: [BotHarness, BotHarness];

  before(async function () {
    this.timeout(60_000);
    azurite = await startAzurite();
    const seed = sandboxDirectorySeed();
    seed.users.push(...approvers.map((approver) => directoryAccountOf(approver)));
    standIns = await StandIns.start(seed);
    for (const approver of approvers) standIns.connector.addMember(approver);
    const env = {
      STORE: 'table',
      AZURE_TABLES_CONNECTION_STRING: azurite.connectionString,
      AZURE_TABLES_TABLE_PREFIX: uniqueTablePrefix('Scale'),
    };
    const policy = {
      approval: { rule: 'always' as const, trustedDomains: [] },
      approvers: { users: approvers.map((a) => a.aadObjectId), groups: [] },
    };
    const [a, b] = await Promise.all([BotHarness.start({ standIns, env, policy }), BotHarness.start({ standIns, env, policy })]);
    instances = [a, b];
  });

  after(async () => {
    for (const instance of instances ?? []) await instance.stop();
    await standIns?.stop();
    await azurite?.stop();
  });

  afterEach(() => sinon.restore());

  it('opened the configured table store on both instances', () => {
    assert.deepEqual(instances.map((i) => i.app.store.kind), ['table', 'table']);
  });

  it(`sends exactly one invitation when ${APPROVER_COUNT} approvers approve at once on both instances`, async () => {
    const [a, b] = instances;
    const megan = TEAMS_TEST_USERS.megan;
    const request = personalMessage('invite scaleout@tailspin.com Scale Out', a.activityOptions({ from: megan }));
    assert.equal((await a.send(request)).status, 200);

    // Instance B sees what instance A stored.
    const pending = await b.app.store.requests.list({ states: ['pendingApproval'] });
    assert.equal(pending.length, 1);
    const requestId = pending[0]!.value.id;
    const conversationId = request.conversation!.id;
    const newsBefore = standIns.connector.activities.filter((x) => x.conversationId === conversationId).length;

    const answers = await Promise.all(
      approvers.map((approver, i) => {
        const instance = instances[i % 2]!;
        return instance.send(adaptiveCardActionInvoke({ ...instance.activityOptions({ from: approver }), verb: APPROVE, data: { requestId } }));
      }),
    );

    assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200], 'every approver got an answer');
    assert.equal(standIns.simulator.requestsTo('POST', '/v1.0/invitations').length, 1, 'exactly one invitation');
    assert.equal(standIns.simulator.directory.invitations.length, 1);

    const stored = (await a.app.store.requests.get(requestId))!.value;
    assert.equal(stored.state, 'invited');
    assert.ok(approvers.some((approver) => approver.aadObjectId === stored.approval?.decidedBy?.id), 'decided by one of the approvers');
    assert.equal(stored.transitions.filter((t) => t.to === 'approved').length, 1);
    assert.deepEqual((await b.app.store.requests.get(requestId))!.value, stored);

    const events = (await b.app.store.audit.latest(100)).filter((e) => e.requestId === requestId).map((e) => e.event);
    assert.equal(events.filter((e) => e === 'request.approved').length, 1);
    assert.equal(events.filter((e) => e === 'graph.invitation.succeeded').length, 1);

    // Whichever instance won, it found the requester's conversation (saved by instance A) in the shared store.
    await standIns.connector.waitForActivities(newsBefore + 1, { conversationId });
  });

  it('runs housekeeping on one instance at a time, and hands it over once the holder stops', async () => {
    const [a, b] = instances;
    const spies = instances.map((instance) => ({
      lease: sinon.spy(instance.app.store.leases, 'tryAcquire'),
      list: sinon.spy(instance.app.store.requests, 'list'),
    }));

    await Promise.all([a.app.housekeeping.runOnce(), b.app.housekeeping.runOnce()]);
    const acquired = await Promise.all(spies.map((spy) => spy.lease.firstCall.returnValue));
    assert.deepEqual([...acquired].sort(), [false, true], 'one instance got the lease, the other was refused');
    const holder = acquired.indexOf(true);
    const other = 1 - holder;
    assert.ok(spies[holder]!.list.called, 'the lease holder did the round');
    assert.equal(spies[other]!.list.callCount, 0, 'the other did nothing');

    // The holder keeps the lease round after round while it runs...
    await Promise.all([a.app.housekeeping.runOnce(), b.app.housekeeping.runOnce()]);
    assert.equal(await spies[holder]!.lease.secondCall.returnValue, true);
    assert.equal(await spies[other]!.lease.secondCall.returnValue, false);
    assert.equal(spies[other]!.list.callCount, 0);

    // ...and an instance shutting down frees it for the other.
    await instances[holder]!.app.housekeeping.stop();
    await instances[other]!.app.housekeeping.runOnce();
    assert.equal(await spies[other]!.lease.thirdCall.returnValue, true);
    assert.ok(spies[other]!.list.called);
  });

  it('runs the redemption watcher on one instance at a time', async () => {
    const [a, b] = instances;
    const rounds = await Promise.all([a.app.redemptionWatcher.runOnce(), b.app.redemptionWatcher.runOnce()]);
    const refused = rounds.filter((round) => round.kind === 'leaseHeldElsewhere');
    assert.equal(refused.length, 1, JSON.stringify(rounds));
    assert.notEqual(rounds.find((round) => round.kind !== 'leaseHeldElsewhere')?.kind, 'failed', JSON.stringify(rounds));

    const again = await Promise.all([a.app.redemptionWatcher.runOnce(), b.app.redemptionWatcher.runOnce()]);
    assert.deepEqual(
      again.map((round) => round.kind === 'leaseHeldElsewhere'),
      rounds.map((round) => round.kind === 'leaseHeldElsewhere'),
      'the same instance keeps the watcher',
    );
  });
});
