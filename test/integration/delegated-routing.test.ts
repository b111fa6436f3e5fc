import assert from 'node:assert/strict';
import { APPROVE, ASSIGN_SPONSOR } from '../../src/cards/verbs';
import { DEFAULT_LIFECYCLE_POLICY } from '../../src/invitation/lifecycle/lifecycle-policy';
import { adaptiveCardActionInvoke, personalMessage, signInInvoke, TEAMS_TEST_USERS } from '../support/teams-activities';
import { BotHarness, cardOf, cardText } from './bot-harness';
import { bearerOf, DelegatedStage, oauthCardOf, SSO_CONNECTION } from './delegated-stage';

const { megan, adele } = TEAMS_TEST_USERS;
const ADELE_CHAT = 'a:adele-personal';

type Claims = Record<string, unknown>;

/** Which authority each Graph call carried, by mode: the person's (delegated token) or the app's. */
describe('delegated mode: whose authority each Graph call carries', function () {
  let stage: DelegatedStage | undefined;
  afterEach(async () => {
    await stage?.stop();
    stage = undefined;
  });

  const claimsOf = (request: { headers: Record<string, unknown> } | undefined): Claims => stage!.bot.entra.decode(bearerOf(request));
  const isApp = (claims: Claims) => claims.idtyp === 'app' && Array.isArray(claims.roles) && claims.scp === undefined;
  const isMegan = (claims: Claims) => claims.idtyp === 'user' && claims.oid === megan.aadObjectId && claims.roles === undefined;

  async function signedInMegan(mode: 'delegated' | 'delegated-app-lookups', options: Parameters<typeof DelegatedStage.start>[1] = {}) {
    const started = await DelegatedStage.start(mode, options);
    stage = started;
    const before = started.bot.connector.activities.length;
    await started.exchange(started.ssoToken(megan));
    const [confirmation] = started.bot.connector.activities.slice(before);
    assert.match(String(confirmation?.activity.text), /signed in/, 'a sign-in with nothing kept is acknowledged');
    return started;
  }

  it('delegated-app-lookups: the lookups use the app\'s token, the invitation Megan\'s', async () => {
    const { bot } = await signedInMegan('delegated-app-lookups');
    await bot.say(personalMessage('invite newguest@tailspin.com', bot.activityOptions()));
    const lookups = [...bot.simulator.requestsTo('GET', '/v1.0/organization'), ...bot.simulator.requestsTo('GET', '/v1.0/users')];
    assert.ok(lookups.length >= 2, 'verified domains and the existing-user search');
    for (const lookup of lookups) assert.ok(isApp(claimsOf(lookup)), `${lookup.path} carries the app token`);
    const [post] = bot.invitationPosts();
    assert.ok(isMegan(claimsOf(post)), 'POST /invitations carries Megan\'s token');
  });

  it('delegated: lookups need the sign-in too and carry Megan\'s token; status waits for the sign-in', async () => {
    stage = await DelegatedStage.start('delegated');
    const { bot } = stage;
    const [asked] = await bot.say(personalMessage('status jane@fabrikam.com', bot.activityOptions()));
    assert.ok(oauthCardOf(asked), 'status asks for the sign-in first');
    assert.equal(bot.simulator.requestsTo('GET', '/').length, 0);
    await stage.exchange(stage.ssoToken(megan));
    const [lookup] = bot.requestsBesidesAccountChecks('GET', '/v1.0/users');
    assert.ok(isMegan(claimsOf(lookup)), 'the status lookup carries Megan\'s token');
    const accountChecks = bot.simulator.requestsTo('GET', `/v1.0/users/${megan.aadObjectId}`);
    assert.equal(accountChecks.length, 1, 'whether Megan is a guest is asked once');
    assert.ok(isApp(claimsOf(accountChecks[0])), 'and with the app\'s authority, like group membership');
    await bot.say(personalMessage('invite newguest@tailspin.com', bot.activityOptions()));
    for (const request of [...bot.simulator.requestsTo('GET', '/v1.0/organization'), ...bot.invitationPosts()]) {
      assert.ok(isMegan(claimsOf(request)), `${request.method} ${request.path} carries Megan's token`);
    }
  });

  it('a re-invitation (resend) is a change: it carries Megan\'s token', async () => {
    const { bot } = await signedInMegan('delegated-app-lookups');
    const [reply] = await bot.say(personalMessage('resend jane@fabrikam.com', bot.activityOptions()));
    assert.match(String(reply?.activity.text), /again/i);
    const [post] = bot.invitationPosts();
    assert.ok(isMegan(claimsOf(post)));
  });

  it('tells Megan which tenant setting or role stops her when Entra refuses her invitation (403)', async () => {
    const { bot } = await signedInMegan('delegated-app-lookups');
    bot.simulator.enqueueFault(
      { method: 'POST', pathPrefix: '/v1.0/invitations' },
      { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } },
    );
    const [reply] = await bot.say(personalMessage('invite newguest@tailspin.com', bot.activityOptions()));
    const text = cardText(cardOf(reply));
    assert.match(text, /Guest invite settings/);
    assert.match(text, /Guest Inviter/);
    const [request] = await bot.app.store.requests.list({});
    assert.equal(request?.value.result?.errorKind, 'inviterNotAllowed');
  });

  it('in Turkish too', async () => {
    const { bot } = await signedInMegan('delegated-app-lookups');
    bot.simulator.enqueueFault({ method: 'POST', pathPrefix: '/v1.0/invitations' }, { status: 403, body: { error: { code: 'Forbidden', message: 'no' } } });
    const [reply] = await bot.say(personalMessage('invite newguest@tailspin.com', bot.activityOptions({ locale: 'tr-TR' })));
    assert.match(cardText(cardOf(reply)), /Konuk davet ayarları/);
  });

  it("delegated: an administrator's Assign sponsor needs no sign-in; the address and the sponsor go with the app's token", async () => {
    stage = await DelegatedStage.start('delegated', {
      appRoles: ['User.Invite.All', 'User.ReadWrite.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All'],
      policy: { admins: { users: [adele.aadObjectId], groups: [] }, lifecycle: { ...DEFAULT_LIFECYCLE_POLICY, enforcement: 'enforce' } },
    });
    const { bot } = stage;
    const guest = bot.simulator.directory.createInvitedUser('orphan@fabrikam.com', 'Orphan Guest', 'Guest');
    bot.simulator.directory.setSponsors(guest.id, []);
    const lifecycle = bot.app.invitations.lifecycle!;
    await lifecycle.guests.create({
      userId: guest.id.toLowerCase(),
      address: 'orphan@fabrikam.com',
      displayName: 'Orphan Guest',
      sponsorIds: [],
      redemption: 'pending',
      state: 'active',
      accessEndsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      history: [],
    });
    const [listed] = await bot.say(personalMessage('orphans', bot.activityOptions({ from: adele, conversationId: ADELE_CHAT })));
    const found = /"verb":"guest\.assignSponsor","title":"[^"]*","data":(\{[^}]*\})/.exec(JSON.stringify(cardOf(listed)));
    assert.ok(found, 'the orphans card, with no sign-in asked for');
    const data = JSON.parse(found[1]!) as Record<string, string>;
    const before = bot.simulator.requests.length;
    const response = await bot.send(
      adaptiveCardActionInvoke({
        ...bot.activityOptions({ from: adele, conversationId: ADELE_CHAT, replyToId: listed!.activityId }),
        verb: ASSIGN_SPONSOR,
        data: { locale: 'en', ...data, [data.field!]: 'megan@contoso.com' },
      }),
    );
    const body = response.body as { value: unknown };
    assert.match(typeof body.value === 'string' ? body.value : cardText(body.value), /Megan Bowen now sponsors/);
    assert.deepEqual(bot.simulator.directory.sponsorsOf(guest.id).map((user) => user.id), [megan.aadObjectId]);
    const calls = bot.simulator.requests.slice(before);
    assert.ok(calls.some((call) => call.method === 'GET' && call.path.startsWith('/v1.0/users')), 'the address was looked up');
    // A $batch's parts are recorded too, with no headers of their own: the batch carries the token.
    const sent = calls.filter((call) => call.headers.authorization !== undefined);
    for (const call of sent) assert.ok(isApp(claimsOf(call)), `${call.method} ${call.path} carries the app token`);
  });

  it('an approved request is sent with the approver\'s token, after the approver signs in from the card button', async () => {
    const signedIn = await signedInMegan('delegated-app-lookups', {
      policy: { approval: { rule: 'always', trustedDomains: [] }, approvers: { users: [adele.aadObjectId], groups: [] } },
    });
    const { bot } = signedIn;
    const [pending] = await bot.say(personalMessage('invite newguest@tailspin.com', bot.activityOptions()));
    assert.match(cardText(cardOf(pending)), /approval/i);
    assert.equal(bot.invitationPosts().length, 0);
    const [stored] = await bot.app.store.requests.list({ states: ['pendingApproval'] });
    assert.ok(stored);

    const press = adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele, conversationId: ADELE_CHAT }), verb: APPROVE, data: { requestId: stored.value.id } });
    const answer = await bot.send(press);
    assert.match(String((answer.body as { value: unknown }).value), /sign in/i, 'the button says to sign in');
    const card = bot.connector.activities.filter((a) => a.conversationId === ADELE_CHAT).map(oauthCardOf).find(Boolean);
    assert.ok(card, 'the sign-in card is in Adele\'s chat');
    assert.equal(bot.invitationPosts().length, 0, 'nothing sent before Adele signs in');

    const before = bot.connector.activities.length;
    const exchanged = await signedIn.exchange(signedIn.ssoToken(adele), { from: adele, conversationId: ADELE_CHAT });
    assert.equal(exchanged.status, 200);
    await bot.app.background.idle();
    const [post] = bot.invitationPosts();
    assert.equal(claimsOf(post).oid, adele.aadObjectId, 'the approver\'s own token sends the invitation');
    assert.equal((await bot.app.store.requests.get(stored.value.id))?.value.state, 'invited');
    const answered = bot.connector.activities.slice(before).filter((a) => a.conversationId === ADELE_CHAT && a.operation !== 'update');
    assert.ok(answered.some((a) => /Adele Vance/.test(cardText(cardOf(a)))), 'the decided card is answered in Adele\'s chat');
  });
});

describe('app mode (the default) is unchanged by single sign-on', () => {
  it('invites with the app token and does not take sign-in invokes', async () => {
    const bot = await BotHarness.start();
    try {
      await bot.say(personalMessage('invite newguest@tailspin.com', bot.activityOptions()));
      const claims = bot.entra.decode(bearerOf(bot.invitationPosts()[0]));
      assert.equal(claims.idtyp, 'app');
      const invoke = signInInvoke({ ...bot.activityOptions(), name: 'signin/tokenExchange', value: { id: 'x', connectionName: SSO_CONNECTION, token: 'eyJ.x.y' } });
      assert.equal((await bot.send(invoke)).status, 400);
    } finally {
      await bot.stop();
    }
  });
});
