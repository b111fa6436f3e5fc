import assert from 'node:assert/strict';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { BotHarness, cardOf, cardText } from '../integration/bot-harness';
import { adaptiveCardActionInvoke, channelMessage, personalMessage, TEAMS_TEST_USERS } from '../support/teams-activities';

const { megan, adele } = TEAMS_TEST_USERS;
const ADELE_CHAT = 'a:adele-personal';
/** What Teams waits for an invoke's answer, about. */
const INVOKE_LIMIT_MS = 5_000;
const RETRY_AFTER_SECONDS = 3;
const THROTTLED_ATTEMPTS = 2;

/**
 * Graph throttles a tenant's reads as well as its invitations. Whether the presser may decide is asked of Graph
 * (checkMemberGroups) before the invoke is answered, and the New link button calls POST /invitations before it
 * answers: a throttled call holds the answer past the limit, and Teams shows the person an error although the
 * work goes through.
 */
describe('card actions answer within the invoke limit while Graph throttles what they ask before answering', function () {
  this.timeout(40_000);
  let bot: BotHarness;
  afterEach(() => bot?.stop());

  it('approve by a member of an approver group: answers within the limit', async () => {
    bot = await BotHarness.start({
      env: { GRAPH_TIMEOUT_SECONDS: '30' },
      policy: {
        approval: { rule: 'untrustedDomains', trustedDomains: ['tailspin.com'] },
        approvers: { users: [], groups: [SANDBOX_IDS.partnersTeam] },
        admins: { users: [], groups: [] },
      },
    });
    await bot.say(personalMessage('help', bot.activityOptions({ from: adele, conversationId: ADELE_CHAT })));
    await bot.say(channelMessage('invite slow@untrusted.org --no-email', bot.activityOptions({ from: megan })));
    const [card] = await bot.connector.waitForActivities(1, {
      conversationId: ADELE_CHAT,
      where: (recorded) => /"verb":"request\.refresh"/.test(JSON.stringify(recorded.activity)),
    });
    const [stored] = await bot.app.store.requests.list({ states: ['pendingApproval'] });
    assert.ok(card && stored);

    bot.simulator.enqueueFault(
      { method: 'POST', pathPrefix: `/v1.0/users/${adele.aadObjectId}/checkMemberGroups` },
      { status: 429, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
      THROTTLED_ATTEMPTS,
    );
    const started = Date.now();
    const answer = await bot.send(
      adaptiveCardActionInvoke({
        ...bot.activityOptions({ from: adele, conversationId: ADELE_CHAT, replyToId: card.activityId }),
        verb: 'request.approve',
        data: { requestId: stored.value.id },
      }),
    );
    const ms = Date.now() - started;
    assert.equal(answer.status, 200);
    assert.ok(ms < INVOKE_LIMIT_MS, `answered after ${ms} ms`);
    assert.match(cardText((answer.body as { value: unknown }).value), /takes longer than usual/);

    // The approval goes on: one invitation, and the pressed card ends showing the decision.
    await bot.app.background.idle();
    assert.equal((await bot.app.store.requests.get(stored.value.id))?.value.state, 'invited');
    assert.equal(bot.invitationPosts().length, 1);
    const updates = bot.connector.activities.filter((a) => a.operation === 'update' && a.activityId === card.activityId);
    assert.match(cardText(cardOf(updates.at(-1))), /Approved by Adele Vance/);
  });

  it('new link: answers within the limit while Graph throttles the invitation', async () => {
    bot = await BotHarness.start({ env: { GRAPH_TIMEOUT_SECONDS: '30' }, policy: { admins: { users: [adele.aadObjectId], groups: [] } } });
    bot.simulator.enqueueFault(
      { method: 'POST', pathPrefix: '/v1.0/invitations' },
      { status: 429, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
      THROTTLED_ATTEMPTS,
    );
    const started = Date.now();
    const answer = await bot.send(
      adaptiveCardActionInvoke({
        ...bot.activityOptions({ from: adele, replyToId: 'status-card-1' }),
        verb: 'guest.link',
        data: { email: 'jane@fabrikam.com', userId: SANDBOX_IDS.users.janePending },
      }),
    );
    const ms = Date.now() - started;
    assert.equal(answer.status, 200);
    assert.ok(ms < INVOKE_LIMIT_MS, `answered after ${ms} ms`);
    assert.match(cardText((answer.body as { value: unknown }).value), /takes longer than usual/);

    // The link is made once Graph answers, and the pressed card is replaced by what the button would have answered.
    await bot.app.background.idle();
    assert.equal(bot.invitationPosts().length, THROTTLED_ATTEMPTS + 1, 'throttled twice, then one invitation');
    const [update] = bot.connector.activities.filter((a) => a.operation === 'update' && a.activityId === 'status-card-1');
    assert.match(cardText(cardOf(update)), /Here is the new invitation link for jane@fabrikam\.com/);
    assert.doesNotMatch(JSON.stringify(update), /redeem\?/, 'the link itself goes only to the personal chat');
  });
});
