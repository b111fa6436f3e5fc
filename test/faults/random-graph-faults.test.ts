import assert from 'node:assert/strict';
import type { FaultResponse } from '../../src/sandbox/graph-simulator';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { BotHarness, cardOf, cardText } from '../integration/bot-harness';
import { seededRandom, testSeed } from '../support/seeded-random';
import { personalMessage } from '../support/teams-activities';

const INVITES = 60;
const CONCURRENCY = 10;
const FAULT_RATE = 0.3;
/** What an overloaded or flaky Graph does: throttles, fails, or never answers (the client's timeout ends it). */
const FAULTS: FaultResponse[] = [
  { status: 429, headers: { 'Retry-After': '0' } },
  { status: 503, headers: { 'Retry-After': '0' } },
  { kind: 'hang' },
];

/**
 * With 30 % of Graph calls failing, every invitation must end in one of two states a person can act on: invited,
 * or failed with a message that says to try again (and a stored request marked retryable). Nothing may be left
 * half-way, and trying again once Graph recovers must invite everyone exactly once.
 */
describe('invitations while 30 % of Graph calls answer 429, 503 or time out', function () {
  this.timeout(60_000);
  const seed = testSeed(7331);
  let bot: BotHarness;

  before(async () => {
    bot = await BotHarness.start({
      // A short client timeout turns each hang into a quick, visible failure; three retries is the default.
      env: { GRAPH_TIMEOUT_SECONDS: '1', GRAPH_MAX_RETRIES: '3' },
      policy: { dailyQuotaPerRequester: 1000 },
    });
  });
  after(() => bot?.stop());

  const emails = Array.from({ length: INVITES }, (_, i) => `flaky-${String(i).padStart(2, '0')}@tailspin.com`);

  async function inviteAll(addresses: string[], attempt: number): Promise<Map<string, string>> {
    const replies = new Map<string, string>();
    const queue = [...addresses];
    const worker = async () => {
      for (let email = queue.shift(); email !== undefined; email = queue.shift()) {
        const [reply] = await bot.say(
          personalMessage(`invite ${email}`, bot.activityOptions({ conversationId: `a:flaky-${attempt}-${email}` })),
        );
        const text = reply?.activity.attachments?.length ? cardText(cardOf(reply)) : String(reply?.activity.text ?? '');
        replies.set(email, text);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return replies;
  }

  async function requestsFor(email: string): Promise<InvitationRequest[]> {
    return (await bot.app.store.requests.list({})).map((entry) => entry.value).filter((r) => r.invitation.email === email);
  }

  it(`ends every request invited or failed-and-retryable, and a retry invites each address once (seed ${seed})`, async () => {
    bot.simulator.setRandomFaults({ rate: FAULT_RATE, responses: FAULTS, random: seededRandom(seed) });
    const replies = await inviteAll(emails, 1);
    bot.simulator.setRandomFaults(null);

    let failed = 0;
    for (const email of emails) {
      const reply = replies.get(email) ?? '';
      const requests = await requestsFor(email);
      assert.ok(requests.length <= 1, `one command, at most one request for ${email}`);
      const request = requests[0];
      const user = bot.simulator.directory.findUserByEmail(email);
      if (request?.state === 'invited') {
        assert.ok(user && reply.includes(user.id), `the reply names the new guest: ${reply}`);
        continue;
      }
      failed++;
      assert.match(reply, /try again/i, `a failure says what to do: ${reply}`);
      if (request) {
        assert.equal(request.state, 'failed', `${email} is not left ${request.state}`);
        assert.equal(request.result?.retryable, true, `${email} failed for a lasting reason: ${request.result?.errorKind}`);
        assert.ok(['throttled', 'unavailable'].includes(request.result?.errorKind ?? ''), request.result?.errorKind);
      }
    }
    assert.ok(failed > 0 && failed < INVITES, `the faults bit some requests but not all (${failed} of ${INVITES})`);

    // Graph recovers; the people whose invitation failed simply ask again.
    const retry = emails.filter((email) => !replies.get(email)?.includes(bot.simulator.directory.findUserByEmail(email)?.id ?? '\0'));
    await inviteAll(retry, 2);
    for (const email of emails) {
      const user = bot.simulator.directory.findUserByEmail(email);
      assert.ok(user, `${email} is invited after the retry`);
      assert.equal(bot.simulator.directory.invitationsFor(user.id).length, 1, `${email} was invited exactly once`);
    }
    const unfinished = (await bot.app.store.requests.list({ states: ['approved', 'inviting'] })).length;
    assert.equal(unfinished, 0, 'no request is left half-way');
  });
});
