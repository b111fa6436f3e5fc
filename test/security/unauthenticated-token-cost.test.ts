import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import sinon from 'sinon';
import { SkillValidation } from 'botframework-connector';
// The SDK's list of emulator and skill token issuers, one array for the whole process.
import { ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector/lib/auth/tokenValidationParameters';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { GuestPassBotAuthentication } from '../../src/teams/sso/bot-authentication';
import { BotHarness } from '../integration/bot-harness';
import { personalMessage } from '../support/teams-activities';

const BOT_APP_ID = '0b07b07b-0000-4000-8000-0000000c0575';
const BOT_APP_PASSWORD = 'bot-app-password-for-token-cost-tests';
const base64Url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned token: anyone can write one, so nothing in it may cost the bot more than a glance. */
const unsigned = (claims: Record<string, unknown>) => `Bearer ${base64Url({ alg: 'RS256', typ: 'JWT' })}.${base64Url(claims)}.c2ln`;
const issuers = () => ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[];

/**
 * botframework-connector reads the claims of a token before checking its signature. Two of those reads cost in
 * proportion to what the caller sends: a token of a tenant the SDK has not seen adds that tenant's issuers to a
 * process-wide list, for good (and every later token is compared with the whole list); and the skill check copies
 * the claims once per claim, so a token of a thousand claims holds the event loop for most of a second.
 */
describe('an unauthenticated token costs the bot little', () => {
  let bot: BotHarness;
  let consoleError: sinon.SinonStub;

  before(async () => {
    bot = await BotHarness.start({
      env: {
        MicrosoftAppId: BOT_APP_ID,
        MicrosoftAppPassword: BOT_APP_PASSWORD,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: SANDBOX_IDS.tenant,
      },
    });
  });
  after(() => bot?.stop());
  beforeEach(() => {
    consoleError = sinon.stub(console, 'error');
  });
  afterEach(() => sinon.restore());

  it('keeps no trace of the tenants named in refused tokens', async () => {
    const before = issuers().length;
    for (let i = 0; i < 20; i++) {
      const tid = randomBytes(2048).toString('hex');
      const activity = personalMessage('help', bot.activityOptions({ conversationId: `a:tid-${i}` }));
      const response = await bot.send(activity, unsigned({ iss: `https://sts.windows.net/${tid}/`, tid, aud: BOT_APP_ID }));
      assert.equal(response.status, 401);
    }
    assert.equal(issuers().length, before, 'the list of accepted issuers grew');
    assert.equal(bot.connector.activities.length, 0);
    assert.ok(consoleError.called);
  });

  it('still knows the issuers of its own tenant, for the Emulator with a single-tenant identity', () => {
    assert.ok(issuers().includes(`https://sts.windows.net/${SANDBOX_IDS.tenant}/`));
    assert.ok(issuers().includes(`https://login.microsoftonline.com/${SANDBOX_IDS.tenant}/v2.0`));
  });

  it('refuses a token of a thousand claims before the SDK copies them claim by claim', async () => {
    const claims: Record<string, unknown> = { iss: 'https://api.botframework.com', aud: BOT_APP_ID };
    for (let i = 0; i < 1000; i++) claims[`c${i}`] = 1;
    const isSkillToken = sinon.spy(SkillValidation, 'isSkillToken');
    const authentication = new GuestPassBotAuthentication({
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppPassword: BOT_APP_PASSWORD,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: SANDBOX_IDS.tenant,
    });
    const activity = personalMessage('help', bot.activityOptions());
    await assert.rejects(
      authentication.authenticateRequest(activity as never, unsigned(claims)),
      (error: Error & { statusCode?: number }) => error.statusCode === 401,
    );
    assert.equal(isSkillToken.callCount, 0, 'the SDK read the claims');
  });
});
