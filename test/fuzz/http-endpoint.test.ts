import assert from 'node:assert/strict';
import fc from 'fast-check';
import sinon from 'sinon';
import { BotHarness } from '../integration/bot-harness';
import { guardLoopbackOnly, NetworkGuard } from '../support/network-guard';
import { testSeed } from '../support/seeded-random';
import { cardActivity, commandActivity, Generated, malformed } from './arbitraries';
import { FUZZ_POLICY } from './direct-bot';
import { isCardAction, isClearInvokeAnswer, isClearReply, isMessage, isWellShaped } from './judge';

const COMMANDS = 200;
const CARD_SUBMISSIONS = 150;
const MALFORMED = 150;

/**
 * A share of the fuzzing through the real endpoint: restify's body parser, the CloudAdapter, the bot, Graph over
 * https (simulated), replies through the Bot Connector (fake). Checks the HTTP status and what reached the
 * connector. Together with the in-memory suite: 10,000 generated inputs.
 */
describe('fuzzing POST /api/messages', function () {
  this.timeout(60_000);
  const seed = testSeed(20260801) + 10;
  let bot: BotHarness;
  let guard: NetworkGuard;
  let quiet: sinon.SinonStub[];

  before(async () => {
    guard = guardLoopbackOnly();
    bot = await BotHarness.start({ policy: FUZZ_POLICY });
    // The adapter prints rejected activities with console.*; the assertions below say what matters.
    quiet = [sinon.stub(console, 'error'), sinon.stub(console, 'warn')];
  });
  after(async () => {
    quiet?.forEach((stub) => stub.restore());
    await bot?.stop();
    guard?.restore();
    assert.deepEqual(guard?.refused ?? [], [], 'nothing tried to leave the machine');
  });

  async function post(generated: Generated) {
    const before = bot.connector.activities.length;
    const response = await bot.send(generated.activity);
    const replies = bot.connector.activities.slice(before).map((recorded) => recorded.activity);
    const where = `status ${response.status}, mutations [${generated.mutations.join(', ')}]\n  ${JSON.stringify(generated.activity).slice(0, 500)}`;
    return { response, replies, where };
  }

  it(`answers ${COMMANDS} commands and ${CARD_SUBMISSIONS} card submissions with 200 and a clear reply (seed ${seed})`, async () => {
    const wellFormed = fc.oneof(
      { weight: COMMANDS, arbitrary: commandActivity(bot.connector.serviceUrl) },
      { weight: CARD_SUBMISSIONS, arbitrary: cardActivity(bot.connector.serviceUrl, []) },
    );
    await fc.assert(
      fc.asyncProperty(wellFormed, async (generated) => {
        const { response, replies, where } = await post(generated);
        if (isCardAction(generated.activity)) {
          assert.ok(isClearInvokeAnswer(response.status, response.body), where);
        } else {
          assert.equal(response.status, 200, where);
          assert.ok(replies.length > 0 && replies.every(isClearReply), `no clear reply: ${where}`);
        }
      }),
      { seed, numRuns: COMMANDS + CARD_SUBMISSIONS },
    );
  });

  it(`never answers 5xx to ${MALFORMED} malformed activities: 400 when unusable, a clear answer otherwise (seed ${seed + 1})`, async () => {
    await fc.assert(
      fc.asyncProperty(malformed(bot.connector.serviceUrl, []), async (generated) => {
        const { response, replies, where } = await post(generated);
        assert.ok(response.status < 500, `5xx: ${where}`);
        if (!isWellShaped(generated.activity)) {
          assert.equal(response.status, 400, where);
          assert.equal(replies.length, 0, `a reply to an unusable activity: ${where}`);
        } else if (isCardAction(generated.activity)) {
          assert.ok(isClearInvokeAnswer(response.status, response.body), where);
        } else if (isMessage(generated.activity)) {
          assert.equal(response.status, 200, where);
        }
      }),
      { seed: seed + 1, numRuns: MALFORMED },
    );
    const server = await bot.send({ type: 'message' }).catch(() => undefined);
    assert.equal(server?.status, 400, 'the server is still up, and refuses an empty activity');
  });

  it('keeps answering a well-formed message after all that', async () => {
    const probe = commandActivity(bot.connector.serviceUrl);
    const [generated] = fc.sample(probe, { seed, numRuns: 1 });
    const { response } = await post({ ...generated!, activity: { ...generated!.activity, text: 'help', conversation: { id: 'a:after', conversationType: 'personal', tenantId: generated!.activity.conversation?.tenantId } as never } });
    assert.equal(response.status, 200);
    assert.ok(isMessage(generated!.activity));
  });
});
