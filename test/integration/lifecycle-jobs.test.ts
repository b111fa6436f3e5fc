import assert from 'node:assert/strict';
import { submitInvitation } from '../../src/invitation/submit-invitation';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import type { ControlledClock } from '../invitation/fixtures';
import { BotHarness, cardOf, cardText } from './bot-harness';
import { LifecycleBot, megan, MEGAN_PERSONAL, startLifecycleBot } from './lifecycle-setup';

/** What happens after the turn: group additions that waited for replication, and the redemption watcher. */
describe('the guest lifecycle in the background, end to end', () => {
  let t: LifecycleBot;
  let bot: BotHarness;
  let clock: ControlledClock;
  const start = async () => {
    t = await startLifecycleBot();
    ({ bot, clock } = t);
  };
  afterEach(() => bot.stop());
  const say: LifecycleBot['say'] = (...args) => t.say(...args);
  const guestId = (address: string) => t.guestId(address);

  describe('groups and teams', () => {
    beforeEach(() => start());

    it('adds the new guest, retries with back-off while the guest is not replicated, and tells the requester', async () => {
      bot.simulator.enqueueFault(
        { method: 'POST', pathPrefix: `/v1.0/groups/${SANDBOX_IDS.projectGroup}/members` },
        { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: "Resource does not exist or one of its queried reference-property objects are not present." } } },
      );
      const [reply] = await say(`invite grp@tailspin.com Group Guest --group "project falcon" --group ${SANDBOX_IDS.partnersTeam}`);
      const text = cardText(cardOf(reply));
      assert.match(text, /Project Falcon \(group\): not possible yet/);
      assert.match(text, /Contoso Partners \(team\): added/);
      const guest = guestId('grp@tailspin.com');
      assert.ok(bot.simulator.directory.findGroup(SANDBOX_IDS.partnersTeam)!.memberIds.includes(guest));
      assert.ok(!bot.simulator.directory.findGroup(SANDBOX_IDS.projectGroup)!.memberIds.includes(guest));

      await bot.app.housekeeping.runOnce();
      assert.equal(bot.simulator.requestsTo('POST', `/v1.0/groups/${SANDBOX_IDS.projectGroup}/members`).length, 1, 'not before the back-off');

      clock.advance(61_000);
      const before = bot.connector.activities.filter((a) => a.conversationId === MEGAN_PERSONAL).length;
      await bot.app.housekeeping.runOnce();
      const [news] = (await bot.connector.waitForActivities(before + 1, { conversationId: MEGAN_PERSONAL })).slice(before);
      assert.match(cardText(cardOf(news)), /Project Falcon \(group\): added/);
      assert.ok(bot.simulator.directory.findGroup(SANDBOX_IDS.projectGroup)!.memberIds.includes(guest));

      const [request] = await bot.app.store.requests.list({ states: ['invited'] });
      assert.deepEqual(request!.value.result?.groups?.map((group) => [group.displayName, group.state]), [['Project Falcon', 'added'], ['Contoso Partners', 'added']]);
      const audited = (await bot.app.store.audit.latest(20)).filter((entry) => entry.event === 'group.member.added');
      assert.equal(audited.length, 2);
    });

    it("adds the guest to the team's Microsoft 365 group when the Teams API refuses, and tells the requester", async () => {
      bot.simulator.enqueueFault(
        { method: 'POST', pathPrefix: `/v1.0/teams/${SANDBOX_IDS.partnersTeam}/members` },
        { status: 403, body: { error: { code: 'Forbidden', message: 'Insufficient privileges to add a guest.' } } },
      );
      const [reply] = await say(`invite teamguest@tailspin.com Team Guest --group ${SANDBOX_IDS.partnersTeam}`);
      assert.match(cardText(cardOf(reply)), /Contoso Partners \(team\): the team did not take the guest directly, so I added them to the team's Microsoft 365 group; they will appear in the team shortly/);
      const guest = guestId('teamguest@tailspin.com');
      assert.ok(bot.simulator.directory.findGroup(SANDBOX_IDS.partnersTeam)!.memberIds.includes(guest));
      assert.equal(bot.simulator.requestsTo('POST', `/v1.0/groups/${SANDBOX_IDS.partnersTeam}/members/$ref`).length, 1);
      const [request] = await bot.app.store.requests.list({ states: ['invited'] });
      assert.deepEqual(request!.value.result?.groups?.map((group) => group.state), ['addedToTeamGroup']);
    });

    it('names the offered groups when --group names another', async () => {
      const [reply] = await say('invite g2@tailspin.com --group Finance');
      assert.match(reply?.activity.text ?? '', /No group or team offered for guests is called Finance\. You can choose: Project Falcon, Contoso Partners/);
      assert.equal(bot.invitationPosts().length, 0);
    });
  });

  describe('redemption notice', () => {
    beforeEach(() => start());

    it('tells the requester in their chat when the guest accepts, once', async () => {
      await say('invite watch@tailspin.com Wanda Watch');
      assert.equal((await bot.app.redemptionWatcher.runOnce()).kind, 'ran');
      bot.simulator.directory.acceptInvitation(guestId('watch@tailspin.com'));
      clock.advance(15 * 60_000);
      const before = bot.connector.activities.filter((a) => a.conversationId === MEGAN_PERSONAL).length;
      assert.deepEqual(await bot.app.redemptionWatcher.runOnce(), { kind: 'ran', watched: 1, accepted: 1, gone: 0 });
      const [news] = (await bot.connector.waitForActivities(before + 1, { conversationId: MEGAN_PERSONAL })).slice(before);
      assert.match(cardText(cardOf(news)), /Wanda Watch accepted your invitation/);
      assert.ok(bot.simulator.requestsTo('POST', '/v1.0/$batch').length >= 2, 'guests are checked in JSON batches');

      clock.advance(15 * 60_000);
      assert.deepEqual(await bot.app.redemptionWatcher.runOnce(), { kind: 'ran', watched: 0, accepted: 0, gone: 0 });
      assert.equal(bot.connector.activities.filter((a) => a.conversationId === MEGAN_PERSONAL).length, before + 1, 'told once');
    });

    it('tells the requester in their personal chat when the request came from outside a chat (the command line)', async () => {
      await say('help');
      const requester = { id: megan.aadObjectId, displayName: megan.name };
      const outcome = await submitInvitation(bot.app.invitations, { email: 'cli@tailspin.com', sendEmail: true, userType: 'Guest' }, requester);
      assert.ok(outcome.kind === 'invited' && outcome.request.replyTo === undefined);
      bot.simulator.directory.acceptInvitation(guestId('cli@tailspin.com'));
      const before = bot.connector.activities.filter((a) => a.conversationId === MEGAN_PERSONAL).length;
      assert.equal((await bot.app.redemptionWatcher.runOnce()).kind, 'ran');
      const [news] = (await bot.connector.waitForActivities(before + 1, { conversationId: MEGAN_PERSONAL })).slice(before);
      assert.match(cardText(cardOf(news)), /cli@tailspin\.com accepted your invitation/);
    });
  });
});
