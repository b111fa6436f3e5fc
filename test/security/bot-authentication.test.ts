import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { AddressInfo } from 'node:net';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { BotHarness } from '../integration/bot-harness';
import { guardLoopbackOnly, NetworkGuard } from '../support/network-guard';
import { adaptiveCardActionInvoke, personalMessage } from '../support/teams-activities';

const BOT_APP_ID = '0b07b07b-0000-4000-8000-00000000b07e';
const BOT_APP_PASSWORD = 'bot-app-password-for-auth-tests';

/**
 * With a bot identity configured, only the Bot Connector may post to /api/messages: a request without a valid
 * Bot Framework token is refused with 401 before any bot logic runs. It must also be refused without a network
 * call (no signing-key download an anonymous caller could trigger at will).
 */
describe('the messaging endpoint when the bot has an identity', () => {
  let bot: BotHarness;
  let guard: NetworkGuard;
  let consoleError: sinon.SinonStub;
  let botPort: number;

  before(async () => {
    bot = await BotHarness.start({
      env: {
        MicrosoftAppId: BOT_APP_ID,
        MicrosoftAppPassword: BOT_APP_PASSWORD,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: SANDBOX_IDS.tenant,
      },
    });
    botPort = (bot.app.server.address() as AddressInfo).port;
  });
  after(() => bot?.stop());
  beforeEach(() => {
    guard = guardLoopbackOnly();
    // CloudAdapter prints each refusal with console.error; keep the test output readable, and check what it was.
    consoleError = sinon.stub(console, 'error');
  });
  afterEach(() => {
    guard.restore();
    consoleError.restore();
  });

  const credentials: [string, string | undefined][] = [
    ['no Authorization header', undefined],
    ['a garbage bearer token', 'Bearer garbage'],
    ['an empty bearer token', 'Bearer '],
    ['three dots that are not a JWT', 'Bearer a.b.c'],
    ['another scheme', 'Basic Z3Vlc3Q6cGFzcw=='],
  ];
  for (const [what, authorization] of credentials) {
    it(`answers 401 to a message with ${what}, runs nothing and calls nobody`, async () => {
      const started = performance.now();
      const response = await bot.send(personalMessage('invite intruder@tailspin.com', bot.activityOptions()), authorization);
      assert.equal(response.status, 401);
      assert.ok(performance.now() - started < 2000, 'refused at once, not after a network time-out');
      assertNothingHappened();
    });
  }

  it('answers 401 to a card action without a token', async () => {
    const invoke = adaptiveCardActionInvoke({ ...bot.activityOptions(), verb: 'invite.submit', data: { email: 'intruder@tailspin.com' } });
    assert.equal((await bot.send(invoke)).status, 401);
    assertNothingHappened();
  });

  function assertNothingHappened(): void {
    const outgoing = guard.attempts.filter((target) => target !== `127.0.0.1:${botPort}`);
    assert.deepEqual(outgoing, [], 'no connection other than the test’s own request');
    assert.equal(bot.simulator.requests.length, 0, 'no Graph call');
    assert.equal(bot.connector.activities.length, 0, 'no reply');
    assert.equal(bot.entra.tokenRequests.length, 0, 'no token requested');
    for (const call of consoleError.getCalls()) assert.match(String(call.args[0]), /Unauthorized/);
  }
});
