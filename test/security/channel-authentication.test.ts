import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { Activity } from 'botbuilder';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { BotHarness, StandIns } from '../integration/bot-harness';
import { ChannelTokenOptions, FakeBotFrameworkChannel } from '../support/fake-bot-framework-channel';
import type { RecordedActivity } from '../support/fake-bot-connector';
import { channelMessage, personalMessage, TEAMS_TEST_USERS } from '../support/teams-activities';

// Its own app id: the SDK caches the bot's outbound token per app id and scope for the whole process.
const BOT_APP_ID = 'c4a77e1a-0000-4000-8000-0000000c4a77';
const BOT_APP_PASSWORD = 'channel-authentication-test-password';
const CHANNEL_SCOPE = 'https://api.botframework.com';
const { megan, adele } = TEAMS_TEST_USERS;

/**
 * A bot with an identity, as Teams reaches it: the real server, the SDK checking each token against the signing
 * keys of a local stand-in of the Bot Framework's OpenID metadata (JWKS with endorsements), and answering through
 * the fake Bot Connector with a token the bot obtained from a local Entra ID token endpoint (the login URL).
 * The issuer and the outbound scope are the public cloud's, filled in by GuestPass around the endpoints the test
 * overrides.
 */
describe('a bot with an identity and the Bot Framework channel', () => {
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
      policy: {
        approval: { rule: 'untrustedDomains', trustedDomains: ['tailspin.com'] },
        approvers: { users: [adele.aadObjectId], groups: [] },
        admins: { users: [], groups: [] },
      },
      env: {
        ...channel.botIdentityEnv(BOT_APP_PASSWORD, SANDBOX_IDS.tenant, standIns.entra.authorityHost),
        // The setting whose presence used to leave every other endpoint undefined, under its earlier name.
        BOT_OAUTH_URL: 'https://europe.token.botframework.com',
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
    // CloudAdapter prints each refusal with console.error; keep the output readable.
    consoleError = sinon.stub(console, 'error');
  });
  afterEach(() => consoleError.restore());

  const serviceUrl = () => standIns.connector.serviceUrl;
  const tokenFor = (options: ChannelTokenOptions = {}) => `Bearer ${channel.token(serviceUrl(), options)}`;

  /** The bot's own token on a call it made: issued by the local Entra ID to the bot's app, for the channel. */
  function assertBotToken(recorded: RecordedActivity | undefined): void {
    const authorization = recorded?.authorization ?? '';
    const [scheme, token = ''] = authorization.split(' ');
    assert.equal(scheme, 'Bearer', `a bearer token on the call, got ${JSON.stringify(authorization)}`);
    assert.ok(standIns.entra.isValidToken(token, CHANNEL_SCOPE), 'signed by the local token endpoint, unexpired, for the channel');
    const claims = standIns.entra.decode(token);
    assert.equal(claims.appid, BOT_APP_ID);
    assert.equal(claims.tid, SANDBOX_IDS.tenant);
    const requests = standIns.entra.tokenRequests.filter((request) => request.clientId === BOT_APP_ID);
    assert.ok(requests.length >= 1, 'the bot asked the configured login URL for it');
    for (const request of requests) {
      assert.equal(request.tenantId, SANDBOX_IDS.tenant);
      assert.equal(request.grantType, 'client_credentials');
      assert.equal(request.scope, `${CHANNEL_SCOPE}/.default`);
      assert.equal(request.clientAuthentication, 'client_secret');
      assert.equal(request.status, 200);
    }
  }

  async function sendAs(activity: Partial<Activity>, authorization: string) {
    return bot.send(activity, authorization);
  }

  it('accepts a correctly signed Teams request and replies with the bot\'s own bearer token', async () => {
    const activity = personalMessage('help', bot.activityOptions({ conversationId: 'a:megan-accepted' }));
    const response = await sendAs(activity, tokenFor());
    assert.equal(response.status, 200, `answered ${response.status}: ${JSON.stringify(response.body)}`);
    const [reply] = await standIns.connector.waitForActivities(1, { conversationId: 'a:megan-accepted' });
    assert.equal(reply!.operation, 'reply');
    assertBotToken(reply);
    assert.deepEqual(channel.requests, ['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys'], 'keys fetched once from the metadata');
  });

  it('sends proactive approval cards with the bot\'s bearer token too', async () => {
    const approverChat = 'a:adele-personal';
    const hello = await sendAs(personalMessage('help', bot.activityOptions({ from: adele, conversationId: approverChat })), tokenFor());
    assert.equal(hello.status, 200);
    await standIns.connector.waitForActivities(1, { conversationId: approverChat });

    const request = await sendAs(channelMessage('invite x@untrusted.org --no-email', bot.activityOptions({ from: megan })), tokenFor());
    assert.equal(request.status, 200);
    // Sent into Adele's chat during Megan's turn: a proactive message, on a connector the bot made for it.
    const isApprovalCard = (recorded: RecordedActivity) => /"verb":"request\.refresh"/.test(JSON.stringify(recorded.activity));
    const [approvalCard] = await standIns.connector.waitForActivities(1, { conversationId: approverChat, where: isApprovalCard });
    assertBotToken(approvalCard);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refusals: [string, () => ChannelTokenOptions][] = [
    ['another issuer', () => ({ claims: { iss: 'https://api.botframework.us' } })],
    ['no issuer', () => ({ claims: { iss: undefined } })],
    ['another audience', () => ({ claims: { aud: '0b07b07b-0000-4000-8000-0000000000ff' } })],
    ['no audience', () => ({ claims: { aud: undefined } })],
    ['an expiry an hour ago', () => ({ claims: { nbf: now() - 7200, exp: now() - 3600 } })],
    ['a start an hour from now', () => ({ claims: { nbf: now() + 3600, exp: now() + 7200 } })],
    ['a signature by another key under a published key id', () => ({ key: 'unpublished', kid: channel.keyId('teams') })],
    ['a key that is not published', () => ({ key: 'unpublished' })],
    ['a key not endorsed for Teams', () => ({ key: 'unendorsed' })],
    ['alg none', () => ({ alg: 'none' })],
    ['HS256 keyed with the published public key', () => ({ alg: 'HS256' })],
    ['a serviceurl other than the activity\'s', () => ({ claims: { serviceurl: 'https://smba.trafficmanager.net/amer/' } })],
    ['no serviceurl', () => ({ claims: { serviceurl: undefined } })],
  ];
  for (const [what, options] of refusals) {
    it(`answers 401, runs nothing and replies nothing to a token with ${what}`, async () => {
      const graphCalls = bot.simulator.requests.length;
      const activity = personalMessage('invite intruder@tailspin.com', bot.activityOptions({ conversationId: 'a:refused' }));
      const response = await sendAs(activity, tokenFor(options()));
      assert.equal(response.status, 401, `answered ${response.status}: ${JSON.stringify(response.body)}`);
      assert.equal(bot.simulator.requests.length, graphCalls, 'no Graph call');
      assert.equal(standIns.connector.activities.length, 0, 'no reply');
    });
  }

  it('still accepts the genuine token after the refusals (no key was dropped)', async () => {
    const response = await sendAs(personalMessage('help', bot.activityOptions({ conversationId: 'a:after' })), tokenFor());
    assert.equal(response.status, 200);
    await standIns.connector.waitForActivities(1, { conversationId: 'a:after' });
  });
});

/**
 * US Government: ChannelService picks the cloud, and the endpoints the operator does not set (here the token
 * issuer and the outbound scope) are that cloud's, not the public cloud's.
 */
describe('a bot with an identity in US Government, with two endpoints overridden', () => {
  const GOVERNMENT_APP_ID = 'c4a77e1a-0000-4000-8000-00000000a5a5';
  const GOVERNMENT_ISSUER = 'https://api.botframework.us';
  let standIns: StandIns;
  let channel: FakeBotFrameworkChannel;
  let bot: BotHarness;
  let consoleError: sinon.SinonStub;

  before(async () => {
    standIns = await StandIns.start();
    standIns.entra.registerClient({ tenantId: SANDBOX_IDS.tenant, clientId: GOVERNMENT_APP_ID, clientSecret: BOT_APP_PASSWORD });
    channel = new FakeBotFrameworkChannel(GOVERNMENT_APP_ID, GOVERNMENT_ISSUER);
    await channel.start();
    bot = await BotHarness.start({
      standIns,
      env: {
        ...channel.botIdentityEnv(BOT_APP_PASSWORD, SANDBOX_IDS.tenant, standIns.entra.authorityHost),
        ChannelService: 'https://botframework.azure.us',
      },
    });
  });
  after(async () => {
    await bot?.stop();
    await channel?.stop();
    await standIns?.stop();
  });
  beforeEach(() => {
    consoleError = sinon.stub(console, 'error');
  });
  afterEach(() => consoleError.restore());

  it('accepts a token of the US Government issuer and asks for a token for the US Government channel', async () => {
    const serviceUrl = standIns.connector.serviceUrl;
    const activity = personalMessage('help', bot.activityOptions({ conversationId: 'a:gov-accepted' }));
    const response = await bot.send(activity, `Bearer ${channel.token(serviceUrl)}`);
    assert.equal(response.status, 200, `answered ${response.status}: ${JSON.stringify(response.body)}`);
    const [reply] = await standIns.connector.waitForActivities(1, { conversationId: 'a:gov-accepted' });
    const token = (reply!.authorization ?? '').replace(/^Bearer /, '');
    assert.ok(standIns.entra.isValidToken(token, GOVERNMENT_ISSUER), 'a token for https://api.botframework.us');
    const asked = standIns.entra.tokenRequests.filter((request) => request.clientId === GOVERNMENT_APP_ID);
    assert.deepEqual([...new Set(asked.map((request) => request.scope))], ['https://api.botframework.us/.default']);
  });

  it('refuses a token of the public cloud\'s issuer with 401', async () => {
    const serviceUrl = standIns.connector.serviceUrl;
    const activity = personalMessage('help', bot.activityOptions({ conversationId: 'a:gov-refused' }));
    const response = await bot.send(activity, `Bearer ${channel.token(serviceUrl, { claims: { iss: 'https://api.botframework.com' } })}`);
    assert.equal(response.status, 401);
  });
});
