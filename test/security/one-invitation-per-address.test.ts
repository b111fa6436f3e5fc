import assert from 'node:assert/strict';
import { RecordedActivity } from '../support/fake-bot-connector';
import { RunningAzurite, startAzurite, uniqueTablePrefix } from '../support/azurite';
import { BotProcess } from '../support/bot-process';
import { ExternalServices } from '../support/external-services';
import { personalMessage, send, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';
import { testCaIsTrusted } from '../support/tls';

const INVITATIONS = '/v1.0/invitations';
/** The English card text that names who asked first (cards:result.alreadyRequested.text). */
const ALREADY_ASKED = /asked to invite .* and that request is still open/;

/**
 * Two people invite the same new address at the same moment, each through another GuestPass process, the two
 * sharing one store (as two App Service instances do). Graph holds the first POST /invitations until the other
 * person has had an answer, so the second request is certain to arrive while the first is in flight: the test
 * does not depend on timing. Exactly one invitation may reach Graph, and the other person must learn who asked.
 */
describe('one invitation per address across two bot processes on one store', function () {
  this.timeout(120_000);
  let services: ExternalServices;
  let azurite: RunningAzurite;
  let policyFile: string;

  before(async function () {
    // The children reach the https fakes through the test CA, which the run must trust (npm test does).
    if (!testCaIsTrusted()) this.skip();
    this.timeout(60_000);
    services = new ExternalServices();
    await services.start();
    azurite = await startAzurite();
    policyFile = services.writePolicy('dailyQuotaPerRequester: 1000\n');
  });

  after(async () => {
    await azurite?.stop();
    await services?.stop();
  });

  const stores: { name: string; env: () => Record<string, string> }[] = [
    { name: 'one SQLite file', env: () => ({}) },
    {
      name: 'one Azurite table',
      env: () => ({
        STORE: 'table',
        AZURE_TABLES_CONNECTION_STRING: azurite.connectionString,
        AZURE_TABLES_TABLE_PREFIX: uniqueTablePrefix('Unique'),
      }),
    },
  ];

  for (const [index, store] of stores.entries()) {
    it(`sends one invitation and tells the other person who asked, on ${store.name}`, async () => {
      const env = services.botEnv({ POLICY_FILE: policyFile, ...store.env() });
      const bots = await Promise.all([BotProcess.start({ script: 'src/index.ts', env }), BotProcess.start({ script: 'src/index.ts', env })]);
      const email = `same-address-${index}@tailspin.com`;
      const people: { user: TeamsUser; conversationId: string; bot: BotProcess }[] = [
        { user: TEAMS_TEST_USERS.megan, conversationId: `a:unique-${index}-megan`, bot: bots[0] },
        { user: TEAMS_TEST_USERS.adele, conversationId: `a:unique-${index}-adele`, bot: bots[1] },
      ];
      const postsBefore = services.simulator.requestsTo('POST', INVITATIONS).length;
      let release = services.simulator.hold({ method: 'POST', pathPrefix: INVITATIONS });
      try {
        const refusal = firstRefusal(services, people.map((person) => person.conversationId));
        // The email is withheld so that the winner's answer carries a redeem URL: the other must not get one.
        const sent = people.map(({ user, conversationId, bot }) =>
          send(bot.url, personalMessage(`invite ${email} --no-email`, { serviceUrl: services.connector.serviceUrl, from: user, conversationId })),
        );
        const refused = await refusal;
        release();
        release = () => undefined;
        const answers = await Promise.all(sent);
        assert.deepEqual(
          answers.map((answer) => answer.status),
          [200, 200],
          people.map((person) => person.bot.output()).join('\n'),
        );

        assert.equal(services.simulator.requestsTo('POST', INVITATIONS).length - postsBefore, 1, 'exactly one POST /invitations');
        const loser = people.find((person) => person.conversationId === refused.conversationId)!;
        const winner = people.find((person) => person !== loser)!;
        const refusalText = JSON.stringify(refused.activity);
        assert.match(refusalText, new RegExp(winner.user.name), 'the refusal names who asked first');
        assert.doesNotMatch(refusalText, /redeem/i);
        const loserSaw = JSON.stringify(services.connector.activities.filter((a) => a.conversationId === loser.conversationId));
        assert.doesNotMatch(loserSaw, /redeem\?/, 'the other person never sees a redeem URL');

        const winnerSaw = await services.connector.waitForActivities(1, { conversationId: winner.conversationId });
        assert.match(JSON.stringify(winnerSaw), /https:\/\/login\.microsoftonline\.com\/redeem\?/, 'the first person gets their invitation');
      } finally {
        release();
        await Promise.all(bots.map((bot) => bot.stop()));
      }
    });
  }
});

/** The first activity in one of `conversationIds` that says someone already asked for the address. */
function firstRefusal(services: ExternalServices, conversationIds: string[]): Promise<RecordedActivity> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      services.connector.onActivity = undefined;
      reject(new Error('Nobody was told that the address was already requested'));
    }, 30_000);
    services.connector.onActivity = (recorded) => {
      if (!conversationIds.includes(recorded.conversationId) || !ALREADY_ASKED.test(JSON.stringify(recorded.activity))) return;
      clearTimeout(timer);
      services.connector.onActivity = undefined;
      resolve(recorded);
    };
  });
}
