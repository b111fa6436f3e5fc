import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { longestGraphCallMs } from '../../src/graph/graph-client';
import { createGuestPass } from '../../src/index';
import { longestInvitationMs } from '../../src/invitation/carry-out-invitation';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { createLogger } from '../../src/logging/logger';
import { openSqliteStore } from '../../src/storage';
import { BotProcess } from '../support/bot-process';
import { seededRandom, testSeed } from '../support/seeded-random';
import { personalMessage, send } from '../support/teams-activities';
import { testCaIsTrusted } from '../support/tls';
import { ExternalServices } from '../support/external-services';

const INVITES = 200;
const KILLS = 5;
const CONCURRENCY = 8;
/** Past the leases a killed bot held, added to the bound after which housekeeping resumes any claimed request. */
const HOUSEKEEPING_CLOCK_SHIFT_MS = 10 * 60_000;

/**
 * The bot runs as a real process on an SQLite file and is killed with SIGKILL (no shutdown handler) at random
 * points while 200 invitations are under way, then restarted. The sender behaves like a person (or the Bot
 * Connector) who gets no answer: it sends the same command again after the restart. Afterwards, the housekeeping
 * job finishes what the killed processes left, and every address must have been invited exactly once.
 */
describe('SIGKILL at random points during 200 invitations', function () {
  // About 12 s and 18 s of CPU on a quiet machine, nearly all of it six cold starts of the bot through tsx and 200
  // invitations: CPU-bound work that stretches with the machine's load (past 90 s at a load of 10 on 2 cores). The
  // run itself is bounded (at most KILLS + 3 starts, each given 30 s to become healthy), so this only stops a hang.
  this.timeout(180_000);
  const seed = testSeed(20261122);
  let services: ExternalServices;

  before(async function () {
    // The in-process housekeeping below talks to the https fakes: the run must trust the test CA (npm test does).
    if (!testCaIsTrusted()) this.skip();
    services = new ExternalServices();
    await services.start();
  });
  after(() => services?.stop());

  it(`loses no request and invites nobody twice after restarts and housekeeping (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const policyFile = services.writePolicy('dailyQuotaPerRequester: 1000\n');
    const env = services.botEnv({ POLICY_FILE: policyFile });
    const emails = Array.from({ length: INVITES }, (_, i) => `crash-${String(i).padStart(3, '0')}@tailspin.com`);
    const unacknowledged = [...emails];
    let kills = 0;
    let resent = 0;

    // Bounded: KILLS rounds that end in a kill, then at most three calm rounds to finish the queue.
    for (let round = 0; unacknowledged.length > 0 && round < KILLS + 3; round++) {
      const bot = await BotProcess.start({ script: 'src/index.ts', env });
      const killAfterAcks = round < KILLS ? 10 + Math.floor(random() * 30) : Number.POSITIVE_INFINITY;
      const killDelayMs = Math.floor(random() * 15);
      let acks = 0;
      let killed = false;
      let killing: Promise<void> | undefined;

      const worker = async () => {
        for (let email = unacknowledged.shift(); email !== undefined; email = killed ? undefined : unacknowledged.shift()) {
          const activity = personalMessage(`invite ${email} --no-email`, {
            serviceUrl: services.connector.serviceUrl,
            conversationId: `a:crash-${email}`,
          });
          try {
            const response = await send(bot.url, activity);
            assert.equal(response.status, 200, `the bot answered ${response.status} for ${email}`);
            if (++acks === killAfterAcks) {
              killing = new Promise<void>((resolve) => setTimeout(resolve, killDelayMs)).then(() => {
                killed = true;
                return bot.kill();
              });
            }
          } catch (error) {
            if (!killed) throw error;
            // No answer: the process died under this request. Send it again once the bot is back.
            unacknowledged.push(email);
            resent++;
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      } catch (error) {
        await bot.kill();
        throw new Error(`${(error as Error).message}\n--- bot output ---\n${bot.output()}`);
      }
      if (killing) {
        await killing;
        kills++;
      } else {
        await bot.stop();
      }
    }
    assert.equal(unacknowledged.length, 0, 'every command was eventually answered');
    assert.equal(kills, KILLS);

    const requests = await housekeepAfterRestart(services, policyFile);

    // A request stored just before a kill, whose command was then re-sent, is a duplicate: the re-sent one invites,
    // and the resumed original finds the guest there and ends failed (alreadyExists) without a second invitation.
    const isDuplicateOfInvited = (request: InvitationRequest) =>
      request.state === 'failed' &&
      request.result?.errorKind === 'alreadyExists' &&
      requests.some((other) => other.id !== request.id && other.state === 'invited' && other.invitation.email === request.invitation.email);
    const stuck = requests.filter((request) => request.state !== 'invited' && !isDuplicateOfInvited(request));
    assert.deepEqual(stuck.map((r) => `${r.id} ${r.invitation.email} ${r.state}`), [], 'every stored request ends invited, or as a duplicate of one');
    for (const email of emails) {
      // Two requests may end invited for one address (one stopped in `inviting` is recovered as invited when the
      // guest is found, whoever's POST made it); what must hold is one invitation per address, checked below.
      assert.ok(requests.some((request) => request.invitation.email === email && request.state === 'invited'), `a request for ${email} ends invited`);
      const user = services.simulator.directory.findUserByEmail(email);
      assert.ok(user, `${email} was invited`);
      const invitations = services.simulator.directory.invitationsFor(user.id);
      assert.equal(invitations.length, 1, `${email} was invited ${invitations.length} times`);
      const replies = services.connector.activities.filter((a) => a.conversationId === `a:crash-${email}`);
      assert.ok(replies.length > 0, `the requester of ${email} got an answer`);
    }
    assert.ok(resent > 0, 'the kills interrupted requests in flight (otherwise this test proves nothing)');
  });
});

/**
 * The last restart: the bot's own HousekeepingJob on the same SQLite file, with a clock moved past the bound
 * after which a claimed request is resumed and past the lease the killed processes held, so nothing has to sleep.
 * The clock is the composition root's existing test override; no configuration variable is needed.
 */
async function housekeepAfterRestart(services: ExternalServices, policyFile: string): Promise<InvitationRequest[]> {
  const store = openSqliteStore(join(services.workDir, 'guestpass.sqlite'));
  const config = loadConfig(services.botEnv({ POLICY_FILE: policyFile }));
  // Without its jobs started this instance keeps no presence to ask, so only the bound lets it resume requests.
  const shiftMs = longestInvitationMs(longestGraphCallMs(config.graph)) + HOUSEKEEPING_CLOCK_SHIFT_MS;
  const app = await createGuestPass(config, {
    store,
    clock: { now: () => new Date(Date.now() + shiftMs) },
    startJobs: false,
    logger: createLogger({ level: 'silent' }),
  });
  try {
    await app.housekeeping.runOnce();
    return (await store.requests.list({})).map((entry) => entry.value);
  } finally {
    await app.close();
    await store.close();
  }
}
