import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/storage';
import { TEAMS_TEST_USERS, TeamsUser, adaptiveCardActionInvoke, personalMessage, send } from '../support/teams-activities';
import { BotProcess } from '../support/bot-process';
import { CLIENT_SECRET, ExternalServices } from '../support/external-services';

const { megan, adele } = TEAMS_TEST_USERS;
const REDEEM = /\/redeem\?/i;
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;

/**
 * Logs go to App Service and Log Analytics, where many people can read them. The real process, configured as in
 * production but at LOG_LEVEL=trace, runs a whole flow (direct invitation with the redeem link, an approval, a
 * status query, a Graph refusal whose body echoes a link and a token) and its output is searched for anything a
 * reader could misuse: the client secret, a bearer token, a redeem URL.
 */
describe('what the logs of a whole flow contain, at LOG_LEVEL=trace', function () {
  this.timeout(60_000);
  let services: ExternalServices;
  let bot: BotProcess | undefined;

  before(async () => {
    services = new ExternalServices();
    await services.start();
  });
  after(async () => {
    await bot?.kill();
    await services?.stop();
  });

  it('holds no secret, no token and no redeem URL', async () => {
    const policyFile = services.writePolicy(
      [
        'approval: { rule: untrustedDomains, trustedDomains: [tailspin.com] }',
        `approvers: { users: ["${adele.aadObjectId}"], groups: [] }`,
      ].join('\n'),
    );
    bot = await BotProcess.start({ script: 'src/index.ts', env: services.botEnv({ LOG_LEVEL: 'trace', POLICY_FILE: policyFile }) });
    const { connector, simulator } = services;
    const say = async (text: string, from: TeamsUser = megan, conversationId = `a:logs-${from.aadObjectId}`) => {
      const before = connector.activities.length;
      const response = await send(bot!.url, personalMessage(text, { serviceUrl: connector.serviceUrl, from, conversationId }));
      assert.equal(response.status, 200, text);
      await connector.waitForActivities(before + 1);
    };

    await say('help', adele);
    await say('invite direct@tailspin.com Direct Guest --no-email');
    await say('invite approved@untrusted.org --no-email --message "Welcome"');
    const [pending] = await listPending(services);
    assert.ok(pending, 'the second invitation waits for approval');
    const before = connector.activities.length;
    const decision = adaptiveCardActionInvoke({ serviceUrl: connector.serviceUrl, from: adele, verb: 'request.approve', data: { requestId: pending } });
    assert.equal((await send(bot.url, decision)).status, 200);
    await connector.waitForActivities(before + 1);
    await say('status direct@tailspin.com');
    simulator.enqueueFault(
      { method: 'POST', pathPrefix: '/v1.0/invitations' },
      {
        status: 400,
        body: { error: { code: 'BadRequest', message: 'Echo https://login.microsoftonline.com/redeem?rd=leak Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJsZWFrIn0.x' } },
      },
    );
    await say('invite refused@tailspin.com');
    await bot.stop();

    const shown = JSON.stringify(connector.activities.map((a) => a.activity));
    assert.match(shown, REDEEM, 'the flow did produce redeem links (shown to the requester only)');
    const logs = bot.output();
    assert.ok(logs.split('\n').filter((line) => line.startsWith('{')).length >= 5, `structured logs were written:\n${logs}`);
    assert.ok(!logs.includes(CLIENT_SECRET), 'the client secret');
    assert.doesNotMatch(logs, REDEEM, 'a redeem URL');
    assert.doesNotMatch(logs, JWT, 'a token');
    assert.doesNotMatch(logs, /Bearer\s+(?!\[redacted\])\S/i, 'an Authorization header');
  });
});

/** Ids of requests waiting for approval, read from the child's SQLite file through a second connection. */
async function listPending(services: ExternalServices): Promise<string[]> {
  const store = openSqliteStore(join(services.workDir, 'guestpass.sqlite'));
  try {
    return (await store.requests.list({ states: ['pendingApproval'] })).map((entry) => entry.value.id);
  } finally {
    await store.close();
  }
}
