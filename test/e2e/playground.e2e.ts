import { strict as assert } from 'node:assert';
import type { Attachment } from 'botbuilder';
import { translatorFor } from '../../src/i18n';
import { personalMessage, send, TEAMS_TEST_USERS } from '../support/teams-activities';
import { describeLogs, E2eEnvironment, startEnvironment } from './support/environment';
import { normalise, REPLY_TIMEOUT_MS } from './support/playground-chat';
import { waitFor } from './support/wait';

/**
 * GuestPass in a real browser: headless Chromium drives the Microsoft 365 Agents Playground (the local Teams
 * client) which talks to the bot over HTTP exactly as it does for a developer running `npm run playground`.
 * The Playground's signed-in person is Megan Bowen of the sandbox tenant; test/e2e/fixtures/policy.yaml makes
 * her the approver. Run with `npm run test:e2e`; `npm run test:e2e -- --screenshots` also refreshes
 * docs/screenshots.
 */
describe('GuestPass in the Microsoft 365 Agents Playground (headless Chromium)', function () {
  this.timeout(60_000);
  const t = translatorFor('en-US');
  let env: E2eEnvironment;

  before(async function () {
    this.timeout(150_000);
    env = await startEnvironment();
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (!env || test?.state !== 'failed') return;
    const dir = await env.saveArtifacts(test.fullTitle()).catch((error: Error) => `(could not save artifacts: ${error.message})`);
    process.stderr.write(`\nFailure artifacts (screenshot, page HTML, messages): ${dir}\n${describeLogs(env.workDir)}\n`);
  });

  after(async function () {
    this.timeout(60_000);
    await env?.close();
  });

  it('answers "status jane@fabrikam.com" with the guest\'s pending invitation', async () => {
    const sent = await env.chat.send('status jane@fabrikam.com');
    const { message } = await env.chat.waitForBotMessage(sent.nextBotMessage, [
      t('cards:guestStatus.title', { email: 'jane@fabrikam.com' }),
      'Jane Doe (Fabrikam)',
      t('cards:common.externalUserState.PendingAcceptance'),
    ]);
    await message.scrollIntoViewIfNeeded();
    await env.screenshot('status', { region: 'window' });
  });

  it('invites with "invite someone@tailspin.com --no-email" and shows the redeem URL in the reply card', async () => {
    const sent = await env.chat.send('invite someone@tailspin.com --no-email');
    const { message } = await env.chat.waitForBotMessage(sent.nextBotMessage, [
      t('cards:result.invited.titleNoEmail'),
      'someone@tailspin.com',
    ]);

    // The link on the card is the one Entra (here the simulated directory) issued for this guest.
    const directory = env.bot.app.sandbox!.simulator.directory;
    const guest = directory.findUserByEmail('someone@tailspin.com');
    assert.ok(guest, 'the guest was not created in the simulated directory');
    assert.equal(guest.userType, 'Guest');
    const redeemUrl = directory.invitationsFor(guest.id).at(-1)?.inviteRedeemUrl;
    assert.ok(redeemUrl, 'the simulated directory recorded no invitation for the guest');
    const text = normalise(await message.innerText());
    assert.ok(text.includes(redeemUrl), `the card does not show the redeem URL ${redeemUrl}:\n${text}`);
    // No button opens it (the Playground renders an Action.OpenUrl as a link titled with its URL): opening it with
    // the requester's own account would redeem the guest's invitation.
    assert.equal(await message.locator(`[title="${redeemUrl}"]`).count(), 0, 'a button on the card opens the redeem URL');
    await message.scrollIntoViewIfNeeded();
    await env.screenshot('invite-no-email');
  });

  it('shows the form for "invite" alone, and replaces the form with the result once it is submitted', async () => {
    const sent = await env.chat.send('invite');
    const { index, message: form } = await env.chat.waitForBotMessage(sent.nextBotMessage, [t('cards:form.title')]);

    await form.getByLabel(t('cards:form.email.label')).fill('robin@tailspin.com');
    await form.getByLabel(t('cards:form.displayName.label')).fill('Robin Counts (Tailspin)');
    await form.getByLabel(t('cards:form.message.label')).fill('Welcome to Project Falcon!');
    await form.getByLabel(t('cards:form.sendEmail.title')).uncheck();
    await form.scrollIntoViewIfNeeded();
    await env.screenshot('invite-form');

    const messagesBefore = await env.chat.botMessages.count();
    await form.getByRole('button', { name: t('cards:form.submit') }).click();
    // Universal Actions: the answer replaces the form in the same message.
    const result = await env.chat.waitForMessageToShow(
      index,
      [t('cards:result.invited.titleNoEmail'), 'robin@tailspin.com', 'Robin Counts (Tailspin)'],
      'the invite form to be replaced by the result card',
    );
    assert.equal(await result.getByLabel(t('cards:form.email.label')).count(), 0, 'the form is still shown after submitting');
    assert.equal(await env.chat.botMessages.count(), messagesBefore, 'the result came as a new message instead of replacing the form');
    assert.ok(env.bot.app.sandbox!.simulator.directory.findUserByEmail('robin@tailspin.com'), 'robin@tailspin.com was not invited');
    await result.scrollIntoViewIfNeeded();
    await env.screenshot('invite-form-result');
  });

  it("brings another person's request to the approver, whose Approve updates the cards in place", async () => {
    const chat = env.chat;
    // Megan's personal chat is on record once she has written to the bot; the list is empty so far.
    const first = await chat.send('requests');
    await chat.waitForBotMessage(first.nextBotMessage, [t('cards:list.pendingApprovals.title'), t('cards:list.pendingApprovals.empty')]);

    // Adele Vance, in her own Teams (the fake connector), asks for a guest from a domain that is not trusted.
    const adele = TEAMS_TEST_USERS.adele;
    const adeleChat = `a:1personal-${adele.aadObjectId}`;
    const nextInPlayground = await chat.botMessages.count();
    const posted = await send(
      env.bot.url,
      personalMessage('invite pat@litware.com "Pat Kim" --no-email', { serviceUrl: env.connector.serviceUrl, from: adele }),
    );
    assert.equal(posted.status, 200, `the bot answered Adele's message with HTTP ${posted.status}`);
    const [adeleReply] = await env.connector.waitForActivities(1, { conversationId: adeleChat, timeoutMs: REPLY_TIMEOUT_MS });
    assert.ok(cardText(adeleReply!.activity.attachments).includes(t('cards:result.pendingApproval.title')), 'Adele was not told her request waits for approval');
    const [pending] = await env.bot.app.invitations.requests.list({ requesterId: adele.aadObjectId, states: ['pendingApproval'] });
    assert.ok(pending, "Adele's request was not recorded as waiting for approval");
    const requestId = pending.value.id;

    // The approval card reaches Megan's chat in the Playground on its own (a proactive message).
    const { index: cardIndex, message: approvalCard } = await chat.waitForBotMessage(
      nextInPlayground,
      [t('cards:approval.title'), requestId, 'pat@litware.com', t('cards:status.pendingApproval')],
      { what: `the approval card for request ${requestId} in the approver's chat` },
    );
    await approvalCard.scrollIntoViewIfNeeded();
    await env.screenshot('approval-card', { focus: approvalCard });

    // The Playground has no user-specific views, so that card stays read-only there; the list has the buttons.
    const listed = await chat.send('requests');
    const { index: listIndex, message: list } = await chat.waitForBotMessage(listed.nextBotMessage, [
      t('cards:list.pendingApprovals.title'),
      requestId,
      'Pat Kim',
    ]);
    await list.scrollIntoViewIfNeeded();
    await env.screenshot('requests-list');
    await list.getByRole('button', { name: t('cards:decision.approve'), exact: true }).click();

    const approvedBy = t('cards:status.approvedInvited', { name: 'Megan Bowen', at: '\u0000' }).split('\u0000')[0]!;
    // The list stays a list: the decided entry shows the decision in place of its buttons.
    await chat.waitForMessageToShow(listIndex, [t('cards:list.pendingApprovals.title'), requestId, approvedBy], 'the decided entry in the list card');
    await chat.waitForMessageToShow(cardIndex, [requestId, approvedBy], 'the earlier approval card to be updated in place');
    await chat.botMessage(listIndex).scrollIntoViewIfNeeded();
    await env.screenshot('approved');

    const invited = await waitFor(
      async () => {
        const stored = await env.bot.app.invitations.requests.get(requestId);
        return stored?.value.state === 'invited' ? stored.value : undefined;
      },
      { timeoutMs: REPLY_TIMEOUT_MS, what: `request ${requestId} to reach the state "invited"` },
    );
    assert.equal(invited.approval?.decidedBy?.id, '48d31887-5fad-4d73-a9f5-3c356e68a038', 'the decision is not recorded as Megan Bowen\'s');
    assert.ok(env.bot.app.sandbox!.simulator.directory.findUserByEmail('pat@litware.com'), 'pat@litware.com was not invited');
    // Adele hears back in her own chat.
    const news = await env.connector.waitForActivities(2, { conversationId: adeleChat, timeoutMs: REPLY_TIMEOUT_MS });
    assert.ok(cardText(news[1]!.activity.attachments).includes('pat@litware.com'), 'Adele was not told about the decision');
  });
});

/** All the text of the Adaptive Cards among `attachments`, for simple containment checks. */
function cardText(attachments: Attachment[] | undefined): string {
  return JSON.stringify((attachments ?? []).map((attachment) => attachment.content));
}
