import assert from 'node:assert/strict';
import { InvitationPolicy } from '../../src/invitation/policy';
import { sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import { BotHarness, cardOf, cardText } from '../integration/bot-harness';
import { adaptiveCardActionInvoke, directoryAccountOf, personalMessage, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';

const { megan, adele } = TEAMS_TEST_USERS;
/** An approver who is not an administrator. */
const dave: TeamsUser = { id: '29:1dave-teams-id', name: 'Dave Approver', aadObjectId: '4d4d4d4d-0000-4000-8000-000000000004' };
/** Named nowhere in the policy. */
const eve: TeamsUser = { id: '29:1eve-teams-id', name: 'Eve Bystander', aadObjectId: '5e5e5e5e-0000-4000-8000-000000000005' };

/** Megan asks, Dave and Megan approve ordinary requests, Adele is the administrator. */
const POLICY: Partial<InvitationPolicy> = {
  approval: { rule: 'untrustedDomains', trustedDomains: ['tailspin.com'] },
  approvers: { users: [dave.aadObjectId, megan.aadObjectId], groups: [] },
  admins: { users: [adele.aadObjectId], groups: [] },
};

/** The sandbox tenant with Dave and Eve as members of it. */
function seedWithStaff() {
  const seed = sandboxDirectorySeed();
  seed.users.push(directoryAccountOf(dave), directoryAccountOf(eve));
  return seed;
}

/**
 * Who may decide what. A request is decided by an approver other than its requester; a Member invitation (an
 * employee's rights) only by an administrator; and no card, forged or stale, changes that.
 */
describe('approval rights', () => {
  let bot: BotHarness;

  afterEach(() => bot?.stop());

  async function request(from: TeamsUser, command: string) {
    const [reply] = await bot.say(personalMessage(command, bot.activityOptions({ from, conversationId: `a:${from.aadObjectId}` })));
    const [stored] = await bot.app.store.requests.list({ requesterId: from.aadObjectId, limit: 1 });
    return { reply, request: stored?.value };
  }

  async function decide(from: TeamsUser, verb: string, data: Record<string, unknown>): Promise<string> {
    const response = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from }), verb, data }));
    assert.equal(response.status, 200);
    const body = response.body as { type: string; value: unknown };
    return body.type === 'application/vnd.microsoft.activity.message' ? String(body.value) : cardText(body.value);
  }

  async function stateOf(id: string) {
    return (await bot.app.store.requests.get(id))?.value.state;
  }

  describe('with approvers and an administrator', () => {
    beforeEach(async () => {
      bot = await BotHarness.start({ policy: POLICY, seed: seedWithStaff() });
    });

    it('refuses self-approval, even to an approver', async () => {
      const { request: pending } = await request(megan, 'invite x@untrusted.org');
      assert.equal(pending?.state, 'pendingApproval');
      assert.match(await decide(megan, 'request.approve', { requestId: pending.id }), /own request/);
      assert.match(await decide(megan, 'request.reject', { requestId: pending.id, reason: 'no' }), /own request/);
      assert.equal(await stateOf(pending.id), 'pendingApproval');
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('refuses anyone the policy does not name as approver', async () => {
      const { request: pending } = await request(megan, 'invite x@untrusted.org');
      assert.match(await decide(eve, 'request.approve', { requestId: pending!.id }), /Only the approvers/);
      assert.match(await decide(eve, 'request.reject', { requestId: pending!.id, reason: 'spite' }), /Only the approvers/);
      assert.match(await decide(eve, 'request.cancel', { requestId: pending!.id }), /not yours/);
      assert.equal(await stateOf(pending!.id), 'pendingApproval');
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('ignores forged and malformed card data', async () => {
      for (const data of [{ requestId: 'NOSUCHID' }, { requestId: '' }, { requestId: { $ne: null } }, { requestId: 'x'.repeat(5000) }, {}]) {
        const answer = await decide(dave, 'request.approve', data as Record<string, unknown>);
        assert.match(answer, /no request|out of date/i, JSON.stringify(data).slice(0, 60));
      }
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('lets only an administrator approve a Member invitation asked for by someone else', async () => {
      const { reply, request: pending } = await request(megan, 'invite member@tailspin.com --member');
      assert.equal(pending?.state, 'pendingApproval', 'even a trusted domain needs approval for a Member');
      assert.equal(pending.approval?.adminOnly, true);
      assert.match(cardText(cardOf(reply)), /administrator/i);
      assert.match(await decide(dave, 'request.approve', { requestId: pending.id }), /Only the approvers/);
      assert.equal(bot.invitationPosts().length, 0, 'an ordinary approver could not send it');
      await decide(adele, 'request.approve', { requestId: pending.id });
      await bot.app.background.idle();
      assert.equal(await stateOf(pending.id), 'invited');
      const [post] = bot.invitationPosts();
      assert.equal((post?.body as { invitedUserType: string }).invitedUserType, 'Member');
    });

    it('lets an administrator invite a Member directly', async () => {
      const { request: sent } = await request(adele, 'invite colleague@tailspin.com --member');
      assert.equal(sent?.state, 'invited');
      assert.equal((bot.invitationPosts()[0]?.body as { invitedUserType: string }).invitedUserType, 'Member');
    });
  });

  describe('with no administrator in the policy', () => {
    beforeEach(async () => {
      bot = await BotHarness.start({ policy: { ...POLICY, admins: { users: [], groups: [] } }, seed: seedWithStaff() });
    });

    it('refuses a Member invitation by command and by form, storing and sending nothing', async () => {
      const { reply } = await request(megan, 'invite member@tailspin.com --member');
      assert.match(cardText(cardOf(reply)), /Only an administrator can invite someone as a Member/);
      const form = await decide(megan, 'invite.submit', { email: 'member2@tailspin.com', member: 'true', sendEmail: 'true' });
      assert.match(form, /Only an administrator can invite someone as a Member/);
      assert.equal((await bot.app.store.requests.list({})).length, 0);
      assert.equal(bot.invitationPosts().length, 0);
    });
  });
});
