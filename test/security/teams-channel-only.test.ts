import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { Activity } from 'botbuilder';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { BotHarness, StandIns } from '../integration/bot-harness';
import { FakeBotFrameworkChannel } from '../support/fake-bot-framework-channel';
import { adaptiveCardActionInvoke, personalMessage, TEAMS_TEST_USERS } from '../support/teams-activities';

// Its own app id: the SDK caches the bot's outbound token per app id and scope for the whole process.
const BOT_APP_ID = 'c4a77e1a-0000-4000-8000-00000000c0c0';
const BOT_APP_PASSWORD = 'teams-channel-only-test-password';
const { megan } = TEAMS_TEST_USERS;

/**
 * Only Teams vouches for who is writing: its Bot Connector fills `from.aadObjectId` and the tenant. The Bot
 * Framework signs activities of every channel of the bot's registration with the same keys (Web Chat is on by
 * default, and in Web Chat and Direct Line the client writes `from` and `channelData` itself), so a correctly
 * signed activity of another channel must not act for the person it names.
 */
describe('activities of channels other than Teams', () => {
  let standIns: StandIns;
  let channel: FakeBotFrameworkChannel;
  let bot: BotHarness;
  let consoleError: sinon.SinonStub;

  before(async () => {
    standIns = await StandIns.start();
    standIns.entra.registerClient({ tenantId: SANDBOX_IDS.tenant, clientId: BOT_APP_ID, clientSecret: BOT_APP_PASSWORD });
    channel = new FakeBotFrameworkChannel(BOT_APP_ID);
    await channel.start();
    bot = await BotHarness.start({
      standIns,
      env: {
        ...channel.botIdentityEnv(BOT_APP_PASSWORD, SANDBOX_IDS.tenant, standIns.entra.authorityHost),
      },
    });
  });
  after(async () => {
    await bot?.stop();
    await channel?.stop();
    await standIns?.stop();
  });
  beforeEach(() => {
    standIns.connector.reset();
    consoleError = sinon.stub(console, 'error');
  });
  afterEach(() => consoleError.restore());

  const signed = () => `Bearer ${channel.token(standIns.connector.serviceUrl)}`;
  const fromChannel = (activity: Partial<Activity>, channelId: string) => ({ ...activity, channelId });

  it('invites for a correctly signed Teams message (the accepted path)', async () => {
    const before = bot.invitationPosts().length;
    const activity = personalMessage('invite teams.guest@tailspin.com --no-email', bot.activityOptions({ from: megan, conversationId: 'a:teams' }));
    const response = await bot.send(activity, signed());
    assert.equal(response.status, 200);
    await standIns.connector.waitForActivities(1, { conversationId: 'a:teams' });
    assert.equal(bot.invitationPosts().length, before + 1);
  });

  for (const channelId of ['webchat', 'directline', 'emulator', 'MSTeams']) {
    it(`acts on nothing in a correctly signed ${channelId} message that names a Teams user, and says why`, async () => {
      const before = bot.invitationPosts().length;
      const conversationId = `a:${channelId}`;
      const activity = fromChannel(personalMessage('invite webchat.guest@tailspin.com --no-email', bot.activityOptions({ from: megan, conversationId })), channelId);
      const response = await bot.send(activity, signed());
      assert.ok(response.status < 500, `answered ${response.status}`);
      // A Teams message in another conversation afterwards: its answer shows the first turn is over.
      const after = `a:after-${channelId}`;
      assert.equal((await bot.send(personalMessage('help', bot.activityOptions({ from: megan, conversationId: after })), signed())).status, 200);
      await standIns.connector.waitForActivities(1, { conversationId: after });
      assert.equal(bot.invitationPosts().length, before, 'no invitation');
      const answers = standIns.connector.activities.filter((recorded) => recorded.conversationId === conversationId);
      // The SDK refuses a channel its signing key is not endorsed for (401) before the bot sees it.
      if (response.status === 200) assert.match(String(answers[0]?.activity.text), /only in Microsoft Teams/, 'told why');
      assert.ok(answers.length <= 1, 'nothing but the refusal');
    });
  }

  it('refuses a correctly signed card action from Web Chat', async () => {
    const activity = fromChannel(
      adaptiveCardActionInvoke({ ...bot.activityOptions({ from: megan, conversationId: 'a:webchat-invoke' }), verb: 'request.refresh', data: {} }),
      'webchat',
    );
    const response = await bot.send(activity, signed());
    assert.equal(response.status, 403, `answered ${response.status}: ${JSON.stringify(response.body)}`);
  });
});
