import assert from 'node:assert/strict';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { adaptiveCardActionInvoke, channelMessage, personalMessage, TEAMS_TEST_USERS } from '../support/teams-activities';
import { BotHarness, cardOf, cardText } from './bot-harness';

const { megan, adele } = TEAMS_TEST_USERS;
const ADELE_CHAT = 'a:adele-personal';
/** What Teams waits for an invoke's answer, about; the requirement's bound. */
const INVOKE_LIMIT_MS = 5_000;
/**
 * Graph throttles twice, asking each time to wait this long: together longer than the limit. Each wait stays
 * under the simulator's keep-alive timeout (5 s), so the retry does not race the server closing an idle socket.
 */
const RETRY_AFTER_SECONDS = 3;
const THROTTLED_ATTEMPTS = 2;
/** Graph's timeout covers the whole call, retries included: long enough here for the waits Graph asks for. */
const ENV = { GRAPH_TIMEOUT_SECONDS: '30' };

/** Graph answers the next POST /invitations with 429 and Retry-After, THROTTLED_ATTEMPTS times. */
function throttleNextInvitation(bot: BotHarness): void {
  bot.simulator.enqueueFault(
    { method: 'POST', pathPrefix: '/v1.0/invitations' },
    { status: 429, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
    THROTTLED_ATTEMPTS,
  );
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

function hasDecisionButtons(card: unknown): boolean {
  return /request\.approve/.test(JSON.stringify(card));
}

describe('card actions answer within the invoke limit while Graph is throttled', function () {
  this.timeout(40_000);
  let bot: BotHarness;
  afterEach(() => bot.stop());

  it('approve: answers at once with "sending", invites once in the background, then updates the pressed card', async () => {
    bot = await BotHarness.start({
      env: ENV,
      policy: {
        approval: { rule: 'untrustedDomains', trustedDomains: ['tailspin.com'] },
        approvers: { users: [adele.aadObjectId], groups: [] },
        admins: { users: [], groups: [] },
      },
    });
    await bot.say(personalMessage('help', bot.activityOptions({ from: adele, conversationId: ADELE_CHAT })));
    await bot.say(channelMessage('invite slow@untrusted.org --no-email', bot.activityOptions({ from: megan })));
    const [stored] = await bot.app.store.requests.list({ states: ['pendingApproval'] });
    assert.ok(stored);
    // Her approval card reaches her chat on its own; it must not be taken for the list asked for below.
    await bot.connector.waitForActivities(2, { conversationId: ADELE_CHAT });
    // Adele decides from her list of pending approvals: a card GuestPass keeps no record of, so only the
    // follow-up of her press can update it.
    const [list] = await bot.say(personalMessage('requests', bot.activityOptions({ from: adele, conversationId: ADELE_CHAT })));
    assert.ok(hasDecisionButtons(cardOf(list)));

    throttleNextInvitation(bot);
    const press = () =>
      bot.send(
        adaptiveCardActionInvoke({
          ...bot.activityOptions({ from: adele, conversationId: ADELE_CHAT, replyToId: list!.activityId }),
          verb: 'request.approve',
          data: { requestId: stored.value.id },
        }),
      );
    const first = await timed(press);
    assert.ok(first.ms < INVOKE_LIMIT_MS, `answered after ${first.ms} ms`);
    const answer = first.value.body as { type: string; value: unknown };
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(answer.value), /Approved by Adele Vance .*: sending the invitation/);
    assert.ok(!hasDecisionButtons(answer.value));

    // Pressed again while the invitation waits for Graph: nothing is done twice.
    const second = await timed(press);
    assert.ok(second.ms < INVOKE_LIMIT_MS, `second press answered after ${second.ms} ms`);
    assert.match(cardText((second.value.body as { value: unknown }).value), /sending the invitation/);

    const [updated] = await bot.connector.waitForActivities(1, {
      where: (a) => a.operation === 'update' && a.activityId === list!.activityId,
      timeoutMs: 30_000,
    });
    assert.match(cardText(cardOf(updated)), /Approved by Adele Vance .*: invited/);
    await bot.app.background.idle();
    assert.equal((await bot.app.store.requests.get(stored.value.id))?.value.state, 'invited');
    assert.equal(bot.invitationPosts().length, THROTTLED_ATTEMPTS + 1, 'the throttled attempts and the retry that went through');
    assert.equal(bot.simulator.directory.users.filter((user) => user.mail === 'slow@untrusted.org').length, 1);
    const events = (await bot.app.store.audit.latest(50)).map((entry) => entry.event);
    assert.equal(events.filter((event) => event === 'request.approved').length, 1);
    assert.equal(events.filter((event) => event === 'graph.invitation.succeeded').length, 1);
  });

  const guestButtons: [verb: string, data: Record<string, string>, outcome: RegExp][] = [
    ['guest.resend', { email: 'jane@fabrikam.com', userId: SANDBOX_IDS.users.janePending }, /email the invitation to jane@fabrikam\.com again/],
    // A reset is confirmed first (answered at once); Confirm does the reset.
    ['guest.reset.confirm', { email: 'alex@northwind.com', userId: SANDBOX_IDS.users.alexAccepted, once: 'Accepted@1' }, /redemption of Alex Wilber \(Northwind\) is reset/],
  ];
  for (const [verb, data, outcome] of guestButtons) {
    it(`${verb}: answers at once with "working on it", then the card tells how it ended`, async () => {
      bot = await BotHarness.start({ env: ENV, policy: { admins: { users: [adele.aadObjectId], groups: [] } } });
      throttleNextInvitation(bot);
      const { value: response, ms } = await timed(() =>
        bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele, replyToId: 'status-card-1' }), verb, data })),
      );
      assert.ok(ms < INVOKE_LIMIT_MS, `answered after ${ms} ms`);
      const answer = response.body as { type: string; value: unknown };
      assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(cardText(answer.value), /Working on it/);
      const [updated] = await bot.connector.waitForActivities(1, {
        where: (a) => a.operation === 'update' && a.activityId === 'status-card-1',
        timeoutMs: 30_000,
      });
      assert.match(cardText(cardOf(updated)), outcome);
      assert.doesNotMatch(cardText(cardOf(updated)), /Working on it/);
    });
  }
});
