import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { InvitationPolicy } from '../../src/invitation/policy';
import { sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import { BotHarness, cardOf, cardText } from '../integration/bot-harness';
import { adaptiveCardActionInvoke, directoryAccountOf, personalMessage, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';

const { megan, adele } = TEAMS_TEST_USERS;
/** A guest of the tenant (userType Guest in the directory) who can chat with the bot, e.g. from a shared team. */
const gus: TeamsUser = { id: '29:1gus-guest-teams-id', name: 'Gus Guest', aadObjectId: '6a6a6a6a-0000-4000-8000-00000000006a' };
/** A member of the tenant whom Teams nevertheless reports as a guest (Teams' userRole). */
const tess: TeamsUser = { id: '29:1tess-teams-id', name: 'Tess Member', aadObjectId: '7b7b7b7b-0000-4000-8000-00000000007b' };
/** An object id the directory does not know. */
const nobody: TeamsUser = { id: '29:1nobody-teams-id', name: 'No Body', aadObjectId: '8c8c8c8c-0000-4000-8000-00000000008c' };

const GUEST_REFUSAL = /Guest accounts cannot invite, approve or manage guests/;
const UNKNOWN_REFUSAL = /not in this organization's directory/;

/** Gus and Tess are approvers and admins too: being named does not make a guest's account a member's. */
const POLICY: Partial<InvitationPolicy> = {
  approval: { rule: 'always', trustedDomains: [] },
  approvers: { users: [adele.aadObjectId, gus.aadObjectId, tess.aadObjectId, nobody.aadObjectId], groups: [] },
  admins: { users: [gus.aadObjectId], groups: [] },
};

function seedWithGuest() {
  const seed = sandboxDirectorySeed();
  seed.users.push(directoryAccountOf(gus, 'Guest'), directoryAccountOf(tess));
  return seed;
}

/**
 * Who may act: with `inviters: everyone`, guest accounts (for Teams or for the directory) and object ids the
 * directory does not know may not invite, approve or manage guests, unless the policy allows guests.
 */
describe('guests and unknown accounts as actors', () => {
  let bot: BotHarness;
  afterEach(() => bot?.stop());

  function options(from: TeamsUser, extra: { locale?: string } = {}) {
    return bot.activityOptions({ from, conversationId: `a:${from.aadObjectId}`, ...extra });
  }

  /** A personal message as Teams sends it, with `from.userRole` when given. */
  async function say(from: TeamsUser, text: string, userRole?: string, locale?: string): Promise<string> {
    const activity = personalMessage(text, options(from, locale ? { locale } : {}));
    if (userRole) (activity.from as Activity['from'] & { userRole?: string }).userRole = userRole;
    const [reply] = await bot.say(activity);
    return reply?.activity.attachments?.length ? cardText(cardOf(reply)) : String(reply?.activity.text);
  }

  async function press(from: TeamsUser, verb: string, data: Record<string, unknown>, userRole?: string): Promise<string> {
    const activity = adaptiveCardActionInvoke({ ...bot.activityOptions({ from }), verb, data });
    if (userRole) (activity.from as Activity['from'] & { userRole?: string }).userRole = userRole;
    const response = await bot.send(activity);
    assert.equal(response.status, 200);
    const body = response.body as { type: string; value: unknown };
    return body.type === 'application/vnd.microsoft.activity.message' ? String(body.value) : cardText(body.value);
  }

  async function pendingFromMegan(address = 'x@untrusted.org') {
    await say(megan, `invite ${address}`);
    const [stored] = await bot.app.store.requests.list({ requesterId: megan.aadObjectId, limit: 1 });
    assert.equal(stored?.value.state, 'pendingApproval');
    return stored!.value;
  }

  describe('by default (allowGuests: false)', () => {
    beforeEach(async () => {
      bot = await BotHarness.start({ policy: POLICY, seed: seedWithGuest() });
    });

    it('refuses a directory guest every privileged command, saying why, and sends nothing to Entra', async () => {
      for (const command of ['invite someone@tailspin.com', 'invite', 'status jane@fabrikam.com', 'pending', 'requests', 'resend jane@fabrikam.com', 'link jane@fabrikam.com', 'reset jane@fabrikam.com', 'audit']) {
        assert.match(await say(gus, command), GUEST_REFUSAL, command);
      }
      assert.equal(bot.invitationPosts().length, 0);
      assert.equal((await bot.app.store.requests.list({ requesterId: gus.aadObjectId, limit: 5 })).length, 0);
    });

    it('refuses a directory guest\'s CSV for bulk invitation before reading the file', async () => {
      const activity = personalMessage('', options(gus));
      activity.attachments = [
        { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'guests.csv', content: { downloadUrl: 'https://127.0.0.1:9/guests.csv', uniqueId: 'u1', fileType: 'csv' } },
      ];
      const [reply] = await bot.say(activity);
      assert.match(String(reply?.activity.text), GUEST_REFUSAL);
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('refuses a directory guest named as approver and admin the approval buttons', async () => {
      const pending = await pendingFromMegan();
      assert.match(await press(gus, 'request.approve', { requestId: pending.id }), GUEST_REFUSAL);
      assert.match(await press(gus, 'request.reject', { requestId: pending.id, reason: 'no' }), GUEST_REFUSAL);
      assert.equal((await bot.app.store.requests.get(pending.id))?.value.state, 'pendingApproval');
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('refuses someone Teams calls a guest or anonymous (from.userRole), though the directory has them as a member', async () => {
      assert.match(await say(tess, 'invite someone@tailspin.com', 'guest'), GUEST_REFUSAL);
      assert.match(await say(tess, 'invite someone@tailspin.com', 'anonymous'), GUEST_REFUSAL);
      const pending = await pendingFromMegan();
      assert.match(await press(tess, 'request.approve', { requestId: pending.id }, 'guest'), GUEST_REFUSAL);
      assert.equal((await bot.app.store.requests.get(pending.id))?.value.state, 'pendingApproval');
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('refuses someone the Teams roster calls a guest (userRole of TeamsInfo.getMember), when the activity says nothing', async () => {
      bot.connector.addMember({ ...tess, userRole: 'guest' });
      assert.match(await say(tess, 'invite someone@tailspin.com'), GUEST_REFUSAL);
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('refuses an object id the directory does not know', async () => {
      assert.match(await say(nobody, 'invite someone@tailspin.com'), UNKNOWN_REFUSAL);
      const pending = await pendingFromMegan();
      assert.match(await press(nobody, 'request.approve', { requestId: pending.id }), UNKNOWN_REFUSAL);
      assert.equal((await bot.app.store.requests.get(pending.id))?.value.state, 'pendingApproval');
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('says it in Turkish to a Turkish client', async () => {
      assert.match(await say(gus, 'invite someone@tailspin.com', undefined, 'tr-TR'), /konuk hesaplar GuestPass ile/);
    });

    it("lists in a guest's help only what they may use, and says why the rest is missing", async () => {
      const help = await say(gus, 'help');
      assert.match(help, GUEST_REFUSAL, 'why invite and the rest are not listed');
      for (const usage of ['my requests', 'cancel REQUEST-ID', 'help']) assert.ok(help.includes(usage), usage);
      for (const usage of ['invite EMAIL', 'status EMAIL', 'pending', 'audit', 'Options for invite']) assert.ok(!help.includes(usage), usage);
      const memberHelp = await say(megan, 'help');
      for (const usage of ['invite EMAIL', 'status EMAIL', 'my requests']) assert.ok(memberHelp.includes(usage), `a member's help: ${usage}`);
      assert.doesNotMatch(memberHelp, GUEST_REFUSAL);
    });

    it('answers help in full at once when the directory cannot say who may act (a lookup that hangs)', async () => {
      // Graph's own time-out longer than a person waits for the reply (10 s here): help must not wait for it.
      await bot.stop();
      bot = await BotHarness.start({ policy: POLICY, seed: seedWithGuest(), env: { GRAPH_TIMEOUT_SECONDS: '60' } });
      bot.simulator.enqueueFault({ method: 'GET', pathPrefix: '/v1.0/users' }, { kind: 'hang' }, 5);
      bot.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/$batch' }, { kind: 'hang' }, 5);
      const help = await say(megan, 'help');
      assert.ok(help.includes('invite EMAIL'), 'the whole list, not a wait for Graph');
      assert.doesNotMatch(help, GUEST_REFUSAL);
    });

    it('still answers a guest\'s help and own requests', async () => {
      assert.match(await say(gus, 'my requests'), /request/i);
      assert.doesNotMatch(await say(gus, 'my requests'), GUEST_REFUSAL);
    });

    it('lets a member whom Teams calls a user invite and approve (the accepted path)', async () => {
      const pending = await pendingFromMegan();
      assert.doesNotMatch(await press(tess, 'request.approve', { requestId: pending.id }, 'user'), GUEST_REFUSAL);
      await bot.app.background.idle();
      assert.equal((await bot.app.store.requests.get(pending.id))?.value.state, 'invited');
      assert.equal(bot.invitationPosts().length, 1);
    });
  });

  describe('with allowGuests: true', () => {
    beforeEach(async () => {
      bot = await BotHarness.start({ policy: { ...POLICY, approval: { rule: 'never', trustedDomains: [] }, allowGuests: true }, seed: seedWithGuest() });
    });

    it('lets a directory guest invite', async () => {
      const text = await say(gus, 'invite partner@tailspin.com');
      assert.doesNotMatch(text, GUEST_REFUSAL);
      assert.equal(bot.invitationPosts().length, 1);
      const [stored] = await bot.app.store.requests.list({ requesterId: gus.aadObjectId, limit: 1 });
      assert.equal(stored?.value.state, 'invited');
    });

    it('lets someone Teams calls a guest invite', async () => {
      assert.doesNotMatch(await say(tess, 'invite partner2@tailspin.com', 'guest'), GUEST_REFUSAL);
      assert.equal(bot.invitationPosts().length, 1);
    });
  });

  describe('object ids in any case', () => {
    const MEGAN_UPPER: TeamsUser = { ...megan, aadObjectId: megan.aadObjectId.toUpperCase() };
    const ADELE_UPPER: TeamsUser = { ...adele, aadObjectId: adele.aadObjectId.toUpperCase() };

    beforeEach(async () => {
      bot = await BotHarness.start({
        // The policy names Adele in capitals, as someone may copy an id from a portal.
        policy: { approval: { rule: 'always', trustedDomains: [] }, approvers: { users: [megan.aadObjectId, ADELE_UPPER.aadObjectId], groups: [] } },
      });
    });

    it('refuses self-approval when the requester\'s id arrives in another case', async () => {
      await say(MEGAN_UPPER, 'invite x@untrusted.org');
      const [stored] = await bot.app.store.requests.list({ limit: 1 });
      assert.equal(stored?.value.state, 'pendingApproval');
      assert.match(await press(megan, 'request.approve', { requestId: stored!.value.id }), /own request/);
      assert.equal((await bot.app.store.requests.get(stored!.value.id))?.value.state, 'pendingApproval');
      assert.equal(bot.invitationPosts().length, 0);
    });

    it('lets a different approver approve, whatever the case of either id', async () => {
      await say(MEGAN_UPPER, 'invite y@untrusted.org');
      const [stored] = await bot.app.store.requests.list({ limit: 1 });
      assert.doesNotMatch(await press(adele, 'request.approve', { requestId: stored!.value.id }), /own request|Only the approvers/);
      await bot.app.background.idle();
      assert.equal((await bot.app.store.requests.get(stored!.value.id))?.value.state, 'invited');
      assert.equal(bot.invitationPosts().length, 1);
    });
  });
});
