import assert from 'node:assert/strict';
import * as http from 'node:http';
import { BotProcess } from '../support/bot-process';
import { ExternalServices } from '../support/external-services';
import { personalMessage, send } from '../support/teams-activities';
import { testCaIsTrusted } from '../support/tls';

/** SHUTDOWN_TIMEOUT_SECONDS in these tests, and the margin allowed for a loaded machine on top of it. */
const SHUTDOWN_SECONDS = 3;
const MARGIN_MS = 7_000;

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The bot as its own process, stopped the ways a host stops it: SIGTERM after the reader of its standard output
 * went away (a log shipper or parent that exited), and SIGTERM while a turn waits on a Graph call that hangs.
 */
describe('shutdown of the bot process', function () {
  this.timeout(60_000);
  let services: ExternalServices;
  let bot: BotProcess | undefined;

  before(async function () {
    if (!testCaIsTrusted()) this.skip();
    services = new ExternalServices();
    await services.start();
  });
  afterEach(async () => {
    await bot?.kill();
    bot = undefined;
  });
  after(() => services?.stop());

  const start = (extra: Record<string, string> = {}) =>
    BotProcess.start({
      script: 'src/index.ts',
      env: services.botEnv({ LOG_LEVEL: 'debug', SHUTDOWN_TIMEOUT_SECONDS: String(SHUTDOWN_SECONDS), ...extra }),
    });

  it('exits on SIGTERM after the reader of its stdout has gone', async () => {
    bot = await start();
    bot.closeStdout();
    const signalled = Date.now();
    bot.signal('SIGTERM');
    assert.ok(await bot.exitedWithin(SHUTDOWN_SECONDS * 1000 + MARGIN_MS), `still running ${Date.now() - signalled} ms after SIGTERM`);
    assert.equal(bot.code, 0, 'nothing was in flight: a clean exit');
  });

  it('goes on answering after its stdout reader has gone, says so once on stderr, and exits on SIGTERM', async () => {
    bot = await start();
    bot.closeStdout();
    for (let i = 0; i < 3; i++) {
      const activity = personalMessage(`invite after-stdout-${i}@tailspin.com --no-email`, {
        serviceUrl: services.connector.serviceUrl,
        conversationId: `a:stdout-${i}`,
      });
      const answer: { status: number } = await send(bot.url, activity).catch((error: Error) => assert.fail(`${error.message}\n--- bot output ---\n${bot!.output()}`));
      assert.equal(answer.status, 200, 'the turn was answered');
      await until(() => services.connector.activities.some((a) => a.conversationId === `a:stdout-${i}`), 'the reply');
    }
    assert.ok(services.simulator.directory.findUserByEmail('after-stdout-2@tailspin.com'), 'the invitations went on');
    const reports = bot.stderr().match(/writing the log failed/g) ?? [];
    assert.equal(reports.length, 1, `one report of the failed log destination on stderr:\n${bot.stderr()}`);

    const signalled = Date.now();
    bot.signal('SIGTERM');
    assert.ok(await bot.exitedWithin(SHUTDOWN_SECONDS * 1000 + MARGIN_MS), `still running ${Date.now() - signalled} ms after SIGTERM`);
    assert.equal(bot.code, 0, 'nothing was in flight: a clean exit');
  });

  it('answers 503 on /readyz at once, and exits within SHUTDOWN_TIMEOUT_SECONDS while a turn hangs on Graph', async () => {
    bot = await start({ GRAPH_TIMEOUT_SECONDS: '120' });
    const before = services.simulator.requestsTo('POST', '/v1.0/invitations').length;
    services.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { kind: 'hang' });
    const activity = personalMessage('invite hanging@tailspin.com --no-email', {
      serviceUrl: services.connector.serviceUrl,
      conversationId: 'a:hanging',
    });
    const turn = send(bot.url, activity).catch(() => undefined);
    await until(() => services.simulator.requestsTo('POST', '/v1.0/invitations').length > before, 'the invitation to reach Graph');
    assert.equal(await status(`${bot.url}/readyz`), 200, 'ready before the signal');

    const signalled = Date.now();
    bot.signal('SIGTERM');
    let readiness = 0;
    for (let tries = 0; tries < 50 && readiness !== 503; tries++) {
      readiness = await status(`${bot.url}/readyz`).catch(() => -1);
      if (readiness !== 503) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(readiness, 503, 'not ready while shutting down, and still answering so');
    assert.equal(await status(`${bot.url}/healthz`), 200, 'alive while draining');

    assert.ok(await bot.exitedWithin(SHUTDOWN_SECONDS * 1000 + MARGIN_MS), `still running ${Date.now() - signalled} ms after SIGTERM`);
    assert.match(bot.output(), /"unfinished":\["turns"\].*shutting down without waiting any longer/, `it stopped waiting for the hung turn:\n${bot.output().slice(-3000)}`);
    await turn;
  });
});
