import assert from 'node:assert/strict';
import { InvitationPolicy } from '../../src/invitation/policy';
import { SANDBOX_IDS, sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import { adaptiveCardActionInvoke, directoryAccountOf, personalMessage, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';
import { BotHarness, cardOf, cardText, StandIns } from './bot-harness';

const { megan, adele } = TEAMS_TEST_USERS;
const dave: TeamsUser = { id: '29:1dave-teams-id', name: 'Dave Admin', aadObjectId: '4d4d4d4d-0000-4000-8000-000000000004' };
const CATALOG_ID = 'a1b2c3d4-0000-4000-8000-0000000ca7a1';
const APPROVERS_CHANNEL = '19:approvers-reach@thread.tacv2';
/** The chat Teams makes when GuestPass is installed for Adele (the simulator's shape of a bot 1:1 chat id). */
const ADELE_INSTALLED_CHAT = `19:${adele.aadObjectId}_${CATALOG_ID}@unq.gbl.spaces`;

/** The sandbox with GuestPass in its app catalog, and Dave (an admin here) in its directory: only members may act. */
function seedWithCatalog() {
  const seed = sandboxDirectorySeed();
  seed.users.push(directoryAccountOf(dave));
  return { ...seed, teamsApps: [{ id: CATALOG_ID, externalId: '00000000-0000-4000-8000-00000000b07e', displayName: 'GuestPass' }] };
}

function isApprovalCard(card: unknown): boolean {
  return /request\.refresh/.test(JSON.stringify(card));
}

describe('approval cards reach someone who can decide', () => {
  let standIns: StandIns;
  let bot: BotHarness | undefined;

  beforeEach(async () => {
    standIns = await StandIns.start(seedWithCatalog());
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await standIns.stop();
  });

  async function start(policy: Partial<InvitationPolicy>) {
    bot = await BotHarness.start({ standIns, env: { TEAMS_APP_CATALOG_ID: CATALOG_ID }, policy: { approval: { rule: 'always', trustedDomains: [] }, ...policy } });
    return bot;
  }

  async function requestFromMegan(address: string) {
    const [reply] = await bot!.say(personalMessage(`invite ${address}`, bot!.activityOptions({ from: megan })));
    const stored = (await bot!.app.store.requests.list({ states: ['pendingApproval'] })).find((r) => r.value.invitation.email === address);
    assert.ok(stored, 'the request waits for a decision');
    return { answer: cardText(cardOf(reply)), request: stored.value };
  }

  it('installs GuestPass for an approver who never opened a chat, sends the card there, and approving works', async () => {
    await start({ approvers: { users: [adele.aadObjectId], groups: [] }, admins: { users: [], groups: [] } });
    const { answer, request } = await requestFromMegan('first@fabrikam.com');
    assert.match(answer, /You will hear back here/);
    assert.match(answer, /The guest invitation approvers/);

    const installs = standIns.simulator.requestsTo('POST', `/v1.0/users/${adele.aadObjectId}/teamwork/installedApps`);
    assert.equal(installs.length, 1);
    assert.match(String((installs[0]!.body as Record<string, unknown>)['teamsApp@odata.bind']), new RegExp(`/v1\\.0/appCatalogs/teamsApps/${CATALOG_ID}$`));
    const [card] = await standIns.connector.waitForActivities(1, { conversationId: ADELE_INSTALLED_CHAT });
    assert.ok(isApprovalCard(cardOf(card)), 'the approval card is in the chat the installation opened');

    const response = await bot!.send(adaptiveCardActionInvoke({ ...bot!.activityOptions({ from: adele, conversationId: ADELE_INSTALLED_CHAT, replyToId: card!.activityId }), verb: 'request.approve', data: { requestId: request.id } }));
    assert.equal(response.status, 200);
    await bot!.app.background.idle();
    assert.equal(bot!.invitationPosts().length, 1, 'the approver could decide from there');

    // The chat is remembered: the next card needs no installation (and a 409 would be fine too).
    await requestFromMegan('second@fabrikam.com');
    await standIns.connector.waitForActivities(2, { conversationId: ADELE_INSTALLED_CHAT, where: (a) => a.operation !== 'update' });
    assert.equal(standIns.simulator.requestsTo('POST', `/v1.0/users/${adele.aadObjectId}/teamwork/installedApps`).length, 1);
  });

  it('uses an installation the approver already has (409) and finds its chat', async () => {
    standIns.simulator.directory.teamwork.install(adele.aadObjectId, CATALOG_ID);
    await start({ approvers: { users: [adele.aadObjectId], groups: [] }, admins: { users: [], groups: [] } });
    await requestFromMegan('again@fabrikam.com');
    await standIns.connector.waitForActivities(1, { conversationId: ADELE_INSTALLED_CHAT });
  });

  it('without the installation permission, posts to the approvers’ channel and warns once', async () => {
    standIns.simulator.directory.teamwork.installationAllowed = false;
    await start({
      approvers: { users: [adele.aadObjectId], groups: [] },
      admins: { users: [], groups: [] },
      delivery: { personal: true, channel: { teamId: SANDBOX_IDS.partnersTeam, channelId: APPROVERS_CHANNEL, serviceUrl: standIns.connector.serviceUrl } },
    });
    const { answer } = await requestFromMegan('one@fabrikam.com');
    await requestFromMegan('two@fabrikam.com');
    assert.match(answer, /The guest invitation approvers/);
    await standIns.connector.waitForActivities(2, { conversationId: APPROVERS_CHANNEL });
    const warnings = bot!.logLines.filter((line) => /TeamsAppInstallation\.ReadWriteSelfForUser\.All/.test(line));
    assert.equal(warnings.length, 1, 'one warning, not one per card');
    assert.equal(JSON.parse(warnings[0]!).level, 'warn');
  });

  it('without the permission or a channel, asks the admins and tells the requester why at once', async () => {
    standIns.simulator.directory.teamwork.installationAllowed = false;
    await start({ approvers: { users: [adele.aadObjectId], groups: [] }, admins: { users: [dave.aadObjectId], groups: [] } });
    await bot!.say(personalMessage('help', bot!.activityOptions({ from: dave, conversationId: 'a:dave-personal' })));
    const { answer, request } = await requestFromMegan('three@fabrikam.com');
    assert.match(answer, /None of the approvers could be reached in Teams.*so I asked an administrator instead/s);
    const [card] = await standIns.connector.waitForActivities(1, { conversationId: 'a:dave-personal', where: (a) => isApprovalCard(a.activity.attachments?.[0]?.content) });
    assert.ok(card);
    const response = await bot!.send(adaptiveCardActionInvoke({ ...bot!.activityOptions({ from: dave, conversationId: 'a:dave-personal' }), verb: 'request.approve', data: { requestId: request.id } }));
    assert.equal(response.status, 200);
    await bot!.app.background.idle();
    assert.equal(bot!.invitationPosts().length, 1);
  });

  it('a requester who is the only approver is told so, and the fallback approvers get the card and may decide', async () => {
    await start({
      approvers: { users: [megan.aadObjectId], groups: [] },
      fallbackApprovers: { users: [adele.aadObjectId], groups: [], afterMinutes: 240 },
      admins: { users: [], groups: [] },
    });
    await bot!.say(personalMessage('help', bot!.activityOptions({ from: adele, conversationId: 'a:adele-personal' })));
    const { answer, request } = await requestFromMegan('four@fabrikam.com');
    assert.match(answer, /Nobody but you is an approver for this request.*so I asked the fallback approvers instead/s);
    assert.ok(request.approval?.escalatedAt, 'escalated at once, so the fallback approvers may decide');
    await standIns.connector.waitForActivities(2, { conversationId: 'a:adele-personal' });
    const response = await bot!.send(adaptiveCardActionInvoke({ ...bot!.activityOptions({ from: adele, conversationId: 'a:adele-personal' }), verb: 'request.approve', data: { requestId: request.id } }));
    assert.equal(response.status, 200);
    await bot!.app.background.idle();
    assert.equal(bot!.invitationPosts().length, 1);
  });

  it("sends each approver the card in the language of their own chat, and keeps it there once decided", async () => {
    await start({ approvers: { users: [adele.aadObjectId, dave.aadObjectId], groups: [] }, admins: { users: [], groups: [] } });
    await bot!.say(personalMessage('help', bot!.activityOptions({ from: adele, conversationId: 'a:adele-personal', locale: 'tr-TR' })));
    await bot!.say(personalMessage('help', bot!.activityOptions({ from: dave, conversationId: 'a:dave-personal', locale: 'en-US' })));
    const { request } = await requestFromMegan('six@fabrikam.com');
    const approvalIn = async (conversationId: string) =>
      (await standIns.connector.waitForActivities(1, { conversationId, where: (a) => isApprovalCard(a.activity.attachments?.[0]?.content) }))[0]!;
    const adeles = await approvalIn('a:adele-personal');
    const daves = await approvalIn('a:dave-personal');
    assert.match(cardText(cardOf(adeles)), /Konuk daveti isteği/);
    assert.doesNotMatch(cardText(cardOf(adeles)), /Guest invitation request/);
    assert.match(JSON.stringify(cardOf(adeles)), /"locale":"tr"/, 'its buttons answer in Turkish too');
    assert.match(cardText(cardOf(daves)), /Guest invitation request/);
    assert.doesNotMatch(cardText(cardOf(daves)), /Konuk daveti isteği/);

    const response = await bot!.send(adaptiveCardActionInvoke({ ...bot!.activityOptions({ from: dave, conversationId: 'a:dave-personal', replyToId: daves.activityId }), verb: 'request.approve', data: { requestId: request.id } }));
    assert.equal(response.status, 200);
    const [updated] = await standIns.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === adeles.activityId });
    assert.match(cardText(cardOf(updated)), /Konuk daveti isteği/, "Adele's copy stays Turkish once Dave decided");
  });

  it('when nobody but the requester could decide, says so at once and records it', async () => {
    await start({ approvers: { users: [megan.aadObjectId], groups: [] }, admins: { users: [], groups: [] } });
    const { answer, request } = await requestFromMegan('five@fabrikam.com');
    assert.match(answer, /Nobody but you may approve the invitation of five@fabrikam\.com.*so nobody was asked/s);
    assert.doesNotMatch(answer, /You will hear back/);
    const audit = await bot!.app.store.audit.latest(5);
    assert.ok(audit.some((entry) => entry.event === 'request.noApprover' && entry.requestId === request.id));
  });
});
