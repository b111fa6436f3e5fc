import assert from 'node:assert/strict';
import { SANDBOX_IDS, sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import { adaptiveCardActionInvoke, channelMessage, groupChatMessage, personalMessage, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';
import { sampleRequest } from '../storage/sample-request';
import { BotHarness, cardOf, cardText, CLIENT_SECRET } from './bot-harness';

describe('inviting a guest from Teams, end to end', function () {
  let bot: BotHarness;

  beforeEach(async () => {
    const seed = sandboxDirectorySeed();
    // A guest known only by the #EXT# form of its user principal name.
    seed.users.push({ displayName: 'Uma Only-UPN', userPrincipalName: 'uma_tailspin.com#EXT#@contoso.onmicrosoft.com', mail: null, userType: 'Guest', externalUserState: 'PendingAcceptance', creationType: 'Invitation' });
    seed.users.push({ displayName: "Seán O'Brien", userPrincipalName: "sean.o'brien_adatum.com#EXT#@contoso.onmicrosoft.com", mail: "sean.o'brien@adatum.com", userType: 'Guest', externalUserState: 'Accepted', creationType: 'Invitation' });
    bot = await BotHarness.start({ seed });
  });
  afterEach(() => bot.stop());

  it('sends the invitation with every option and confirms without a redeem URL', async () => {
    const [reply] = await bot.say(
      personalMessage('invite newguest@tailspin.com New Guest --message "Welcome to Falcon" --cc pm@contoso.com --lang tr-TR --redirect https://contoso.sharepoint.com/sites/falcon', bot.activityOptions()),
    );
    const posts = bot.invitationPosts();
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0]?.body, {
      invitedUserEmailAddress: 'newguest@tailspin.com',
      invitedUserDisplayName: 'New Guest',
      inviteRedirectUrl: 'https://contoso.sharepoint.com/sites/falcon',
      sendInvitationMessage: true,
      invitedUserType: 'Guest',
      invitedUserMessageInfo: {
        customizedMessageBody: 'Welcome to Falcon',
        messageLanguage: 'tr-TR',
        ccRecipients: [{ emailAddress: { address: 'pm@contoso.com' } }],
      },
      invitedUserSponsors: [{ id: SANDBOX_IDS.users.megan }],
    });
    assert.match(String(posts[0]?.headers.authorization), /^Bearer ey/, 'the token reached the custom Graph host');
    const guest = bot.simulator.directory.findUserByEmail('newguest@tailspin.com');
    assert.ok(guest);
    const text = cardText(cardOf(reply));
    assert.ok(text.includes(guest.id), 'the card names the guest object id');
    assert.ok(!text.includes('redeem'), 'no redeem URL when Entra sends the email');
    assert.equal(bot.entra.tokenRequests.length, 1, 'one token, cached for later calls');
  });

  it('withholds the email and posts the redeem URL into the chat', async () => {
    const [reply] = await bot.say(personalMessage('invite quiet@tailspin.com --no-email', bot.activityOptions()));
    const posts = bot.invitationPosts();
    assert.equal(posts.length, 1);
    assert.equal((posts[0]?.body as { sendInvitationMessage: boolean }).sendInvitationMessage, false);
    assert.match(cardText(cardOf(reply)), /https:\/\/login\.microsoftonline\.com\/redeem\?rd=/);
  });

  const existing: [string, string][] = [
    ['userPrincipalName (guest #EXT# form)', 'uma@tailspin.com'],
    ['mail', 'jane@fabrikam.com'],
    ['proxyAddresses', 'lee@woodgrove.com'],
    ['otherMails', 'kai@litware.com'],
    ['mail, with an apostrophe', "sean.o'brien@adatum.com"],
  ];
  for (const [property, address] of existing) {
    it(`reports an existing user found by ${property} and does not invite again`, async () => {
      const [reply] = await bot.say(personalMessage(`invite ${address}`, bot.activityOptions()));
      assert.equal(bot.invitationPosts().length, 0);
      const lookups = bot.requestsBesidesAccountChecks('GET', '/v1.0/users');
      assert.equal(lookups.length, 1, 'one lookup request covers all four properties');
      const text = cardText(cardOf(reply));
      assert.ok(/Guest/.test(text), text);
    });
  }

  it('invites an address with an apostrophe (the filter is escaped, Graph accepts it)', async () => {
    await bot.say(personalMessage("invite o'neil@tailspin.com Pat O'Neil", bot.activityOptions()));
    const lookup = bot.requestsBesidesAccountChecks('GET', '/v1.0/users')[0];
    assert.ok(lookup?.query.get('$filter')?.includes("'o''neil@tailspin.com'"));
    assert.equal(bot.invitationPosts().length, 1);
    assert.ok(bot.simulator.directory.findUserByEmail("o'neil@tailspin.com"));
  });

  it('refuses an address in a verified domain as internal, without looking up or inviting', async () => {
    const [reply] = await bot.say(personalMessage('invite someone@Contoso.com', bot.activityOptions()));
    assert.equal(bot.invitationPosts().length, 0);
    assert.equal(bot.requestsBesidesAccountChecks('GET', '/v1.0/users').length, 0);
    assert.match(cardText(cardOf(reply)), /contoso\.com/);
  });

  for (const [what, command] of [
    ['a malformed address', 'invite not-an-address'],
    ['a plus address', 'invite jane+tag@tailspin.com'],
    ['a non-https redirect', 'invite a@tailspin.com --redirect http://example.com'],
    ['an oversized message', `invite a@tailspin.com --message "${'x'.repeat(1001)}"`],
    ['an unknown option', 'invite a@tailspin.com --bcc b@tailspin.com'],
  ]) {
    it(`refuses ${what} before any Graph call, with a clear message`, async () => {
      const [reply] = await bot.say(personalMessage(command as string, bot.activityOptions()));
      assert.equal(bot.requestsBesidesAccountChecks().length, 0, 'no Graph request about the input');
      const text = reply?.activity.text ?? cardText(cardOf(reply));
      assert.ok(text.length > 20, text);
    });
  }

  it('waits out a 429 with Retry-After and invites exactly once', async () => {
    bot.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } });
    const [reply] = await bot.say(personalMessage('invite busy@tailspin.com', bot.activityOptions()));
    assert.equal(bot.invitationPosts().length, 2, 'the throttled attempt and the retry');
    assert.equal(bot.simulator.directory.invitations.length, 1, 'exactly one invitation');
    assert.ok(cardText(cardOf(reply)).includes(bot.simulator.directory.findUserByEmail('busy@tailspin.com')!.id));
  });

  it('says so clearly when Graph is still throttling after the retries', async () => {
    bot.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { status: 429, headers: { 'Retry-After': '0' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } }, 4);
    const [reply] = await bot.say(personalMessage('invite busy@tailspin.com', bot.activityOptions()));
    assert.equal(bot.invitationPosts().length, 4, 'first try and three retries');
    assert.equal(bot.simulator.directory.invitations.length, 0);
    assert.match(cardText(cardOf(reply)), /busy/i);
  });

  it('maps 403 insufficient privileges to a message for the administrator', async () => {
    bot.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, {
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', innerError: { 'request-id': 'req-403' } } },
    });
    const [reply] = await bot.say(personalMessage('invite denied@tailspin.com', bot.activityOptions()));
    const text = cardText(cardOf(reply));
    assert.match(text, /permission/i);
    assert.match(text, /req-403/);
    assert.doesNotMatch(text, /Insufficient privileges to complete/, 'Graph’s own text is not shown');
  });

  it('maps a refusal by the tenant’s B2B deny list to a clear message', async () => {
    const [reply] = await bot.say(personalMessage('invite x@blocked.example', bot.activityOptions()));
    assert.match(cardText(cardOf(reply)), /external collaboration settings/i);
  });

  it('says Graph is unreachable when the connection fails', async () => {
    // A lookup whose reused connection was reset is sent once more on a new one: both attempts fail here.
    bot.simulator.enqueueFault({ method: 'GET', pathPrefix: '/v1.0/organization' }, { kind: 'reset' }, 2);
    const [reply] = await bot.say(personalMessage('invite x@tailspin.com', bot.activityOptions()));
    assert.match(cardText(cardOf(reply)), /could not be reached/i);
  });

  it('answers in a channel and a group chat when mentioned', async () => {
    const [inChannel] = await bot.say(channelMessage('invite chan@tailspin.com', bot.activityOptions()));
    assert.ok(cardText(cardOf(inChannel)).includes(bot.simulator.directory.findUserByEmail('chan@tailspin.com')!.id));
    const [inGroup] = await bot.say(groupChatMessage('status jane@fabrikam.com', bot.activityOptions()));
    assert.match(cardText(cardOf(inGroup)), /Jane Doe/);
  });

  it('shows the form for a bare invite; submitting it runs the same invitation and replaces the form', async () => {
    const [form] = await bot.say(personalMessage('invite', bot.activityOptions()));
    assert.equal((cardOf(form).actions as { verb?: string }[])[0]?.verb, 'invite.submit');
    const response = await bot.send(
      adaptiveCardActionInvoke({ ...bot.activityOptions(), verb: 'invite.submit', data: { email: 'form@tailspin.com', displayName: 'Form Guest', sendEmail: 'false', member: 'false' } }),
    );
    assert.equal(response.status, 200);
    const body = response.body as { statusCode: number; type: string; value: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(body.value), /redeem\?rd=/);
    assert.equal(bot.invitationPosts().length, 1);
  });

  it("answers a form for an address someone has an open request for with who asked, and the asker's own request as theirs", async () => {
    const adele = TEAMS_TEST_USERS.adele;
    const held = sampleRequest({ requester: { id: adele.aadObjectId, displayName: adele.name, locale: 'en-US' }, createdAt: '2026-11-20T08:30:00.000Z' });
    await bot.app.store.requests.create({ ...held, invitation: { ...held.invitation, email: 'held@tailspin.com', domain: 'tailspin.com' } });
    const submit = (from: TeamsUser = TEAMS_TEST_USERS.megan) =>
      bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from }), verb: 'invite.submit', data: { email: 'Held@tailspin.com', sendEmail: 'false', member: 'false' } }));

    const megans = cardText((((await submit()).body) as { value: unknown }).value);
    assert.match(megans, /Adele Vance asked to invite held@tailspin\.com on .*2026.*, and that request is still open \(Waiting for approval\)/);
    assert.doesNotMatch(megans, /redeem/);
    const adeles = cardText((((await submit(adele)).body) as { value: unknown }).value);
    assert.match(adeles, new RegExp(`You asked to invite held@tailspin\\.com .*request ${held.id}.*Waiting for approval`));
    assert.equal(bot.invitationPosts().length, 0);
  });

  it('re-shows the form with the typed values and the problems when a submission is invalid', async () => {
    const response = await bot.send(
      adaptiveCardActionInvoke({ ...bot.activityOptions(), verb: 'invite.submit', data: { email: 'broken', displayName: 'Keep Me', redirectUrl: 'http://x.com' } }),
    );
    const body = response.body as { value: unknown };
    const text = JSON.stringify(body.value);
    assert.ok(text.includes('Keep Me'), 'typed values are kept');
    assert.ok(text.includes('broken'));
    assert.equal(bot.requestsBesidesAccountChecks().length, 0);
  });

  it('reports status with state and since when; unknown text gets help', async () => {
    const [status] = await bot.say(personalMessage('status alex@northwind.com', bot.activityOptions()));
    assert.match(cardText(cardOf(status)), /Accepted/);
    const replies = await bot.say(personalMessage('make me a sandwich', bot.activityOptions()), 2);
    assert.match(replies[0]?.activity.text ?? '', /didn't understand/);
    assert.ok(cardOf(replies[1]));
  });

  it('answers in Turkish when the client is Turkish', async () => {
    const [reply] = await bot.say(personalMessage('status nobody@tailspin.com', bot.activityOptions({ locale: 'tr-TR' })));
    assert.match(reply?.activity.text ?? '', /Dizinde/);
  });

  it('refuses activities from another tenant', async () => {
    const [reply] = await bot.say(personalMessage('invite x@tailspin.com', bot.activityOptions({ tenantId: '99999999-9999-9999-9999-999999999999' })));
    assert.match(reply?.activity.text ?? '', /only the organization/);
    assert.equal(bot.simulator.requests.length, 0);
  });

  it('never writes the secret, a token or a redeem URL to the logs', async () => {
    await bot.say(personalMessage('invite logs@tailspin.com --no-email', bot.activityOptions()));
    const logs = bot.logLines.join('\n');
    assert.ok(bot.logLines.length > 0);
    assert.ok(!logs.includes(CLIENT_SECRET));
    assert.ok(!/redeem\?/.test(logs));
    assert.ok(!/eyJ[A-Za-z0-9_-]{10,}\./.test(logs));
  });
});
