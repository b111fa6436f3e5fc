import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { REGISTRY } from '../../src/teams/handlers/registry';
import { BotProcess, REPO_ROOT } from '../support/bot-process';
import { ExternalServices } from '../support/external-services';
import { FakeBotFrameworkChannel } from '../support/fake-bot-framework-channel';
import { personalMessage, send } from '../support/teams-activities';

const BOT_APP_ID = 'c4a77e1a-0000-4000-8000-0000000b1acb';
const BOT_APP_PASSWORD = 'black-box-bot-password-never-logged';
const CHANNEL_SCOPE = 'https://api.botframework.com';

/**
 * The bot as an operator runs it: compiled by `npm run build`, started as `npm start` starts it (node dist/index.js)
 * in its own process, configured only through environment variables, with a bot identity. The Bot Framework's
 * signing keys and the login URL are local stand-ins named by the SDK's own setting names.
 */
const STALE_HANDLER_DIR = join(REPO_ROOT, 'dist', 'teams', 'handlers');
const STALE_HANDLER_FILE = 'stale-left-over-command.js';
const STALE_HANDLER = `exports.staleCommand = {
  command: 'stale-left-over', trigger: null, help: [{ usage: 'stale-left-over', descriptionKey: 'messages:help.help', rank: 9990 }],
  audience: 'anyone', graphRights: 'none', menu: [], handle: async () => undefined,
};
`;

describe('npm start with a bot identity, configured by environment variables only', function () {
  // One build for the whole file; tsc on a shared machine.
  this.timeout(240_000);
  let services: ExternalServices;
  let channel: FakeBotFrameworkChannel;
  let bot: BotProcess;

  before(async () => {
    // What an older build left: a handler file whose source is gone. Discovery reads every handler file in dist.
    mkdirSync(STALE_HANDLER_DIR, { recursive: true });
    writeFileSync(join(STALE_HANDLER_DIR, STALE_HANDLER_FILE), STALE_HANDLER);
    execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
    services = new ExternalServices();
    await services.start();
    services.entra.registerClient({ tenantId: SANDBOX_IDS.tenant, clientId: BOT_APP_ID, clientSecret: BOT_APP_PASSWORD });
    channel = new FakeBotFrameworkChannel(BOT_APP_ID);
    await channel.start();
    bot = await BotProcess.start({
      script: 'dist/index.js',
      env: services.botEnv({
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        ...channel.botIdentityEnv(BOT_APP_PASSWORD, SANDBOX_IDS.tenant, services.entra.authorityHost),
      }),
    });
  });
  after(async () => {
    await bot?.stop();
    await channel?.stop();
    await services?.stop();
  });

  it('accepts a correctly signed Teams message and replies with the token it got from the login URL', async () => {
    const serviceUrl = services.connector.serviceUrl;
    const activity = personalMessage('help', { serviceUrl, conversationId: 'a:black-box' });
    const response = await send(bot.url, activity, { authorization: `Bearer ${channel.token(serviceUrl)}` });
    assert.equal(response.status, 200, `answered ${response.status}: ${JSON.stringify(response.body)}\n${bot.output()}`);
    const [reply] = await services.connector.waitForActivities(1, { conversationId: 'a:black-box' });
    const [scheme, token = ''] = (reply!.authorization ?? '').split(' ');
    assert.equal(scheme, 'Bearer');
    assert.ok(services.entra.isValidToken(token, CHANNEL_SCOPE), 'issued by the local login URL for the channel');
    assert.equal(services.entra.decode(token).appid, BOT_APP_ID);
    const asked = services.entra.tokenRequests.filter((request) => request.clientId === BOT_APP_ID);
    assert.deepEqual(
      asked.map(({ tenantId, grantType, scope, status }) => ({ tenantId, grantType, scope, status })),
      [{ tenantId: SANDBOX_IDS.tenant, grantType: 'client_credentials', scope: `${CHANNEL_SCOPE}/.default`, status: 200 }],
    );
  });

  it('answers help with every command, each found in the compiled handler files', async () => {
    const serviceUrl = services.connector.serviceUrl;
    const response = await send(bot.url, personalMessage('help', { serviceUrl, conversationId: 'a:compiled-help' }), {
      authorization: `Bearer ${channel.token(serviceUrl)}`,
    });
    assert.equal(response.status, 200);
    const [reply] = await services.connector.waitForActivities(1, { conversationId: 'a:compiled-help' });
    const card = JSON.stringify(reply!.activity.attachments);
    const listed = REGISTRY.help.map((entry) => entry.usage).filter((usage) => card.includes(JSON.stringify(usage)));
    assert.deepEqual(listed, REGISTRY.help.map((entry) => entry.usage));
    assert.doesNotMatch(card, /stale-left-over/, 'a handler file of an older build is not served');
    assert.ok(!existsSync(join(STALE_HANDLER_DIR, STALE_HANDLER_FILE)), 'the build starts from an empty dist');
  });

  it('answers 401 to a token signed by a key the channel did not publish, and replies nothing', async () => {
    const serviceUrl = services.connector.serviceUrl;
    const before = services.connector.activities.length;
    const forged = channel.token(serviceUrl, { key: 'unpublished', kid: channel.keyId('teams') });
    const response = await send(bot.url, personalMessage('invite intruder@tailspin.com', { serviceUrl, conversationId: 'a:forged' }), {
      authorization: `Bearer ${forged}`,
    });
    assert.equal(response.status, 401);
    assert.equal(services.connector.activities.length, before, 'no reply');
  });

  it('logs at start-up which Bot Framework endpoints were set', () => {
    const line = bot.output().split('\n').find((entry) => entry.includes('"botChannel"'));
    assert.ok(line, `a configuration line naming the channel settings in:\n${bot.output()}`);
    assert.deepEqual(JSON.parse(line).botChannel, {
      ToBotFromChannelOpenIdMetadataUrl: channel.metadataUrl,
      ToChannelFromBotLoginUrl: `${services.entra.authorityHost}/${SANDBOX_IDS.tenant}`,
      ValidateAuthority: false,
    });
  });

  it('never writes its password or a token to its output', () => {
    assert.ok(!bot.output().includes(BOT_APP_PASSWORD), 'no password in the output');
    assert.ok(!/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/.test(bot.output()), 'no JWT in the output');
  });
});
