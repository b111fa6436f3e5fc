import assert from 'node:assert/strict';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { personalMessage, signInInvoke, TEAMS_TEST_USERS } from '../support/teams-activities';
import { systemClock } from '../../src/invitation/clock';
import { PendingSignIns } from '../../src/teams/sso/pending-sign-ins';
import { PendingWork } from '../../src/teams/sso/pending-work';
import { cardOf, cardText, CLIENT_ID } from './bot-harness';
import { bearerOf, DelegatedStage, oauthCardOf, SSO_APP_ID_URI, SSO_CONNECTION } from './delegated-stage';

const { megan } = TEAMS_TEST_USERS;
const MEGAN_CHAT = `a:1personal-${megan.aadObjectId}`;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/;

/**
 * Teams single sign-on in the delegated modes, through the real HTTP endpoint: the sign-in card, the token
 * exchange (or the magic code), the request kept meanwhile and resumed, and the invitation sent with the person's
 * own token, obtained with the on-behalf-of grant.
 */
describe('delegated mode: signing in from Teams, end to end', function () {
  let stage: DelegatedStage;

  beforeEach(async () => {
    stage = await DelegatedStage.start('delegated-app-lookups');
  });
  afterEach(() => stage.stop());

  const invite = (address: string) => stage.bot.say(personalMessage(`invite ${address} New Guest`, stage.bot.activityOptions()));

  it('asks a person who has not signed in to sign in, keeps the request, and sends nothing to Graph', async () => {
    const [reply] = await invite('newguest@tailspin.com');
    const card = oauthCardOf(reply);
    assert.ok(card, 'an OAuth card');
    assert.equal(card.connectionName, SSO_CONNECTION);
    assert.equal(card.tokenExchangeResource.uri, SSO_APP_ID_URI, 'Teams can try single sign-on first');
    assert.equal(card.buttons[0].type, 'signin');
    assert.match(card.buttons[0].value, new RegExp(`^${stage.tokenService.url}/signin\\?state=`), 'the fallback sign-in link');
    assert.equal(stage.bot.simulator.requestsTo('GET', '/').length + stage.bot.invitationPosts().length, 0, 'Graph was not asked anything');
    assert.equal(stage.onBehalfOfRequests().length, 0);
    assert.deepEqual(await stage.bot.app.store.requests.list({}), [], 'no request recorded before the sign-in');
  });

  it('resumes the kept invitation after the single sign-on exchange, with Megan\'s own delegated token', async () => {
    await invite('newguest@tailspin.com');
    const before = stage.bot.connector.activities.length;
    const response = await stage.exchange(stage.ssoToken(megan), { id: 'exchange-megan' });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { id: 'exchange-megan', connectionName: SSO_CONNECTION });

    const posts = stage.bot.invitationPosts();
    assert.equal(posts.length, 1, 'the kept invitation ran once');
    const claims = stage.bot.entra.decode(bearerOf(posts[0]));
    assert.equal(claims.oid, megan.aadObjectId, 'the token is Megan\'s');
    assert.equal(claims.idtyp, 'user');
    assert.match(String(claims.scp), /User\.Invite\.All/, 'with the delegated permission');
    assert.equal(claims.roles, undefined, 'and no application permissions');
    const [obo] = stage.onBehalfOfRequests();
    assert.ok(obo, 'the Graph token came from the on-behalf-of grant');
    assert.equal(obo.grantType, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    assert.equal(obo.clientId, CLIENT_ID, 'by the app registration');
    assert.equal(obo.tenantId, SANDBOX_IDS.tenant);
    assert.equal(obo.parameters.assertion, '[redacted]', 'the assertion was sent (the fake records it redacted)');
    assert.ok(stage.bot.simulator.directory.findUserByEmail('newguest@tailspin.com'));

    const answered = stage.bot.connector.activities.slice(before).filter((a) => a.conversationId === MEGAN_CHAT);
    assert.equal(answered.length, 1, 'the answer comes in the chat');
    assert.match(cardText(cardOf(answered[0])), /newguest@tailspin\.com/);
    const [request] = await stage.bot.app.store.requests.list({});
    assert.equal(request?.value.state, 'invited');
  });

  it('needs no sign-in for the next command, and exchanges once for both', async () => {
    await invite('first@tailspin.com');
    await stage.exchange(stage.ssoToken(megan));
    const [reply] = await invite('second@tailspin.com');
    assert.equal(oauthCardOf(reply), undefined, 'no second sign-in card');
    assert.match(cardText(cardOf(reply)), /second@tailspin\.com/);
    const posts = stage.bot.invitationPosts();
    assert.equal(posts.length, 2);
    assert.equal(stage.bot.entra.decode(bearerOf(posts[1])).oid, megan.aadObjectId);
    assert.equal(stage.onBehalfOfRequests().length, 1, 'the on-behalf-of credential and its Graph token are reused');
  });

  it('answers 412 to an exchange the token service refuses, then resumes after the magic-code sign-in', async () => {
    await invite('newguest@tailspin.com');
    const refused = await stage.exchange(stage.ssoToken(megan, 'api://someone-else/abc'), { id: 'exchange-refused' });
    assert.equal(refused.status, 412);
    const body = refused.body as { id: string; connectionName: string; failureDetail: string };
    assert.equal(body.id, 'exchange-refused');
    assert.equal(body.connectionName, SSO_CONNECTION);
    assert.ok(body.failureDetail.length > 0, 'Teams falls back to the sign-in button');
    assert.equal(stage.bot.invitationPosts().length, 0);

    assert.equal((await stage.verifyState('000000')).status, 404, 'an unknown code signs nobody in');
    assert.equal(stage.bot.invitationPosts().length, 0);
    const code = stage.tokenService.completeSignIn(stage.ssoToken(megan));
    const verified = await stage.verifyState(code);
    assert.equal(verified.status, 200);
    assert.equal(stage.bot.invitationPosts().length, 1, 'the kept invitation ran after the magic code');
    assert.equal(stage.bot.entra.decode(bearerOf(stage.bot.invitationPosts()[0])).oid, megan.aadObjectId);
  });

  it('runs the kept command once when Teams sends the same exchange from several clients', async () => {
    await invite('newguest@tailspin.com');
    const token = stage.ssoToken(megan);
    const answers = await Promise.all([1, 2, 3].map(() => stage.exchange(token, { id: 'exchange-twice' })));
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200]);
    assert.equal(stage.bot.invitationPosts().length, 1);
    const exchanges = stage.tokenService.requests.filter((request) => request.path === '/api/usertoken/exchange');
    assert.equal(exchanges.length, 1, 'the duplicates waited for the first exchange');
  });

  it('answers a kept command this version no longer has (kept before an upgrade) with help, not silence', async () => {
    await invite('newguest@tailspin.com');
    // What an older version kept: a command since retired. The record is replaced as a newer "keep" would.
    const retired = { kind: 'command', command: { name: 'retiredCommand' } } as unknown as PendingWork;
    await new PendingSignIns(stage.bot.app.store.state, systemClock).keep(megan.aadObjectId, MEGAN_CHAT, retired);
    const before = stage.bot.connector.activities.length;
    const response = await stage.exchange(stage.ssoToken(megan));
    assert.equal(response.status, 200);
    const answered = stage.bot.connector.activities.slice(before).filter((a) => a.conversationId === MEGAN_CHAT);
    assert.match(String(answered[0]?.activity.text), /didn't understand/, 'the person is told, not left waiting');
    assert.equal(stage.bot.invitationPosts().length, 0);
  });

  it('does not act on a token that is not the sender\'s: signs it out and says so, without another card', async () => {
    await invite('newguest@tailspin.com');
    const before = stage.bot.connector.activities.length;
    const response = await stage.exchange(stage.ssoToken(TEAMS_TEST_USERS.adele));
    assert.equal(response.status, 200, 'the token service took it');
    assert.equal(stage.bot.invitationPosts().length, 0, 'but nothing is sent with Adele\'s authority for Megan');
    const answered = stage.bot.connector.activities.slice(before);
    assert.equal(answered.length, 1);
    assert.equal(oauthCardOf(answered[0]), undefined, 'no second card (Teams would exchange again, in a loop)');
    assert.match(String(answered[0]?.activity.text), /did not work/);
    assert.ok(stage.tokenService.requests.some((request) => request.path === '/api/usertoken/SignOut'), 'the token is dropped at the token service');
  });

  it('refuses a malformed exchange or one for another connection with 400', async () => {
    const missing = await stage.bot.send(signInInvoke({ ...stage.bot.activityOptions(), name: 'signin/tokenExchange', value: { id: 'x' } }));
    assert.equal(missing.status, 400);
    const other = await stage.bot.send(
      signInInvoke({
        ...stage.bot.activityOptions(),
        name: 'signin/tokenExchange',
        value: { id: 'y', connectionName: 'SomeOtherConnection', token: stage.ssoToken(megan) },
      }),
    );
    assert.equal(other.status, 400);
    assert.equal(stage.tokenService.requests.filter((request) => request.path === '/api/usertoken/exchange').length, 0);
  });

  it('logs no token of any kind during a whole delegated flow, failures included', async () => {
    const ssoToken = stage.ssoToken(megan);
    await invite('newguest@tailspin.com');
    await stage.exchange(stage.ssoToken(megan, 'api://someone-else/abc'));
    await stage.exchange(ssoToken);
    stage.bot.simulator.enqueueFault(
      { method: 'POST', pathPrefix: '/v1.0/invitations' },
      { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } },
    );
    await invite('refused@tailspin.com');
    const code = stage.tokenService.completeSignIn(ssoToken);
    await stage.verifyState(code);
    const logs = stage.bot.logLines.join('\n');
    for (const expected of ['sign-in asked for', 'not exchanged', 'signed in: resuming the request', '"outcome":"failed"']) {
      assert.ok(logs.includes(expected), `the flow was logged: ${expected}`);
    }
    assert.ok(!JWT.test(logs), 'no JWT (sign-on, on-behalf-of or app token) in the logs');
    assert.ok(!logs.includes(ssoToken.split('.')[2]!), 'not even a token\'s signature');
    assert.ok(!logs.includes(code), 'nor the magic code');
    for (const request of stage.bot.simulator.requestsTo('GET', '/')) assert.ok(!logs.includes(bearerOf(request).split('.')[2]!));
  });
});
