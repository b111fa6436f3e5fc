import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FakeBotConnector } from '../support/fake-bot-connector';
import { guardLoopbackOnly, NetworkGuard } from '../support/network-guard';
import { testSeed } from '../support/seeded-random';
import { cardActivity, commandActivity, Generated, malformed } from './arbitraries';
import { directBot, DirectBot, TurnResult } from './direct-bot';
import { isCardAction, isClearInvokeAnswer, isClearReply, isMessage, isWellShaped } from './judge';

const COMMANDS = 3500;
const CARD_SUBMISSIONS = 3000;
const MALFORMED = 3000;

function describeInput(generated: Generated, result: TurnResult): string {
  const activity = JSON.stringify(generated.activity).slice(0, 600);
  return `mutations [${generated.mutations.join(', ')}]\n  error: ${result.error?.stack ?? 'none'}\n  activity: ${activity}`;
}

/**
 * The bulk of the fuzzing: generated activities straight into GuestPassBot (parser, handlers, cards, use cases on
 * an in-memory store and a fake directory), thousands per second. Seeded: a failure prints its seed and path,
 * and `TEST_SEED=<seed> npm test` replays it.
 */
describe('fuzzing the bot’s turns in memory', function () {
  this.timeout(60_000);
  const seed = testSeed(20260801);
  let connector: FakeBotConnector;
  let guard: NetworkGuard;
  let bot: DirectBot;

  before(async () => {
    guard = guardLoopbackOnly();
    connector = new FakeBotConnector();
    await connector.start();
    bot = await directBot();
  });
  after(async () => {
    await connector?.stop();
    guard?.restore();
    assert.deepEqual(guard?.refused ?? [], [], 'nothing tried to leave the machine');
  });

  it(`answers ${COMMANDS} generated commands clearly, with no error escaping the bot (seed ${seed})`, async () => {
    await fc.assert(
      fc.asyncProperty(commandActivity(connector.serviceUrl), async (generated) => {
        const result = await bot.turn(generated.activity);
        assert.equal(result.error, undefined, describeInput(generated, result));
        assert.ok(result.replies.length > 0, `no reply\n${describeInput(generated, result)}`);
        assert.ok(result.replies.every(isClearReply), `an empty reply\n${describeInput(generated, result)}`);
      }),
      { seed, numRuns: COMMANDS },
    );
  });

  it(`answers ${CARD_SUBMISSIONS} generated card submissions clearly, forged or not (seed ${seed + 1})`, async () => {
    await fc.assert(
      fc.asyncProperty(cardActivity(connector.serviceUrl, bot.requestIds), async (generated) => {
        const result = await bot.turn(generated.activity);
        assert.equal(result.error, undefined, describeInput(generated, result));
        if (isCardAction(generated.activity)) {
          const answer = result.invokeResponse;
          assert.ok(isClearInvokeAnswer(answer?.status, answer?.body), `invoke answer ${JSON.stringify(answer)}\n${describeInput(generated, result)}`);
        } else {
          assert.ok(result.replies.length > 0 && result.replies.every(isClearReply), `no clear reply\n${describeInput(generated, result)}`);
        }
      }),
      { seed: seed + 1, numRuns: CARD_SUBMISSIONS },
    );
  });

  it(`survives ${MALFORMED} malformed activities: refused cleanly when unusable, answered clearly otherwise (seed ${seed + 2})`, async () => {
    await fc.assert(
      fc.asyncProperty(malformed(connector.serviceUrl, bot.requestIds), async (generated) => {
        const result = await bot.turn(generated.activity);
        assert.equal(result.error, undefined, `an error escaped the bot\n${describeInput(generated, result)}`);
        const { activity } = generated;
        if (!isWellShaped(activity)) {
          // Nothing to answer to, or nobody to answer: ignored, and an invoke told it was a bad request.
          assert.equal(result.replies.length, 0, `a reply to an unusable activity\n${describeInput(generated, result)}`);
          if (activity.type === 'invoke') assert.equal(result.invokeResponse?.status, 400, describeInput(generated, result));
          return;
        }
        if (isMessage(activity)) {
          assert.ok(result.replies.length > 0 && result.replies.every(isClearReply), `no clear reply\n${describeInput(generated, result)}`);
        } else if (isCardAction(activity)) {
          const answer = result.invokeResponse;
          assert.ok(isClearInvokeAnswer(answer?.status, answer?.body), `invoke answer ${JSON.stringify(answer)}\n${describeInput(generated, result)}`);
        }
      }),
      { seed: seed + 2, numRuns: MALFORMED },
    );
  });
});
